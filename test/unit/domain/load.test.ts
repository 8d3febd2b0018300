import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectiveDefinitionError, loadDirectiveFile, resolveDirective } from '../../../domain';
import { days, definition, milestone } from './fixtures';

const folder = mkdtempSync(join(tmpdir(), 'directive-load-'));
function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe('loadDirectiveFile', () => {
  it('loads a valid definition and fills in defaults', () => {
    const path = file('ok.json', JSON.stringify(definition([milestone('a', days(30))])));
    expect(loadDirectiveFile(path)).toMatchObject({ id: 'TEST-1', timeZone: 'America/New_York' });
  });

  it('reports a JSON syntax error with the file name, on one line', () => {
    const path = file('broken.json', '{\n  "id": "TEST-1",\n  "title": \n}');
    expect(() => loadDirectiveFile(path)).toThrow(DirectiveDefinitionError);
    expect(() => loadDirectiveFile(path)).toThrow(
      /^.*broken\.json is invalid:\n {2}- \(file\): not valid JSON: [^\n]+$/,
    );
  });

  it('turns a character position into a line and column', () => {
    const path = file('position.json', '{\n  "id": "TEST-1",\n  x\n}');
    expect(() => loadDirectiveFile(path)).toThrow(
      /position\.json is invalid:\n {2}- \(file\): not valid JSON: .*line 3, column 3/,
    );
  });

  it('reports schema problems with the file name and path', () => {
    const path = file('bad.json', JSON.stringify(definition([milestone('a', days(30)), milestone('a', days(3))])));
    expect(() => loadDirectiveFile(path)).toThrow(
      `${path} is invalid:\n  - milestones.1.id: duplicate milestone id "a"`,
    );
  });

  it('reports a missing file with its name', () => {
    expect(() => loadDirectiveFile(join(folder, 'absent.json'))).toThrow(
      `${join(folder, 'absent.json')} is invalid:\n  - (file): cannot read`,
    );
  });
});

describe('resolveDirective', () => {
  it('prefers a built-in id', () => {
    expect(resolveDirective('BOD-17-01').id).toBe('BOD-17-01');
  });

  it('falls back to a .json path', () => {
    const path = file('custom.json', JSON.stringify(definition([milestone('a', days(30))], { id: 'CUSTOM-1' })));
    expect(resolveDirective(path).id).toBe('CUSTOM-1');
  });

  it('names the built-ins when given neither', () => {
    expect(() => resolveDirective('BOD-99-01')).toThrow(
      '"BOD-99-01" is neither a built-in directive (BOD-17-01, BOD-18-01, BOD-20-01, BOD-26-02, ED-20-02) nor a .json file',
    );
  });
});

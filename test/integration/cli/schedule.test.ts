import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AgenciesFileError, loadAgenciesFile } from '../../../domain/agencies-file';
import { cli, tmpDir, uniqueDirectiveFile } from './harness';

describe('directive schedule (no server)', () => {
  it('prints every milestone with its due date and why', async () => {
    const r = await cli(['schedule', 'BOD-17-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('identify   Fri 2017-10-13 23:59 EDT');
    expect(r.stdout).toContain('plan: 60 calendar days after Wed 2017-09-13 → Sun 2017-11-12');
    expect(r.stdout).toContain('removed: open-ended');
  });

  it('--json gives one document with directiveId, issuedAt, timeZone and milestones', async () => {
    const r = await cli(['schedule', 'bod-17-01', '--issued-at', '2026-03-02', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      directiveId: 'BOD-17-01',
      issuedAt: '2026-03-02T05:00:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(doc.milestones[0]).toEqual({
      id: 'identify',
      title: 'Identify Kaspersky-branded products',
      dueAt: '2026-04-02T03:59:59.999Z',
      explanation: expect.stringContaining('30 calendar days'),
    });
    expect(doc.milestones).toHaveLength(28);
  });

  it("defaults --issued-at to the definition's issuedOn", async () => {
    const doc = JSON.parse((await cli(['schedule', 'BOD-17-01', '--json'])).stdout);
    expect(doc.issuedAt).toBe('2017-09-13T04:00:00.000Z');
  });

  it('reads a .json definition', async () => {
    const { id, file } = uniqueDirectiveFile(tmpDir('cli-schedule-'), 'S');
    const r = await cli(['schedule', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).directiveId).toBe(id);
  });

  it('a malformed --issued-at is exit 2 naming the option', async () => {
    const r = await cli(['schedule', 'BOD-17-01', '--issued-at', '2017-13-45']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^directive: --issued-at: "2017-13-45" is not an ISO date/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unknown directive is exit 2', async () => {
    const r = await cli(['schedule', 'BOD-99-99']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown directive: "BOD-99-99" is neither a built-in directive');
  });

  it('an unparsable definition file is exit 2 naming the file', async () => {
    const file = path.join(tmpDir('cli-schedule-'), 'broken.json');
    writeFileSync(file, '{ "id": ');
    const r = await cli(['schedule', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.json');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('unknown options and commands are exit 2; --help is exit 0 with an example', async () => {
    expect((await cli(['schedule', 'BOD-17-01', '--bogus'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    for (const command of [
      ['schedule'],
      ['campaign', 'start'],
      ['campaign', 'status'],
      ['status'],
      ['list'],
      ['complete'],
      ['review'],
      ['amend'],
      ['rescind'],
      ['decide'],
      ['report'],
    ]) {
      const help = await cli([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Example');
    }
  });

  it('a missing server setting is reported as invalid configuration, naming the variable', async () => {
    const r = await cli(['status', 'BOD-17-01', 'DOJ'], { TEMPORAL_ADDRESS: 'not a host' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TEMPORAL_ADDRESS');
  });
});

describe('agencies files', () => {
  const dir = tmpDir('cli-agencies-');
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const good = {
    id: 'DOJ',
    name: 'Department of Justice',
    contacts: {
      complianceOfficer: 'compliance@doj.example.gov',
      cio: 'cio@doj.example.gov',
      head: 'head@doj.example.gov',
    },
  };

  it('ships the 23 civilian CFO Act agencies', () => {
    const agencies = loadAgenciesFile(path.join(__dirname, '../../../data/agencies/cfo-act.json'));
    expect(agencies.map((a) => a.id)).toEqual([
      'USDA',
      'DOC',
      'ED',
      'DOE',
      'HHS',
      'DHS',
      'HUD',
      'DOI',
      'DOJ',
      'DOL',
      'DOS',
      'DOT',
      'TREAS',
      'VA',
      'EPA',
      'NASA',
      'USAID',
      'GSA',
      'NSF',
      'NRC',
      'OPM',
      'SBA',
      'SSA',
    ]);
    expect(agencies.every((a) => Object.values(a.contacts).every((e) => e.endsWith('.example.gov')))).toBe(true);
  });

  it('reads CSV with the same columns', () => {
    const file = write(
      'a.csv',
      'id,name,complianceOfficer,cio,head\nDOJ,Department of Justice,compliance@doj.example.gov,cio@doj.example.gov,head@doj.example.gov\n',
    );
    expect(loadAgenciesFile(file)).toEqual([good]);
  });

  it('names the file, the entry and the field', () => {
    const bad = [good, good, good, { ...good, id: 'X', contacts: { ...good.contacts, cio: 'nope' } }];
    expect(() => loadAgenciesFile(write('agencies.json', JSON.stringify(bad)))).toThrow(
      'agencies.json: [1].id: duplicate agency id DOJ',
    );
    bad.splice(1, 2);
    expect(() => loadAgenciesFile(write('agencies.json', JSON.stringify(bad)))).toThrow(
      /^agencies\.json: \[1\]\.contacts\.cio: Invalid email address$/,
    );
    expect(() =>
      loadAgenciesFile(write('b.csv', 'id,name,complianceOfficer,cio,head\nDOJ,Justice,a@b.gov,c@d.gov,nope\n')),
    ).toThrow('b.csv: row 2, column head: Invalid email address');
    expect(() => loadAgenciesFile(write('c.csv', 'id,name\nDOJ,Justice\n'))).toThrow(
      'c.csv: missing columns complianceOfficer, cio, head',
    );
    expect(() => loadAgenciesFile(write('d.json', '[{'))).toThrow(/^d\.json: not valid JSON/);
    expect(() => loadAgenciesFile(path.join(dir, 'missing.json'))).toThrow(AgenciesFileError);
  });

  it('campaign start with a bad agencies file is exit 2 before any server is contacted', async () => {
    const file = write('bad.json', JSON.stringify([{ ...good, contacts: { ...good.contacts, head: 'x' } }]));
    const r = await cli(['campaign', 'start', 'BOD-17-01', '--agencies', file], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--agencies: bad.json: [0].contacts.head: Invalid email address');
  });
});

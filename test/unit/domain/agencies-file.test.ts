import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgenciesFileError, loadAgenciesFile } from '../../../domain/agencies-file';

/** The agencies a campaign binds, from the file an operator passes to `campaign start --agencies`. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'directive-agencies-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const doj = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: {
    complianceOfficer: 'compliance@doj.example.gov',
    cio: 'cio@doj.example.gov',
    head: 'head@doj.example.gov',
  },
};
const HEADER = 'id,name,complianceOfficer,cio,head';
const DOJ_ROW = 'DOJ,Department of Justice,compliance@doj.example.gov,cio@doj.example.gov,head@doj.example.gov';

describe('loadAgenciesFile', () => {
  test('ships the 23 civilian CFO Act agencies, every contact on the example domain', () => {
    const agencies = loadAgenciesFile(path.join(__dirname, '../../../data/agencies/cfo-act.json'));
    expect(agencies).toHaveLength(23);
    expect(agencies.map((a) => a.id)).toEqual(expect.arrayContaining(['DOJ', 'DHS', 'TREAS', 'NASA', 'SSA']));
    expect(new Set(agencies.map((a) => a.id)).size).toBe(23);
    for (const a of agencies) for (const email of Object.values(a.contacts)) expect(email).toMatch(/\.example\.gov$/);
  });

  test('reads the same agency from JSON and from CSV, whatever the case of the extension', () => {
    expect(loadAgenciesFile(write('a.json', JSON.stringify([doj])))).toEqual([doj]);
    expect(loadAgenciesFile(write('a.csv', `${HEADER}\n${DOJ_ROW}\n`))).toEqual([doj]);
    expect(loadAgenciesFile(write('b.CSV', `${HEADER}\n${DOJ_ROW}\n`))).toEqual([doj]);
  });

  test('tolerates what spreadsheets leave in a CSV: a byte-order mark, spaces around cells, blank lines', () => {
    const csv = `\uFEFF${HEADER}\n\n DOJ , Department of Justice ,compliance@doj.example.gov, cio@doj.example.gov,head@doj.example.gov\n\n`;
    expect(loadAgenciesFile(write('excel.csv', csv))).toEqual([doj]);
  });

  test('names the file, the entry and the field of a bad contact', () => {
    const bad = [doj, { ...doj, id: 'SBA', contacts: { ...doj.contacts, cio: 'nope' } }];
    expect(() => loadAgenciesFile(write('agencies.json', JSON.stringify(bad)))).toThrow(
      new AgenciesFileError('agencies.json: [1].contacts.cio: Invalid email address'),
    );
    expect(() =>
      loadAgenciesFile(write('agencies.csv', `${HEADER}\n${DOJ_ROW}\nSBA,Small Business,a@sba.gov,b@sba.gov,nope\n`)),
    ).toThrow(new AgenciesFileError('agencies.csv: row 3, column head: Invalid email address'));
  });

  test('refuses an agency id that would not make a clean workflow id', () => {
    expect(() => loadAgenciesFile(write('lower.json', JSON.stringify([{ ...doj, id: 'doj' }])))).toThrow(
      'lower.json: [0].id: must be upper-case letters, digits and dashes, e.g. DOJ',
    );
  });

  test('refuses the same agency twice, saying where it first appeared', () => {
    expect(() => loadAgenciesFile(write('twice.json', JSON.stringify([doj, doj])))).toThrow(
      'twice.json: [1].id: duplicate agency id DOJ (already at [0])',
    );
    expect(() => loadAgenciesFile(write('twice.csv', `${HEADER}\n${DOJ_ROW}\n${DOJ_ROW}\n`))).toThrow(
      'twice.csv: row 3, column id: duplicate agency id DOJ (already at row 2)',
    );
  });

  test('refuses a file that is not a list of agencies', () => {
    expect(() => loadAgenciesFile(write('empty.json', '[]'))).toThrow('empty.json: lists no agencies');
    expect(() => loadAgenciesFile(write('object.json', JSON.stringify({ agencies: [doj] })))).toThrow(
      'object.json: expected a JSON array of agencies',
    );
    expect(() => loadAgenciesFile(write('cut.json', '[{'))).toThrow(/^cut\.json: not valid JSON: /);
    expect(() => loadAgenciesFile(write('header-only.csv', `${HEADER}\n`))).toThrow(
      'header-only.csv: lists no agencies',
    );
  });

  test('names the CSV columns that are missing', () => {
    expect(() => loadAgenciesFile(write('two.csv', 'id,name\nDOJ,Justice\n'))).toThrow(
      'two.csv: missing columns complianceOfficer, cio, head (expected id,name,complianceOfficer,cio,head)',
    );
    expect(() =>
      loadAgenciesFile(write('no-head.csv', 'id,name,complianceOfficer,cio\nDOJ,J,a@b.gov,c@d.gov\n')),
    ).toThrow('no-head.csv: missing column head (expected id,name,complianceOfficer,cio,head)');
  });

  test('an unreadable file is an AgenciesFileError naming it', () => {
    expect(() => loadAgenciesFile(path.join(dir, 'missing.json'))).toThrow(
      new AgenciesFileError(`missing.json: cannot read ${path.join(dir, 'missing.json')}: ENOENT`),
    );
  });
});

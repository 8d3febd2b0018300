/** Who may do what in the portal: deny by default, each grant from the agencies file, the directive or the roster file. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findDirective } from '../../../domain/library';
import { buildRoster, canReport, canReview, canSee, loadRosterFile } from '../../../portal/access/roster';
import { tempDir } from '../../fixtures/notices';

const bod = findDirective('BOD-17-01')!;
const agency = (id: string) => ({
  id,
  name: `${id} (test)`,
  contacts: {
    complianceOfficer: `officer@${id.toLowerCase()}.example.gov`,
    cio: `cio@${id.toLowerCase()}.example.gov`,
    head: `head@${id.toLowerCase()}.example.gov`,
  },
});
const roster = buildRoster({
  agencies: [agency('DOJ'), agency('SBA')],
  directives: [bod],
  entries: [{ role: 'officer', email: 'Deputy@DOJ.example.gov', agency: 'DOJ' }],
});

test("an agency's contacts act for that agency only, under every directive", () => {
  const officer = roster.accessFor('officer@doj.example.gov')!;
  expect(canSee(officer, 'BOD-17-01', 'DOJ')).toBe(true);
  expect(canReport(officer, 'DOJ')).toBe(true);
  expect(canSee(officer, 'BOD-17-01', 'SBA')).toBe(false);
  expect(canReport(officer, 'SBA')).toBe(false);
  expect(canReview(officer, 'BOD-17-01')).toBe(false);
  expect(canReport(roster.accessFor('head@sba.example.gov')!, 'SBA')).toBe(true);
});

test("the directive's reviewer reviews and sees every agency's obligation, but reports for none", () => {
  const reviewer = roster.accessFor(bod.contacts.reviewer.email)!;
  expect(canReview(reviewer, 'BOD-17-01')).toBe(true);
  expect(canSee(reviewer, 'BOD-17-01', 'SBA')).toBe(true);
  expect(canReport(reviewer, 'SBA')).toBe(false);
  expect(canReview(reviewer, 'BOD-18-01')).toBe(false);
  expect(canSee(reviewer, 'BOD-18-01', 'SBA')).toBe(false);
});

test("the issuer's contacts see every agency of their directives and review nothing", () => {
  const issuer = roster.accessFor(bod.contacts.issuer.email)!;
  expect(canSee(issuer, 'BOD-17-01', 'DOJ')).toBe(true);
  expect(canReview(issuer, 'BOD-17-01')).toBe(false);
  expect(canReport(issuer, 'DOJ')).toBe(false);
});

test('someone on no roster has no access at all; addresses match whatever their case', () => {
  expect(roster.accessFor('stranger@example.com')).toBeUndefined();
  expect(roster.accessFor('OFFICER@DOJ.EXAMPLE.GOV')?.email).toBe('officer@doj.example.gov');
  expect(canReport(roster.accessFor('deputy@doj.example.gov')!, 'DOJ')).toBe(true);
});

describe('the roster file', () => {
  const write = (content: unknown) => {
    const file = path.join(tempDir('roster'), 'roster.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  test('adds officers, reviewers and issuer staff', () => {
    const entries = loadRosterFile(
      write([
        { role: 'officer', email: 'deputy@sba.example.gov', agency: 'SBA' },
        { role: 'reviewer', email: 'second-reviewer@example.gov', directive: 'BOD-17-01' },
      ]),
    );
    const r = buildRoster({ agencies: [agency('SBA')], directives: [bod], entries });
    expect(canReport(r.accessFor('deputy@sba.example.gov')!, 'SBA')).toBe(true);
    expect(canReview(r.accessFor('second-reviewer@example.gov')!, 'BOD-17-01')).toBe(true);
  });

  test('a bad entry is refused naming the file, the entry and the field', () => {
    expect(() => loadRosterFile(write([{ role: 'officer', email: 'not-an-email', agency: 'SBA' }]))).toThrow(
      /roster.json: \[0\]\.email/,
    );
    expect(() => loadRosterFile(write([{ role: 'admin', email: 'a@b.gov' }]))).toThrow(
      'roster.json: [0].role: role must be "officer", "reviewer" or "issuer"',
    );
    expect(() => loadRosterFile(write('{ nope'))).toThrow(/roster.json: cannot read a JSON roster/);
    expect(() => loadRosterFile(write({ officers: [] }))).toThrow(
      'roster.json: expected a JSON array of roster entries',
    );
  });

  test('an entry naming an agency or directive the portal does not serve is refused, not silently ignored', () => {
    expect(() =>
      buildRoster({
        agencies: [agency('SBA')],
        directives: [bod],
        entries: [{ role: 'officer', email: 'x@doj.example.gov', agency: 'DOJ' }],
      }),
    ).toThrow('roster: x@doj.example.gov: unknown agency DOJ');
  });
});

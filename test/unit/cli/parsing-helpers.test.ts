import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeSchedule } from '../../../domain/calculus';
import { DirectiveDefinitionError } from '../../../domain/directive';
import { directiveArg, issuedAtOption } from '../../../client/cli/directive-input';
import { CliError, classify } from '../../../client/cli/errors';
import { checkEmail, checkId } from '../../../client/cli/format';
import { obligationQuery } from '../../../client/cli/list';
import { evidenceFrom } from '../../../client/cli/obligation';

/** The CLI's parsing helpers, for what the command line alone does not show: the values they produce. */
const bod = directiveArg('BOD-17-01');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'directive-cli-helpers-'));

/** The exit code and message the user would get for this error. */
const outcome = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return classify(err);
  }
  throw new Error('expected a refusal');
};

describe('directiveArg and issuedAtOption', () => {
  test('a built-in directive is found however it is capitalised', () => {
    expect(directiveArg('bod-17-01')).toBe(bod);
    expect(bod.id).toBe('BOD-17-01');
  });

  test('an unknown directive and an unreadable definition file are invalid input, exit 2', () => {
    expect(outcome(() => directiveArg('BOD-99-99'))).toEqual({
      exitCode: 2,
      message: expect.stringMatching(/^<directiveId>: unknown directive: "BOD-99-99" is neither a built-in directive/),
    });
    const missing = path.join(tmp, 'missing.json');
    expect(() => directiveArg(missing)).toThrow(DirectiveDefinitionError);
    expect(outcome(() => directiveArg(missing))).toEqual({ exitCode: 2, message: expect.stringContaining(missing) });
  });

  test("--issued-at is passed on as typed when it is a date; absent, it is the definition's own issuance date", () => {
    expect(issuedAtOption(bod, '2017-09-13T09:00-04:00')).toBe('2017-09-13T09:00-04:00');
    expect(issuedAtOption(bod, undefined)).toBe('2017-09-13');
    expect(computeSchedule(bod, issuedAtOption(bod, undefined)).issuedAt).toBe('2017-09-13T04:00:00.000Z');
  });

  test('an --issued-at that names no real day is refused, naming the option', () => {
    expect(() => issuedAtOption(bod, '2017-02-29')).toThrow(CliError);
    expect(outcome(() => issuedAtOption(bod, '2017-02-29'))).toEqual({
      exitCode: 2,
      message: expect.stringMatching(/^--issued-at: "2017-02-29" is not an ISO date/),
    });
  });
});

describe('evidence from the command line', () => {
  test('an evidence file is recorded by its SHA-256, and its local path is not recorded as a file: link', () => {
    const file = path.join(tmp, 'scan.txt');
    writeFileSync(file, 'abc');
    expect(evidenceFrom({ by: 'o@doj.example.gov', evidence: '  scan: none found ', evidenceFile: file })).toEqual({
      summary: 'scan: none found',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', // SHA-256("abc"), FIPS 180-2
    });
  });

  test('an explicit --evidence-uri is kept, with the checksum of the file', () => {
    const file = path.join(tmp, 'plan.txt');
    writeFileSync(file, 'abc');
    const uri = 'https://docs.doj.example.gov/bod-17-01/plan';
    expect(evidenceFrom({ by: 'o@doj.example.gov', evidence: 'plan', evidenceFile: file, evidenceUri: uri })).toEqual({
      summary: 'plan',
      uri,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});

describe('other helpers', () => {
  test("list's filters become one visibility query over the search attributes", () => {
    expect(obligationQuery({})).toBe("WorkflowType = 'agencyObligation'");
    expect(obligationQuery({ directive: 'BOD-17-01', agency: ' DOJ ', phase: 'plan', overdue: true })).toBe(
      "WorkflowType = 'agencyObligation' AND DirectiveId = 'BOD-17-01' AND AgencyId = 'DOJ' AND ObligationPhase = 'plan' AND Overdue = true",
    );
    expect(outcome(() => obligationQuery({ agency: "DOJ' OR AgencyId != '" }))).toMatchObject({ exitCode: 2 });
  });

  test('ids and emails are trimmed of the spaces a copy-and-paste leaves', () => {
    expect(checkId(' identify ', '<milestoneId>')).toBe('identify');
    expect(checkEmail(' officer@doj.example.gov\t', '--by')).toBe('officer@doj.example.gov');
  });
});

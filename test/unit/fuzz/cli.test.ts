/**
 * Drill 5, the command line: every `directive` command, in-process, with 1,000 generated bad command lines each (one
 * bad argument or option in an otherwise valid line, a required one left out, an unknown option, conflicting
 * flags). Each exits 2 with nothing on stdout and a message naming the argument or option, before it would connect to
 * Temporal (the unit project has no server: see ./run.ts in test/unit/cli).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { LIMITS } from '../../../domain/limits';
import { WOULD_CONNECT, cli } from '../cli/run';
import { RUNS, badEmail, badId, badName, badText, badUri, oversized, withForbidden } from './bad-values';

const strings = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  arb.filter((v): v is string => typeof v === 'string');
/** A positional argument starting with `-` would be read as an option: commander's message, not ours. */
const positional = (arb: fc.Arbitrary<unknown>) => strings(arb).filter((v) => !v.startsWith('-'));

const badIssuedAt = fc.oneof(
  fc.constantFrom('2017-02-30', '2017-13-01', '2017-10-13T25:00:00Z', '13/10/2017', 'tomorrow', '2017-1-5', '20171'),
  fc.stringMatching(/^[a-z ]{1,30}$/).filter((s) => s.trim() !== ''),
  withForbidden('line', '2017-10-', ''),
);
const badDateTime = fc.oneof(
  badIssuedAt,
  fc.constantFrom('2017-10-13', '2017-10-13T17:00:00', '2017-02-30T10:00:00Z', '1507928400000'),
);
const badTo = fc.oneof(badIssuedAt, fc.constantFrom('2017-04-31', '2017-02-29', '2018-00-10', '2017-10-13T17:00:00'));
const badDays = fc.oneof(
  fc.constantFrom('0', '-0', '+0', '1.5', '1e3', 'abc', '', ' ', '0x10', 'NaN', 'Infinity', '3651', '-3651'),
  fc.integer({ min: LIMITS.extendByDaysMax + 1 }).map(String),
  fc.integer({ max: -LIMITS.extendByDaysMax - 1 }).map(String),
);
const badLimit = fc.constantFrom('0', '-1', '1.5', 'abc', '', 'NaN', '-Infinity');
const badAmendmentId = fc.oneof(
  positional(badId).filter((v) => v !== 'a/b'),
  oversized(160, (n) => `a/${'b'.repeat(n)}`),
);

const dir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-cli-'));
const AGENCY = {
  id: 'DOJ',
  name: 'Justice',
  contacts: { complianceOfficer: 'o@doj.gov', cio: 'c@doj.gov', head: 'h@doj.gov' },
};
/** An agencies file broken in one place (written to disk, as a user's file would be). */
const badAgenciesFile = fc
  .oneof(
    fc.constantFrom('', 'not json', '{}', '[1]', '[{}]', 'null', '[', 'id,name\n'),
    fc
      .constantFrom('id', 'name')
      .chain((field) =>
        strings(field === 'id' ? badId : badName).map((v) => JSON.stringify([{ ...AGENCY, [field]: v }])),
      ),
    fc
      .constantFrom('complianceOfficer', 'cio', 'head')
      .chain((role) =>
        strings(badEmail).map((v) => JSON.stringify([{ ...AGENCY, contacts: { ...AGENCY.contacts, [role]: v } }])),
      ),
    fc.constant(JSON.stringify([AGENCY, AGENCY])),
  )
  .map((content) => {
    const file = path.join(dir, `agencies-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    return file;
  });

interface Slot {
  /** What the message must name: `<argument>` (commander says `argument`) or `--option`. */
  name: string;
  bad: fc.Arbitrary<string>;
}
interface Command {
  /** The valid command line, split into the words before the slots, the positionals and the options. */
  words: string[];
  positionals: Record<string, string>;
  options: Record<string, string | true>;
  required: string[];
  slots: Slot[];
  /** Combinations of flags that are wrong together, and the option the message names. */
  conflicts?: { add: Record<string, string | true>; drop?: string[]; name: string }[];
}

const email = 'officer@doj.example.gov';
const WHY = { '--reason': 'portal outage', '--directed-by': 'DHS' };
const COMMANDS: Record<string, Command> = {
  schedule: {
    words: ['schedule'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--issued-at': '2017-09-13' },
    required: [],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--issued-at', bad: badIssuedAt },
    ],
  },
  'campaign start': {
    words: ['campaign', 'start'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--agencies': 'data/agencies/cfo-act.json', '--issued-at': '2017-09-13' },
    required: ['--agencies'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--issued-at', bad: badIssuedAt },
      { name: '--agencies', bad: fc.oneof(badAgenciesFile, fc.constantFrom(path.join(dir, 'absent.json'), dir)) },
    ],
  },
  'campaign status': {
    words: ['campaign', 'status'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: {},
    required: [],
    slots: [{ name: '<directiveId>', bad: positional(badId) }],
  },
  status: {
    words: ['status'],
    positionals: { '<directiveId>': 'BOD-17-01', '<agencyId>': 'DOJ' },
    options: {},
    required: [],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '<agencyId>', bad: positional(badId) },
    ],
  },
  list: {
    words: ['list'],
    positionals: {},
    options: { '--directive': 'BOD-17-01', '--agency': 'DOJ', '--phase': 'plan', '--limit': '10' },
    required: [],
    slots: [
      { name: '--directive', bad: strings(badId) },
      { name: '--agency', bad: strings(badId) },
      { name: '--phase', bad: strings(badId) },
      { name: '--limit', bad: badLimit },
    ],
  },
  complete: {
    words: ['complete'],
    positionals: { '<directiveId>': 'BOD-17-01', '<agencyId>': 'DOJ', '<milestoneId>': 'identify' },
    options: {
      '--by': email,
      '--evidence': 'scan: none found',
      '--evidence-uri': 'https://docs.doj.example.gov/scan',
      '--completed-at': '2017-10-12T16:00:00-04:00',
    },
    required: ['--by', '--evidence'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '<agencyId>', bad: positional(badId) },
      { name: '<milestoneId>', bad: positional(badId) },
      { name: '--by', bad: strings(badEmail) },
      { name: '--evidence', bad: strings(badText) },
      { name: '--evidence-uri', bad: strings(badUri).filter((v) => v.trim() !== '') },
      { name: '--completed-at', bad: badDateTime },
      { name: '--evidence-file', bad: fc.constantFrom(path.join(dir, 'no-such-file.pdf'), dir) },
    ],
  },
  review: {
    words: ['review'],
    positionals: { '<directiveId>': 'BOD-17-01', '<agencyId>': 'DOJ', '<milestoneId>': 'plan' },
    options: { '--by': email, '--approve': true, '--comment': 'complete' },
    required: ['--by', '--comment'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '<agencyId>', bad: positional(badId) },
      { name: '<milestoneId>', bad: positional(badId) },
      { name: '--by', bad: strings(badEmail) },
      { name: '--comment', bad: strings(badText) },
    ],
    conflicts: [
      { add: { '--reject': true }, name: '--approve / --reject' },
      { add: {}, drop: ['--approve'], name: '--approve / --reject' },
    ],
  },
  amend: {
    words: ['amend'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--agency': 'DOJ', '--extend': 'identify', '--by-days': '14', ...WHY, '--amendment-id': 'A-1' },
    required: ['--reason', '--directed-by'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--agency', bad: strings(badId) },
      { name: '--extend', bad: strings(badId) },
      { name: '--by-days', bad: badDays },
      { name: '--reason', bad: strings(badText) },
      { name: '--directed-by', bad: strings(badName) },
      { name: '--amendment-id', bad: badAmendmentId },
    ],
    conflicts: [
      { add: { '--to': '2017-11-01' }, name: '--extend' },
      { add: {}, drop: ['--by-days'], name: '--extend' },
      { add: { '--waive': 'plan' }, name: '--extend' },
      { add: {}, drop: ['--extend', '--by-days'], name: '--extend' },
      { add: { '--waive': 'plan' }, drop: ['--extend'], name: '--by-days' },
      ...['--waive', '--hold', '--resume'].map((flag) => ({
        add: { [flag]: '..' },
        drop: ['--extend', '--by-days'],
        name: flag,
      })),
      { add: { '--to': 'x' }, drop: ['--by-days'], name: '--to' },
    ],
  },
  'amend --to': {
    words: ['amend'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--extend': 'identify', '--to': '2017-11-01', ...WHY },
    required: [],
    slots: [{ name: '--to', bad: badTo }],
  },
  rescind: {
    words: ['rescind'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { ...WHY, '--amendment-id': 'R-1' },
    required: ['--reason', '--directed-by'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--reason', bad: strings(badText) },
      { name: '--directed-by', bad: strings(badName) },
      { name: '--amendment-id', bad: badAmendmentId },
    ],
  },
  decide: {
    words: ['decide'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--uphold': true, '--by': 'DHS', '--reason': 'vendor response reviewed', '--amendment-id': 'D-1' },
    required: ['--by', '--reason'],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--by', bad: strings(badName) },
      { name: '--reason', bad: strings(badText) },
      { name: '--amendment-id', bad: badAmendmentId },
    ],
    conflicts: [
      { add: { '--rescind': true }, name: '--uphold / --rescind' },
      { add: {}, drop: ['--uphold'], name: '--uphold / --rescind' },
    ],
  },
  report: {
    words: ['report'],
    positionals: { '<directiveId>': 'BOD-17-01' },
    options: { '--format': 'csv' },
    required: [],
    slots: [
      { name: '<directiveId>', bad: positional(badId) },
      { name: '--format', bad: fc.string({ maxLength: 10 }).filter((f) => f !== 'csv' && f !== 'json') },
    ],
  },
};

function argv(c: Command, positionals: Record<string, string>, options: Record<string, string | true>): string[] {
  const opts = Object.entries(options).map(([flag, v]) => (v === true ? flag : `${flag}=${v}`));
  return [...c.words, ...Object.values(positionals), ...opts];
}

/** One bad command line for `c`, and the name its refusal must give. */
function badLines(c: Command): fc.Arbitrary<{ argv: string[]; name: string }> {
  const one = fc
    .constantFrom(...c.slots)
    .chain((slot) =>
      slot.bad.map((value) =>
        slot.name.startsWith('<')
          ? { argv: argv(c, { ...c.positionals, [slot.name]: value }, c.options), name: slot.name }
          : { argv: argv(c, c.positionals, { ...c.options, [slot.name]: value }), name: slot.name },
      ),
    );
  const lines: fc.Arbitrary<{ argv: string[]; name: string }>[] = [one];
  for (const flag of c.required) {
    const { [flag]: _dropped, ...rest } = c.options;
    lines.push(fc.constant({ argv: argv(c, c.positionals, rest), name: flag }));
  }
  for (const key of Object.keys(c.positionals)) {
    const { [key]: _dropped, ...rest } = c.positionals;
    // Only the last positional can be left out; commander then names it.
    if (key === Object.keys(c.positionals).at(-1))
      lines.push(fc.constant({ argv: argv(c, rest, c.options), name: key }));
  }
  for (const conflict of c.conflicts ?? []) {
    const options = { ...c.options, ...conflict.add };
    for (const d of conflict.drop ?? []) delete options[d];
    lines.push(fc.constant({ argv: argv(c, c.positionals, options), name: conflict.name }));
  }
  lines.push(
    fc
      .stringMatching(/^[a-z]{3,12}$/)
      .filter(
        (o) =>
          !Object.keys(c.options).includes(`--${o}`) &&
          ![
            'json',
            'help',
            'dry-run',
            'out',
            'approve',
            'reject',
            'uphold',
            'rescind',
            'overdue',
            'to',
            'waive',
            'hold',
            'resume',
            'format',
            'agencies',
            'evidence',
            'by',
          ].includes(o),
      )
      .map((o) => ({ argv: [...argv(c, c.positionals, c.options), `--${o}`], name: `--${o}` })),
  );
  return fc.oneof({ arbitrary: one, weight: lines.length * 3 }, ...lines.slice(1));
}

const mentions = (stderr: string, name: string): boolean => {
  const bare = name.replace(/^<|>$/g, '');
  const escaped = bare.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${escaped}(?![\\w-])`).test(stderr);
};

describe.each(Object.entries(COMMANDS))('directive %s', (label, command) => {
  test(`1,000 bad command lines each exit 2, naming the argument or option (${label})`, async () => {
    // The valid line gets past every check: it stops only where it would connect (or prints, for schedule).
    const ok = await cli(argv(command, command.positionals, command.options));
    expect(ok.code === 0 || ok.stderr.includes(WOULD_CONNECT)).toBe(true);
    await fc.assert(
      fc.asyncProperty(badLines(command), async ({ argv: line, name }) => {
        const r = await cli(line);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
        expect(r.stderr).not.toContain(WOULD_CONNECT);
        if (!mentions(r.stderr, name)) throw new Error(`the message does not name ${name}: ${r.stderr.slice(0, 300)}`);
      }),
      RUNS,
    );
  });
});

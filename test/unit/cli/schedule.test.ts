import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeSchedule, formatInstant } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import { cli, refusal } from './run';

/** `directive schedule`: the deadline calculus from the command line, no server involved. */
const bod = findDirective('BOD-17-01')!;
const schedule = computeSchedule(bod, '2017-09-13');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'directive-cli-schedule-'));

describe('directive schedule', () => {
  test('prints every BOD 17-01 deadline in Washington time, with why it falls there, even with no server reachable', async () => {
    const r = await cli(['schedule', 'BOD-17-01'], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'BOD-17-01 — Removal of Kaspersky-branded products',
      'issued Wed 2017-09-13 00:00 EDT (America/New_York)',
    ]);
    expect(lines).toContain('identify   Fri 2017-10-13 23:59 EDT  Identify Kaspersky-branded products');
    expect(lines).toContain('plan       Sun 2017-11-12 23:59 EST  Plan of action for removal');
    expect(lines).toContain('removed    —                         Full removal and discontinuance');
    // One row per scheduled occurrence, its deadline in the directive's zone, and one line saying why.
    for (const m of schedule.milestones) {
      const due = m.dueAt === null ? '—' : formatInstant(m.dueAt, 'America/New_York');
      expect(lines.filter((l) => l.startsWith(`${m.id} `))).toEqual([
        `${m.id.padEnd(9)}  ${due.padEnd(24)}  ${m.title}`,
      ]);
      expect(lines).toContain(`  ${m.id}: ${m.explanation}`);
    }
    expect(lines).toContain(
      '  vendor response: due Fri 2017-11-03 23:59 EDT: 51 calendar days after Wed 2017-09-13 → Fri 2017-11-03, due 23:59:59 EDT',
    );
  });

  test("--json gives the same instants the engine schedules, and defaults the issuance to the definition's date", async () => {
    const r = await cli(['schedule', 'bod-17-01', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      directiveId: 'BOD-17-01',
      issuedAt: schedule.issuedAt,
      timeZone: 'America/New_York',
      milestones: schedule.milestones.map(({ id, title, dueAt, explanation }) => ({ id, title, dueAt, explanation })),
      vendorResponse: { dueAt: schedule.vendorResponseDueAt, explanation: schedule.vendorResponseExplanation },
    });
  });

  test('--issued-at takes a date-time local to the directive or with an offset; deadlines still fall at the end of day 30', async () => {
    const local = await cli(['schedule', 'BOD-17-01', '--issued-at', '2017-09-13T09:00']);
    expect(local.stdout).toContain('issued Wed 2017-09-13 09:00 EDT (America/New_York)');
    const offset = JSON.parse(
      (await cli(['schedule', 'BOD-17-01', '--issued-at', '2017-09-13T09:00-04:00', '--json'])).stdout,
    );
    expect(offset.issuedAt).toBe('2017-09-13T13:00:00.000Z');
    expect(offset.milestones[0].dueAt).toBe(schedule.milestones[0]!.dueAt);
  });

  test('gives ED 20-02 its 5 pm Eastern deadline', async () => {
    const r = await cli(['schedule', 'ED-20-02']);
    expect(r.stdout).toMatch(/^initial-report +Fri 2020-01-17 17:00 EST +Initial report$/m);
  });

  test('an --issued-at that is not a date is refused with exit 2, naming the option and the value', async () => {
    for (const bad of ['2017-02-30', '2017-13-45', 'yesterday', '2017-09-13T25:00']) {
      const stderr = await refusal(['schedule', 'BOD-17-01', '--issued-at', bad]);
      expect(stderr).toMatch(
        new RegExp(`^directive: --issued-at: "${bad}" is not an ISO date \\(YYYY-MM-DD\\) or date-time`),
      );
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  test('an unknown directive is refused, listing the built-in ones', async () => {
    expect(await refusal(['schedule', 'BOD-99-99'])).toBe(
      'directive: <directiveId>: unknown directive: "BOD-99-99" is neither a built-in directive (BOD-17-01, BOD-18-01, BOD-20-01, BOD-26-02, ED-20-02) nor a .json file\n',
    );
  });

  test('reads a definition file, and refuses one that is not valid JSON, naming the file', async () => {
    const good = path.join(tmp, 'agency-directive.json');
    writeFileSync(good, JSON.stringify({ ...bod, id: 'LOCAL-1', issuedOn: '2026-03-02' }));
    const r = await cli(['schedule', good, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ directiveId: 'LOCAL-1', issuedAt: '2026-03-02T05:00:00.000Z' });

    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, '{ "id": ');
    const stderr = await refusal(['schedule', broken]);
    expect(stderr).toContain('broken.json');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a missing directive or an unknown option is refused by the parser with a pointer to --help', async () => {
    for (const argv of [['schedule'], ['schedule', 'BOD-17-01', '--bogus']]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^error: (missing required argument 'directiveId'|unknown option '--bogus')\n\(add --help for usage\)\n$/,
      );
    }
  });
});

import { computeSchedule, formatInstant } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import { nextClockEvent } from '../../../domain/obligation';
import { describeClockEvent, detailsTable, formatDue } from '../../../workflows/labels';
import { DAY_MS, Obligation, bod1701, dueAt, issuedAt, schedule } from '../../fixtures/bod-17-01';

/** What an operator reads in the Web UI: the timer an obligation waits on, and its "current details" table. */
const TZ = bod1701.timeZone;
const identifyDue = dueAt('identify');
const planDue = dueAt('plan');

describe('formatDue: a deadline as the Web UI shows it', () => {
  test("shows the deadline in the directive's zone, EDT in October and EST in November", () => {
    expect(formatDue(identifyDue, TZ)).toBe('Fri 2017-10-13 23:59 EDT');
    expect(formatDue(planDue, TZ)).toBe('Sun 2017-11-12 23:59 EST');
  });

  test("gives the same text whatever the server's own time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Pago_Pago']) {
        process.env.TZ = zone;
        expect([zone, formatDue(identifyDue, TZ), formatDue(planDue, TZ)]).toEqual([
          zone,
          'Fri 2017-10-13 23:59 EDT',
          'Sun 2017-11-12 23:59 EST',
        ]);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('shows midnight as 00:00 and a 5 pm deadline as 17:00', () => {
    expect(formatDue(issuedAt, TZ)).toBe('Wed 2017-09-13 00:00 EDT');
    const ed2002 = findDirective('ED-20-02')!;
    const initialReport = computeSchedule(ed2002, ed2002.issuedOn!).milestones[0]!;
    expect(formatDue(Date.parse(initialReport.dueAt!), ed2002.timeZone)).toBe('Fri 2020-01-17 17:00 EST');
  });

  test('writes every BOD 17-01 deadline exactly as the emails do', () => {
    for (const m of schedule.milestones.filter((x) => x.dueAt !== null))
      expect(formatDue(Date.parse(m.dueAt!), TZ)).toBe(formatInstant(m.dueAt!, TZ));
  });

  test('shows a dash for a milestone without a deadline', () => {
    expect(formatDue(null, TZ)).toBe('—');
    expect(formatDue(undefined, TZ)).toBe('—');
  });
});

describe('describeClockEvent: the summary of the timer an obligation waits on', () => {
  const waitingOn = (o: Obligation): string => describeClockEvent(nextClockEvent(o.state)!, TZ);

  test('before a reminder: which milestone, in how many days, and the deadline', () => {
    const o = new Obligation();
    expect(waitingOn(o)).toBe('reminder: identify due in 7 day(s), Fri 2017-10-13 23:59 EDT');
    o.tick(identifyDue - 7 * DAY_MS);
    expect(waitingOn(o)).toBe('reminder: identify due in 1 day(s), Fri 2017-10-13 23:59 EDT');
  });

  test('at the deadline: the milestone and its due date, where the first escalation step falls at the deadline', () => {
    const o = new Obligation();
    o.tick(identifyDue - DAY_MS);
    expect(nextClockEvent(o.state)).toMatchObject({ kind: 'escalation', level: 1 });
    expect(waitingOn(o)).toBe('identify due Fri 2017-10-13 23:59 EDT');
  });

  test('at the deadline: the same words where the escalation ladder starts later', () => {
    const lenient = {
      ...bod1701,
      milestones: bod1701.milestones.map((m) =>
        m.id === 'identify' ? { ...m, escalation: [{ level: 1, notify: ['cio' as const], afterDays: 3 }] } : m,
      ),
    };
    const o = new Obligation(identifyDue - DAY_MS / 2, undefined, lenient);
    expect(nextClockEvent(o.state)).toMatchObject({ kind: 'deadline' });
    expect(waitingOn(o)).toBe('identify due Fri 2017-10-13 23:59 EDT');
  });

  test('after the deadline: which escalation level comes if the milestone is still missing', () => {
    const o = new Obligation();
    o.tick(identifyDue);
    expect(waitingOn(o)).toBe('escalation level 2 if identify is still missing');
    o.tick(identifyDue + 7 * DAY_MS);
    expect(waitingOn(o)).toBe('escalation level 3 if identify is still missing');
  });

  test("while a plan awaits review: the reviewer's reminder, then the review deadline", () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    const submittedAt = planDue - 2 * DAY_MS;
    o.report('plan', submittedAt);
    expect(waitingOn(o)).toBe('review reminder: plan review due in 1 day(s)');
    o.tick(submittedAt + 9 * DAY_MS);
    expect(waitingOn(o)).toBe('plan review due Mon 2017-11-20 23:59 EST');
  });
});

describe('detailsTable: the obligation at a glance', () => {
  const rowOf = (table: string, id: string): string => {
    const row = table.split('\n').find((line) => line.startsWith(`| ${id} |`));
    if (!row) throw new Error(`no row for ${id} in\n${table}`);
    return row;
  };

  test('at issuance: every one-off milestone with its due date, the status reports summed up in one row', () => {
    const table = detailsTable(new Obligation().state, TZ);
    expect(table.split('\n')).toEqual([
      '**BOD-17-01 · DOJ** — active, 28 open',
      '',
      '| milestone | what | due | state |',
      '|---|---|---|---|',
      '| identify | Identify Kaspersky-branded products | Fri 2017-10-13 23:59 EDT | pending |',
      '| plan | Plan of action for removal | Sun 2017-11-12 23:59 EST | pending |',
      '| remove | Begin removal | Tue 2017-12-12 23:59 EST | pending |',
      '| status-1 | Status report #1 (+23 more scheduled) | Thu 2018-01-11 23:59 EST | pending |',
      '| removed | Full removal and discontinuance | — | pending |',
    ]);
    expect(schedule.milestones.filter((m) => m.milestoneId === 'status')).toHaveLength(24);
  });

  test('a milestone past its deadline is marked overdue, with the escalation level reached', () => {
    const o = new Obligation();
    o.tick(identifyDue - DAY_MS);
    expect(rowOf(detailsTable(o.state, TZ), 'identify')).toMatch(/\| pending \|$/);
    o.tick(identifyDue);
    expect(rowOf(detailsTable(o.state, TZ), 'identify')).toMatch(/\| pending, \*\*overdue\*\*, escalated L1 \|$/);
    o.tick(identifyDue + 7 * DAY_MS);
    expect(rowOf(detailsTable(o.state, TZ), 'identify')).toMatch(/\| pending, \*\*overdue\*\*, escalated L2 \|$/);
  });

  test('a milestone reported late stays marked late and escalated, no longer overdue', () => {
    const o = new Obligation();
    o.tick(identifyDue + 7 * DAY_MS);
    o.report('identify', identifyDue + 8 * DAY_MS);
    expect(rowOf(detailsTable(o.state, TZ), 'identify')).toBe(
      '| identify | Identify Kaspersky-branded products | Fri 2017-10-13 23:59 EDT | completed, late, escalated L2 |',
    );
  });

  test('a held milestone says so and is not overdue while held', () => {
    const o = new Obligation();
    o.amend(identifyDue - 3 * DAY_MS, { amendmentId: 'H-1', kind: 'hold', milestoneId: 'identify' });
    o.tick(identifyDue + 3 * DAY_MS);
    expect(rowOf(detailsTable(o.state, TZ), 'identify')).toMatch(/\| pending, on hold \|$/);
  });

  test('a plan under review shows as submitted with its review deadline, not overdue after its own deadline', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.tick(planDue + DAY_MS);
    expect(rowOf(detailsTable(o.state, TZ), 'plan')).toBe(
      '| plan | Plan of action for removal | Mon 2017-11-20 23:59 EST | submitted |',
    );
  });

  test('as status reports are filed, the next one becomes the current row and the count of those ahead goes down', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.review('plan', planDue, 'approve', 'ok');
    o.report('remove', dueAt('remove') - DAY_MS);
    o.report('status', dueAt('status-1') - DAY_MS);
    const table = detailsTable(o.state, TZ);
    expect(table).toContain('**BOD-17-01 · DOJ** — active, 24 open');
    expect(rowOf(table, 'status-1')).toBe('| status-1 | Status report #1 | Thu 2018-01-11 23:59 EST | completed |');
    expect(rowOf(table, 'status-2')).toBe(
      '| status-2 | Status report #2 (+22 more scheduled) | Sat 2018-02-10 23:59 EST | pending |',
    );
    expect(table).not.toContain('| status-3 |');
  });
});

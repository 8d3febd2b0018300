/**
 * Rules v3, the calendar (issue 9, points 3, 5, 6, 7, 8, 10, 16): deadlines, moves, reminders and recurring series
 * computed by the calculus in the directive's zone, applied by the reducer. BOD 17-01 issued 2017-09-13 and its own
 * instants; the amendments go through the same pure code the workflow uses (deadlineMoveRequest → the calculus that the
 * resolveDeadline activity runs → resolvedMove → reduce).
 */
import { DateTime } from 'luxon';
import { computeSchedule, nextOccurrences, planDeadlineMove } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import {
  DAY_MS,
  Refusal,
  deadlineMoveRequest,
  initialObligation,
  reduce,
  resolvedMove,
  seriesNeedingMore,
  statusView,
  type AmendmentMove,
  type NoticeIntent,
  type ObligationState,
} from '../../../domain/obligation';

const ZONE = 'America/New_York';
const bod = findDirective('BOD-17-01')!;
const agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};
const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
const scheduled = (id: string) => Date.parse(schedule.milestones.find((m) => m.id === id)!.dueAt!);

/** An instant given as New York wall-clock time, e.g. "2017-10-13T23:59:59.500". */
const local = (text: string) => DateTime.fromISO(text, { zone: ZONE }).toMillis();
/** An instant as New York wall-clock time, e.g. "Mon 2018-03-12 23:59:59.999 EDT". */
const wall = (ms: number | null) =>
  DateTime.fromMillis(ms ?? Number.NaN, { zone: ZONE })
    .setLocale('en-US')
    .toFormat('ccc yyyy-MM-dd HH:mm:ss.SSS ZZZZ');

const start = (rulesVersion = 3, def = bod, sched = schedule) =>
  initialObligation(def, agency, sched, Date.parse(sched.issuedAt), rulesVersion);
const tick = (state: ObligationState, now: number) => reduce(state, { type: 'tick', now });
const record = (state: ObligationState, id: string) => state.milestones.find((m) => m.id === id)!;

let serial = 0;
/** An amendment as the workflow resolves it under rules v3: the calculus computes every instant. */
function amend(state: ObligationState, at: number, move: AmendmentMove, sched = schedule) {
  serial += 1;
  const base = {
    amendmentId: `A-${serial}`,
    kind: move.kind,
    milestoneId: move.milestoneId,
    reason: 'test',
    directedBy: 'DHS/CS&C',
  };
  const request = deadlineMoveRequest(state, move, { timeZone: ZONE, issuedAt: sched.issuedAt, now: at });
  const moved = request && planDeadlineMove(request);
  const amendment = request && moved ? resolvedMove(base, request, moved) : base;
  return reduce(state, { type: 'amend', at, amendment });
}

const escalations = (notices: NoticeIntent[], id: string) =>
  notices.filter((n) => n.kind === 'escalation' && n.milestoneId === id).map((n) => `L${n.escalationLevel}`);

describe('point 8: a deadline covers its whole last second', () => {
  it('puts the end-of-day deadline at 23:59:59.999 local and still explains it as 23:59:59', () => {
    expect(wall(scheduled('identify'))).toBe('Fri 2017-10-13 23:59:59.999 EDT');
    expect(schedule.milestones.find((m) => m.id === 'identify')!.explanation).toMatch(/due 23:59:59 EDT$/);
  });

  it('records a report at 23:59:59.5 on the due day as on time', () => {
    const { state } = reduce(start(), {
      type: 'report',
      at: local('2017-10-13T23:59:59.500'),
      milestoneId: 'identify',
      completedBy: 'o@doj.example.gov',
      evidence: { summary: 'none found' },
    });
    expect(record(state, 'identify')).toMatchObject({ state: 'completed', late: false });
  });

  it('sends escalation L1 only once the last second is over', () => {
    const during = tick(start(), local('2017-10-13T23:59:59.500'));
    expect(escalations(during.notices, 'identify')).toEqual([]);
    expect(escalations(tick(during.state, local('2017-10-14T00:00:00')).notices, 'identify')).toEqual(['L1']);
  });
});

describe('point 16: reminders at a business hour in the directive zone', () => {
  it('sends the 7-day reminder for identify at 09:00 EDT on Fri 2017-10-06, not at 23:59:59', () => {
    const before = tick(start(), local('2017-10-06T08:59'));
    expect(before.notices.filter((n) => n.kind === 'reminder')).toEqual([]);
    const at = tick(before.state, local('2017-10-06T09:00'));
    expect(at.notices.filter((n) => n.kind === 'reminder').map((n) => n.detail)).toEqual(['due in 7 day(s)']);
  });

  it('keeps rules v2 obligations on deadline minus 7 × 24 h', () => {
    const at = tick(start(2), local('2017-10-06T09:00'));
    expect(at.notices.filter((n) => n.kind === 'reminder')).toEqual([]);
    expect(tick(at.state, local('2017-10-06T23:59:59.999')).notices.map((n) => n.kind)).toEqual(['reminder']);
  });

  it('takes the reminder time from the definition', () => {
    const def = { ...bod, reminderTime: '10:30' };
    const sched = computeSchedule(def, '2017-09-13');
    const identify = sched.milestones.find((m) => m.id === 'identify')!;
    expect(identify.reminders!.map((r) => wall(Date.parse(r.at)))).toEqual([
      'Fri 2017-10-06 10:30:00.000 EDT',
      'Thu 2017-10-12 10:30:00.000 EDT',
    ]);
  });

  it('recomputes the reminders at 09:00 when a deadline moves, across the November DST change', () => {
    // identify extended by 30 days: Sun 2017-11-12 23:59:59 EST; its 7-day reminder Sun 2017-11-05 09:00 EST.
    const { state } = amend(start(), issued + DAY_MS, { kind: 'extend', milestoneId: 'identify', extendByDays: 30 });
    expect(wall(record(state, 'identify').dueAt)).toBe('Sun 2017-11-12 23:59:59.999 EST');
    const reminders = record(state, 'identify').reminders!.instants.map((r) => wall(r.at));
    expect(reminders).toEqual(['Sun 2017-11-05 09:00:00.000 EST', 'Sat 2017-11-11 09:00:00.000 EST']);
  });
});

describe('point 6: every deadline move is calendar arithmetic in the directive zone', () => {
  it('moves status-2 with remove by whole calendar days across the March DST change: Mon 23:59 local, not Tue 00:59', () => {
    expect(wall(record(start(), 'status-2').dueAt)).toBe('Sat 2018-02-10 23:59:59.999 EST');
    const { state } = amend(start(), issued + DAY_MS, { kind: 'extend', milestoneId: 'remove', extendByDays: 30 });
    expect(wall(record(state, 'remove').dueAt)).toBe('Thu 2018-01-11 23:59:59.999 EST');
    expect(wall(record(state, 'status-2').dueAt)).toBe('Mon 2018-03-12 23:59:59.999 EDT');
    expect(record(state, 'status-2').explanation).toMatch(
      /moved later by 30 calendar days with the deadline it counts from/,
    );
  });

  it('moves a resumed deadline by the calendar days held: hold Mon 09:00 EDT, resume Mon 15:30 EST is 7 days', () => {
    let state = amend(start(), local('2017-10-30T09:00'), { kind: 'hold', milestoneId: 'remove' }).state;
    const resumed = amend(state, local('2017-11-06T15:30'), { kind: 'resume', milestoneId: 'remove' });
    state = resumed.state;
    expect(wall(record(state, 'remove').dueAt)).toBe('Tue 2017-12-19 23:59:59.999 EST');
    expect(wall(record(state, 'status-1').dueAt)).toBe('Thu 2018-01-18 23:59:59.999 EST');
    expect(record(state, 'remove').explanation).toBe(
      'moved by the 7 calendar days held (Mon 2017-10-30 → Mon 2017-11-06): Tue 2017-12-12 23:59 EST → Tue 2017-12-19 23:59 EST',
    );
  });

  it('leaves a date the issuer set explicitly during a hold where it is when the hold ends', () => {
    let state = amend(start(), local('2017-10-30T09:00'), { kind: 'hold', milestoneId: 'remove' }).state;
    state = amend(state, local('2017-11-01T10:00'), {
      kind: 'extend',
      milestoneId: 'remove',
      newDueAt: '2018-01-15',
    }).state;
    state = amend(state, local('2017-11-20T10:00'), { kind: 'resume', milestoneId: 'remove' }).state;
    expect(wall(record(state, 'remove').dueAt)).toBe('Mon 2018-01-15 23:59:59.999 EST');
    expect(record(state, 'remove').heldSince).toBeUndefined();
  });
});

describe('point 3: resuming a held milestone keeps its own deadline, moved by the days held', () => {
  it('keeps an agency extension and is never due "now", even when the hold outlasts the deadline', () => {
    // DOJ's 30-day extension of remove (Thu 2018-01-11), then a hold from day 51 to day 150 (Sat 2018-02-10).
    let state = amend(start(), issued + DAY_MS, { kind: 'extend', milestoneId: 'remove', extendByDays: 30 }).state;
    state = amend(state, local('2017-11-03T12:00'), { kind: 'hold', milestoneId: 'remove' }).state;
    state = tick(state, local('2018-02-10T11:00')).state;
    const resumed = amend(state, local('2018-02-10T12:00'), { kind: 'resume', milestoneId: 'remove' });
    // 99 calendar days held: Thu 2018-01-11 + 99 days = Fri 2018-04-20, at 23:59:59 local (now EDT).
    expect(wall(record(resumed.state, 'remove').dueAt)).toBe('Fri 2018-04-20 23:59:59.999 EDT');
    const remove = statusView(resumed.state).milestones.find((m) => m.id === 'remove')!;
    expect(remove).toMatchObject({ held: false, escalationLevel: 0 });
    expect(Date.parse(remove.dueAt!)).toBeGreaterThan(local('2018-02-10T12:00'));
    expect(escalations(resumed.notices, 'remove')).toEqual([]);
    const events = resumed.state.history.filter((h) => h.milestoneId === 'remove').map((h) => h.event);
    expect(events).toEqual(['amended:extend', 'amended:hold', 'amended:resume']);
  });
});

describe('point 5: an amendment runs the same escalation catch-up as a start', () => {
  it('sends L1 when identify is brought forward to a day already passed, then L2 and L3 in their time', () => {
    let state = tick(start(), local('2017-10-03T12:00')).state;
    const moved = amend(state, local('2017-10-03T12:00'), {
      kind: 'extend',
      milestoneId: 'identify',
      newDueAt: '2017-10-01',
    });
    expect(escalations(moved.notices, 'identify')).toEqual(['L1']);
    state = moved.state;
    const later = tick(state, local('2017-10-20T12:00'));
    expect(escalations(later.notices, 'identify')).toEqual(['L2', 'L3']);
  });

  it('sends only the level already reached, once, when the new date is further back', () => {
    const state = tick(start(), local('2017-10-12T12:00')).state;
    // New deadline Sun 2017-10-01: L2 (7 days) has come, L3 (14 days) not yet.
    const moved = amend(state, local('2017-10-12T12:00'), {
      kind: 'extend',
      milestoneId: 'identify',
      newDueAt: '2017-10-01',
    });
    expect(escalations(moved.notices, 'identify')).toEqual(['L2']);
    expect(escalations(tick(moved.state, local('2017-10-16T12:00')).notices, 'identify')).toEqual(['L3']);
  });

  it('refuses a new date before the issuance or more than ten years after it, naming the date', () => {
    const state = start();
    expect(() => amend(state, issued, { kind: 'extend', milestoneId: 'identify', newDueAt: '0001-01-01' })).toThrow(
      /the new deadline Mon 0001-01-01 23:59 .* is before the directive's issuance \(Wed 2017-09-13 00:00 EDT\)/,
    );
    expect(() => amend(state, issued, { kind: 'extend', milestoneId: 'identify', extendByDays: -100000 })).toThrow(
      /the new deadline Sun 1743-12-29 23:59 .* is before the directive's issuance/,
    );
    expect(() => amend(state, issued, { kind: 'extend', milestoneId: 'identify', newDueAt: '2027-09-14' })).toThrow(
      /the new deadline Tue 2027-09-14 23:59 EDT is more than 10 years after the directive's issuance/,
    );
    expect(() =>
      amend(state, issued, { kind: 'extend', milestoneId: 'identify', newDueAt: '2027-09-13' }),
    ).not.toThrow();
  });
});

describe('point 7: an open-ended milestone takes an absolute date', () => {
  const bod18 = findDirective('BOD-18-01')!;
  const sched18 = computeSchedule(bod18, bod18.issuedOn!);

  it('gives dmarc-report-address a deadline, then reminders at 09:00 and escalation', () => {
    const state = start(3, bod18, sched18);
    expect(record(state, 'dmarc-report-address').dueAt).toBeNull();
    const at = Date.parse(sched18.issuedAt) + 30 * DAY_MS;
    const dated = amend(
      state,
      at,
      { kind: 'extend', milestoneId: 'dmarc-report-address', newDueAt: '2018-02-01' },
      sched18,
    ).state;
    const m = record(dated, 'dmarc-report-address');
    expect(wall(m.dueAt)).toBe('Thu 2018-02-01 23:59:59.999 EST');
    expect(m.explanation).toBe('set to Thu 2018-02-01 23:59 EST (was open-ended)');
    const reminder = tick(dated, local('2018-01-25T09:00'));
    expect(reminder.notices.filter((n) => n.milestoneId === 'dmarc-report-address').map((n) => n.kind)).toEqual([
      'reminder',
    ]);
    expect(escalations(tick(reminder.state, local('2018-02-02T00:00')).notices, 'dmarc-report-address')).toEqual([
      'L1',
    ]);
  });

  it('refuses --by-days on an open-ended milestone, saying to give --to', () => {
    expect(() =>
      amend(start(3, bod18, sched18), Date.parse(sched18.issuedAt), {
        kind: 'extend',
        milestoneId: 'dmarc-report-address',
        extendByDays: 15,
      }),
    ).toThrow(
      new Refusal(
        'dmarc-report-address is open-ended (no deadline): --by-days has nothing to count from; give it a date with --to DATE',
      ),
    );
  });
});

describe('point 10: recurring reports continue until the closing milestone is done', () => {
  const status = (state: ObligationState) => state.milestones.filter((m) => m.milestoneId === 'status');

  it('computes up front the first 24 status reports, as before', () => {
    expect(status(start()).map((m) => m.id)).toHaveLength(24);
  });

  it('asks the calculus for the next reports when fewer than two lie ahead, and escalates status-25', () => {
    let state = start();
    expect(seriesNeedingMore(state)).toEqual([]);
    const status23 = record(state, 'status-23').dueAt!;
    state = tick(state, status23 + 1).state;
    const [need] = seriesNeedingMore(state);
    expect(need).toMatchObject({ milestoneId: 'status', last: { id: 'status-24', occurrence: 24 } });
    const next = nextOccurrences(bod, 'status', { occurrence: 24, dueAt: new Date(need!.last.dueAt).toISOString() }, 6);
    expect(next.map((o) => o.id)).toEqual([
      'status-25',
      'status-26',
      'status-27',
      'status-28',
      'status-29',
      'status-30',
    ]);
    expect(wall(Date.parse(next[0]!.dueAt!))).toBe(
      wall(DateTime.fromMillis(need!.last.dueAt, { zone: ZONE }).plus({ days: 30 }).toMillis()),
    );
    state = reduce(state, { type: 'occurrences', at: status23 + 1, milestoneId: 'status', occurrences: next }).state;
    expect(status(state)).toHaveLength(30);
    expect(seriesNeedingMore(state)).toEqual([]);
    const status25 = record(state, 'status-25');
    expect(status25).toMatchObject({ state: 'pending', rules: { closedBy: 'removed' } });
    expect(escalations(tick(state, status25.dueAt! + 1).notices, 'status-25')).toEqual(['L1']);
  });

  it('stops asking once removal is reported, and never under rules v2', () => {
    let state = start();
    const status23 = record(state, 'status-23').dueAt!;
    state = tick(state, status23 + 1).state;
    state.milestones = state.milestones.map((m) => (m.id === 'removed' ? { ...m, state: 'completed' } : m));
    expect(seriesNeedingMore(state)).toEqual([]);
    expect(seriesNeedingMore(tick(start(2), status23 + 1).state)).toEqual([]);
  });
});

/** The reducer alone, without a server: the rules the workflow applies. */
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import {
  DAY_MS,
  Refusal,
  initialObligation,
  nextClockEvent,
  noticeKey,
  reduce,
  statusView,
  type ObligationState,
} from '../../../domain/obligation';

const bod = findDirective('BOD-17-01')!;
const agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};
const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
const identifyDue = Date.parse(schedule.milestones.find((m) => m.id === 'identify')!.dueAt!);

function startAt(day: number, rulesVersion = 2): ObligationState {
  return initialObligation(bod, agency, schedule, issued + day * DAY_MS, rulesVersion);
}
const tick = (state: ObligationState, now: number) => reduce(state, { type: 'tick', now });

test('reminders whose time passed before the obligation started are skipped, not sent in a burst', () => {
  const late = startAt(25); // after the 7-day reminder (day 23), before the 1-day one
  const { notices } = tick(late, identifyDue - 0.5 * DAY_MS);
  expect(notices.map((n) => n.key)).toEqual([
    noticeKey(late, 'identify', 'reminder', { deadline: identifyDue, daysBefore: 1 }),
  ]);
});

test('each escalation level fires once, and a late report stops the ladder', () => {
  let state = startAt(0);
  const fired: string[] = [];
  for (const now of [identifyDue, identifyDue + 1, identifyDue + 8 * DAY_MS]) {
    const r = tick(state, now);
    state = r.state;
    fired.push(...r.notices.filter((n) => n.kind === 'escalation').map((n) => `L${n.escalationLevel}`));
  }
  expect(fired).toEqual(['L1', 'L2']);
  expect(statusView(state)).toMatchObject({ overdue: true, escalationLevel: 2, phase: 'identify' });
  state = reduce(state, {
    type: 'report',
    at: identifyDue + 9 * DAY_MS,
    milestoneId: 'identify',
    completedBy: 'o@doj.example.gov',
    evidence: { summary: 'none found' },
  }).state;
  expect(statusView(state).milestones[0]).toMatchObject({
    id: 'identify',
    state: 'completed',
    late: true,
    highestEscalation: 2,
  });
  const after = tick(state, identifyDue + 20 * DAY_MS);
  expect(after.notices.filter((n) => n.milestoneId === 'identify')).toEqual([]);
});

test('a refused event leaves the state untouched and says why', () => {
  const state = startAt(0);
  const copy = JSON.stringify(state);
  expect(() =>
    reduce(state, { type: 'report', at: issued + DAY_MS, milestoneId: 'identify', completedBy: 'o@doj.example.gov' }),
  ).toThrow(new Refusal('identify requires evidence: give evidence.summary (what was done and how it was verified)'));
  expect(() =>
    reduce(state, {
      type: 'review',
      at: issued + DAY_MS,
      milestoneId: 'plan',
      reviewer: 'r@dhs.example.gov',
      decision: 'approve',
      comment: 'ok',
    }),
  ).toThrow(/plan is not awaiting review/);
  expect(JSON.stringify(state)).toBe(copy);
});

test('the same amendmentId applied twice changes nothing the second time', () => {
  const extend = {
    amendmentId: 'A-1',
    kind: 'extend' as const,
    milestoneId: 'identify',
    newDueAt: identifyDue + 10 * DAY_MS,
    reason: 'request',
    directedBy: 'DHS',
  };
  const once = reduce(startAt(0), { type: 'amend', at: issued + DAY_MS, amendment: extend });
  const twice = reduce(once.state, {
    type: 'amend',
    at: issued + 2 * DAY_MS,
    amendment: { ...extend, newDueAt: identifyDue + 20 * DAY_MS },
  });
  expect(twice.notices).toEqual([]);
  expect(twice.state.milestones[0]!.dueAt).toBe(identifyDue + 10 * DAY_MS);
  expect(twice.state.appliedAmendments).toEqual(['A-1']);
});

test('moving remove moves the status reports counted from it; obligations started without the rule keep theirs', () => {
  const removeDue = Date.parse(schedule.milestones.find((m) => m.id === 'remove')!.dueAt!);
  const status1 = Date.parse(schedule.milestones.find((m) => m.id === 'status-1')!.dueAt!);
  const extend = {
    amendmentId: 'A-2',
    kind: 'extend' as const,
    milestoneId: 'remove',
    newDueAt: removeDue + 30 * DAY_MS,
    reason: 'r',
    directedBy: 'DHS',
  };
  const dueOf = (s: ObligationState) => s.milestones.find((m) => m.id === 'status-1')!.dueAt;
  expect(dueOf(reduce(startAt(0), { type: 'amend', at: issued, amendment: extend }).state)).toBe(status1 + 30 * DAY_MS);
  expect(dueOf(reduce(startAt(0, 1), { type: 'amend', at: issued, amendment: extend }).state)).toBe(status1);
});

test('the next wake-up is the earliest reminder, deadline or escalation step still ahead', () => {
  const state = startAt(0);
  expect(nextClockEvent(state)).toMatchObject({ kind: 'reminder', at: identifyDue - 7 * DAY_MS, daysBefore: 7 });
  const held = reduce(state, {
    type: 'amend',
    at: issued,
    amendment: { amendmentId: 'H', kind: 'hold', milestoneId: 'identify', reason: 'r', directedBy: 'DHS' },
  }).state;
  expect(nextClockEvent(held)).toMatchObject({ milestone: expect.objectContaining({ id: 'plan' }) });
});

describe('rules version 2', () => {
  const removeDue = Date.parse(schedule.milestones.find((m) => m.id === 'remove')!.dueAt!);
  const status1Due = Date.parse(schedule.milestones.find((m) => m.id === 'status-1')!.dueAt!);
  const hold = (id: string, milestoneId: string) => ({
    amendmentId: id,
    kind: 'hold' as const,
    milestoneId,
    reason: 'awaiting decision',
    directedBy: 'DHS',
  });

  test('an obligation started after a deadline sends the escalation level already reached, once', () => {
    const late = startAt(45); // identify (day 30) missed by 15 days: level 3 (14 days) reached
    const first = tick(late, late.watermark + 1);
    expect(first.notices.map((n) => [n.kind, n.milestoneId, n.escalationLevel])).toEqual([
      ['escalation', 'identify', 3],
    ]);
    expect(tick(first.state, late.watermark + 2).notices).toEqual([]);
    expect(tick(startAt(45, 1), issued + 45 * DAY_MS + 1).notices).toEqual([]); // version 1: nothing
  });

  test('nothing behind a held gate reminds or escalates, and it cannot be reported', () => {
    const held = reduce(startAt(85), {
      type: 'amend',
      at: issued + 85 * DAY_MS,
      amendment: hold('H1', 'remove'),
    }).state;
    const later = tick(held, status1Due + 20 * DAY_MS);
    expect(later.notices.filter((n) => n.milestoneId === 'status-1' || n.milestoneId === 'remove')).toEqual([]);
    expect(statusView(later.state)).toMatchObject({ overdue: true }); // identify and plan were never reported
    expect(statusView(later.state).milestones.find((m) => m.id === 'status-1')?.escalationLevel).toBe(0);
    expect(() =>
      reduce(later.state, {
        type: 'report',
        at: status1Due + 21 * DAY_MS,
        milestoneId: 'remove',
        completedBy: 'o@doj.example.gov',
        evidence: { summary: 'begun' },
      }),
    ).toThrow(/remove is on hold since .*: it can be reported once the issuer resumes it/);
    // Version 1 obligations keep escalating status-1 (the old rule), so their histories replay unchanged.
    const v1 = reduce(startAt(85, 1), {
      type: 'amend',
      at: issued + 85 * DAY_MS,
      amendment: hold('H1', 'remove'),
    }).state;
    expect(tick(v1, status1Due + 1).notices.some((n) => n.milestoneId === 'status-1' && n.kind === 'escalation')).toBe(
      true,
    );
    expect(removeDue).toBeLessThan(status1Due);
  });

  test('waiving the milestone that closes the status reports ends the series', () => {
    const waived = reduce(startAt(0), {
      type: 'amend',
      at: issued,
      amendment: { amendmentId: 'W', kind: 'waive', milestoneId: 'removed', reason: 'r', directedBy: 'DHS' },
    }).state;
    expect(waived.milestones.some((m) => m.milestoneId === 'status')).toBe(false);
  });

  test('a milestone first submitted late stays late after a rejection and an on-time resubmission', () => {
    const planDue = Date.parse(schedule.milestones.find((m) => m.id === 'plan')!.dueAt!);
    let state = startAt(0);
    const report = (at: number) => ({
      type: 'report' as const,
      at,
      milestoneId: 'plan',
      completedBy: 'o@doj.example.gov',
      evidence: { summary: 'plan' },
    });
    state = reduce(state, {
      type: 'report',
      at: issued + DAY_MS,
      milestoneId: 'identify',
      completedBy: 'o@doj.example.gov',
      evidence: { summary: 'none' },
    }).state;
    state = reduce(state, report(planDue + DAY_MS)).state;
    state = reduce(state, {
      type: 'review',
      at: planDue + 2 * DAY_MS,
      milestoneId: 'plan',
      reviewer: 'r@dhs.example.gov',
      decision: 'reject',
      comment: 'incomplete',
    }).state;
    state = reduce(state, report(planDue + 3 * DAY_MS)).state; // within the 10-day resubmission window
    state = reduce(state, {
      type: 'review',
      at: planDue + 4 * DAY_MS,
      milestoneId: 'plan',
      reviewer: 'r@dhs.example.gov',
      decision: 'approve',
      comment: 'ok',
    }).state;
    expect(statusView(state).milestones.find((m) => m.id === 'plan')).toMatchObject({ state: 'completed', late: true });
  });
});

test('a ladder that starts days after the deadline still wakes the obligation at the deadline, so it shows overdue on time', () => {
  const lenient = {
    ...bod,
    milestones: bod.milestones.map((m) =>
      m.id === 'identify' ? { ...m, escalation: [{ level: 1, notify: ['cio' as const], afterDays: 3 }] } : m,
    ),
  };
  const state = initialObligation(lenient, agency, schedule, identifyDue - DAY_MS / 2);
  expect(nextClockEvent(state)).toMatchObject({ kind: 'deadline', at: identifyDue });
  const passed = tick(state, identifyDue);
  expect(passed.notices).toEqual([]);
  expect(statusView(passed.state).overdue).toBe(true);
  expect(nextClockEvent(initialObligation(lenient, agency, schedule, identifyDue - DAY_MS / 2, 1))).toMatchObject({
    kind: 'escalation',
    at: identifyDue + 3 * DAY_MS,
  });
});

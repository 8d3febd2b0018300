import { computeSchedule } from '../../domain/calculus';
import { findDirective } from '../../domain/library';
import { DAY_MS, Refusal, initialObligation, nextClockEvent, reduce, statusView, type ObligationState } from '../../domain/obligation';

/** The reducer alone, without a server: the rules the workflow applies. */
const bod = findDirective('BOD-17-01')!;
const agency = { id: 'DOJ', name: 'Department of Justice', contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' } };
const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
const identifyDue = Date.parse(schedule.milestones.find((m) => m.id === 'identify')!.dueAt!);

function startAt(day: number, anchors = true): ObligationState {
  return initialObligation(bod, agency, schedule, issued + day * DAY_MS, { anchors });
}
const tick = (state: ObligationState, now: number) => reduce(state, { type: 'tick', now });

test('reminders whose time passed before the obligation started are skipped, not sent in a burst', () => {
  const late = startAt(25); // after the 7-day reminder (day 23), before the 1-day one
  const { notices } = tick(late, identifyDue - 0.5 * DAY_MS);
  expect(notices.map((n) => n.key)).toEqual([`BOD-17-01/DOJ/identify/reminder/${new Date(identifyDue).toISOString()}/P1D`]);
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
  state = reduce(state, { type: 'report', at: identifyDue + 9 * DAY_MS, milestoneId: 'identify', completedBy: 'o@doj.example.gov', evidence: { summary: 'none found' } }).state;
  expect(statusView(state).milestones[0]).toMatchObject({ id: 'identify', state: 'completed', late: true, highestEscalation: 2 });
  const after = tick(state, identifyDue + 20 * DAY_MS);
  expect(after.notices.filter((n) => n.milestoneId === 'identify')).toEqual([]);
});

test('a refused event leaves the state untouched and says why', () => {
  const state = startAt(0);
  const copy = JSON.stringify(state);
  expect(() => reduce(state, { type: 'report', at: issued + DAY_MS, milestoneId: 'identify', completedBy: 'o@doj.example.gov' })).toThrow(
    new Refusal('identify requires evidence: give evidence.summary (what was done and how it was verified)'),
  );
  expect(() => reduce(state, { type: 'review', at: issued + DAY_MS, milestoneId: 'plan', reviewer: 'r@dhs.example.gov', decision: 'approve', comment: 'ok' })).toThrow(
    /plan is not awaiting review/,
  );
  expect(JSON.stringify(state)).toBe(copy);
});

test('the same amendmentId applied twice changes nothing the second time', () => {
  const extend = { amendmentId: 'A-1', kind: 'extend' as const, milestoneId: 'identify', newDueAt: identifyDue + 10 * DAY_MS, reason: 'request', directedBy: 'DHS' };
  const once = reduce(startAt(0), { type: 'amend', at: issued + DAY_MS, amendment: extend });
  const twice = reduce(once.state, { type: 'amend', at: issued + 2 * DAY_MS, amendment: { ...extend, newDueAt: identifyDue + 20 * DAY_MS } });
  expect(twice.notices).toEqual([]);
  expect(twice.state.milestones[0]!.dueAt).toBe(identifyDue + 10 * DAY_MS);
  expect(twice.state.appliedAmendments).toEqual(['A-1']);
});

test('moving remove moves the status reports counted from it; obligations started without the rule keep theirs', () => {
  const removeDue = Date.parse(schedule.milestones.find((m) => m.id === 'remove')!.dueAt!);
  const status1 = Date.parse(schedule.milestones.find((m) => m.id === 'status-1')!.dueAt!);
  const extend = { amendmentId: 'A-2', kind: 'extend' as const, milestoneId: 'remove', newDueAt: removeDue + 30 * DAY_MS, reason: 'r', directedBy: 'DHS' };
  const dueOf = (s: ObligationState) => s.milestones.find((m) => m.id === 'status-1')!.dueAt;
  expect(dueOf(reduce(startAt(0), { type: 'amend', at: issued, amendment: extend }).state)).toBe(status1 + 30 * DAY_MS);
  expect(dueOf(reduce(startAt(0, false), { type: 'amend', at: issued, amendment: extend }).state)).toBe(status1);
});

test('the next wake-up is the earliest reminder, deadline or escalation step still ahead', () => {
  const state = startAt(0);
  expect(nextClockEvent(state)).toMatchObject({ kind: 'reminder', at: identifyDue - 7 * DAY_MS, daysBefore: 7 });
  const held = reduce(state, { type: 'amend', at: issued, amendment: { amendmentId: 'H', kind: 'hold', milestoneId: 'identify', reason: 'r', directedBy: 'DHS' } }).state;
  expect(nextClockEvent(held)).toMatchObject({ milestone: expect.objectContaining({ id: 'plan' }) });
});

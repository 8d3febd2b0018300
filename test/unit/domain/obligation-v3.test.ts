/** Rules version 3 in the reducer alone: a compliance record that tells the truth (issue 9). */
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import {
  DAY_MS,
  Refusal,
  initialObligation,
  reduce,
  statusView,
  type ObligationEvent,
  type ObligationState,
} from '../../../domain/obligation';
import { detailsTable } from '../../../workflows/labels';

const bod = findDirective('BOD-17-01')!;
const agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};
const OFFICER = agency.contacts.complianceOfficer;
const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
const due = (id: string): number => Date.parse(schedule.milestones.find((m) => m.id === id)!.dueAt!);
const identifyDue = due('identify');
const planDue = due('plan');
const status1Due = due('status-1');
const status2Due = due('status-2');
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const start = (rulesVersion: number, at = issued): ObligationState =>
  initialObligation(bod, agency, schedule, at, rulesVersion);

/** Applies the events in order, keeping every notice. */
function run(state: ObligationState, ...events: ObligationEvent[]) {
  const notices = [];
  for (const event of events) {
    const r = reduce(state, event);
    state = r.state;
    notices.push(...r.notices);
  }
  return { state, notices };
}
const tick = (now: number): ObligationEvent => ({ type: 'tick', now });
const report = (milestoneId: string, at: number, completedAt?: number): ObligationEvent => ({
  type: 'report',
  at,
  milestoneId,
  completedBy: OFFICER,
  evidence: { summary: `${milestoneId} done` },
  completedAt,
});
const amend = (at: number, kind: 'rescind' | 'waive', milestoneId?: string): ObligationEvent => ({
  type: 'amend',
  at,
  amendment: { amendmentId: `${kind}-1`, kind, milestoneId, reason: 'test', directedBy: 'DHS' },
});
const view = (state: ObligationState, id: string) => statusView(state).milestones.find((m) => m.id === id)!;

describe('point 1: lateness is judged on when the report arrived, the claimed completion is only recorded', () => {
  // identify reported 40 days late, after L1–L3, claiming it was done a minute before the deadline.
  const escalated = (version: number) =>
    run(start(version), tick(identifyDue), tick(identifyDue + 7 * DAY_MS), tick(identifyDue + 14 * DAY_MS));
  const arrival = identifyDue + 40 * DAY_MS;
  const claim = identifyDue - MINUTE;

  test('a report 40 days late that claims completion a minute before the deadline is recorded late, with the claim kept beside the arrival', () => {
    const { state } = run(escalated(3).state, report('identify', arrival, claim));
    expect(view(state, 'identify')).toMatchObject({
      state: 'completed',
      late: true,
      highestEscalation: 3,
      completedAt: new Date(claim).toISOString(),
      reportedAt: new Date(arrival).toISOString(),
    });
    expect(state.history.at(-1)).toMatchObject({ event: 'completed', milestoneId: 'identify' });
    expect(state.history.at(-1)!.detail).toMatch(/^late; done at 2017-10-14T03:58:59.999Z/);
  });

  test('obligations under rules 2 keep judging the claim, as their histories recorded', () => {
    const { state } = run(escalated(2).state, report('identify', arrival, claim));
    expect(view(state, 'identify')).toMatchObject({ late: false, reportedAt: null });
  });

  test('a report that arrives on time is on time whatever the claim', () => {
    const { state } = run(start(3), report('identify', identifyDue - HOUR, identifyDue - 2 * DAY_MS));
    expect(view(state, 'identify')).toMatchObject({ late: false, completedAt: '2017-10-12T03:59:59.999Z' });
  });

  test('a claimed completion in year 0000, or before the issuance, is refused naming the field and the value', () => {
    const state = start(3);
    const year0 = Date.parse('0000-01-01T00:00:00Z');
    expect(Number.isFinite(year0)).toBe(true);
    expect(() => reduce(state, report('identify', issued + DAY_MS, year0))).toThrow(
      new Refusal(
        'completedAt 0000-01-01T00:00:00.000Z is before the obligation was issued (2017-09-13T04:00:00.000Z): give when the work was done',
      ),
    );
    expect(() => reduce(state, report('identify', issued + DAY_MS, issued - 1))).toThrow(
      /^completedAt 2017-09-13T03:59:59.999Z is before the obligation was issued/,
    );
    expect(reduce(state, report('identify', issued + DAY_MS, issued)).state.milestones[0]!.state).toBe('completed');
  });

  test('a claimed completion after the report arrived is refused naming the field, the value and the arrival', () => {
    expect(() => reduce(start(3), report('identify', issued + DAY_MS, issued + DAY_MS + 1))).toThrow(
      new Refusal(
        'completedAt 2017-09-14T04:00:00.001Z is after the report arrived (2017-09-14T04:00:00.000Z): it cannot be in the future',
      ),
    );
  });

  test('a plan submitted late with an on-time claim is approved as late; the claim becomes its completion', () => {
    let { state } = run(start(3), report('identify', identifyDue - HOUR), tick(planDue + DAY_MS));
    state = run(state, report('plan', planDue + DAY_MS, planDue - DAY_MS)).state;
    expect(view(state, 'plan')).toMatchObject({ state: 'submitted', late: true, completedAt: null });
    state = run(state, {
      type: 'review',
      at: planDue + 2 * DAY_MS,
      milestoneId: 'plan',
      reviewer: 'r@dhs.example.gov',
      decision: 'approve',
      comment: 'ok',
    }).state;
    expect(view(state, 'plan')).toMatchObject({
      state: 'completed',
      late: true,
      completedAt: new Date(planDue - DAY_MS).toISOString(),
      reportedAt: new Date(planDue + DAY_MS).toISOString(),
    });
  });
});

describe('point 2: closing a series keeps the occurrences already missed', () => {
  /** identify, plan and remove done on time; status-1 never reported, and now 15 days past due (L3). */
  function missedStatus1(version: number) {
    let { state } = run(start(version), report('identify', identifyDue - HOUR), report('plan', planDue - HOUR));
    state = run(state, {
      type: 'review',
      at: planDue,
      milestoneId: 'plan',
      reviewer: 'r@dhs.example.gov',
      decision: 'approve',
      comment: 'ok',
    }).state;
    state = run(state, tick(due('remove') + HOUR), report('remove', due('remove') + HOUR)).state;
    return run(state, tick(status1Due + 15 * DAY_MS)).state;
  }
  const closedAt = status1Due + 15 * DAY_MS + HOUR;

  test('completing removed leaves status-1, missed at level 3, on record as missed; the occurrences ahead close', () => {
    const before = missedStatus1(3);
    expect(view(before, 'status-1')).toMatchObject({ state: 'pending', highestEscalation: 3 });
    const { state } = run(before, report('removed', closedAt));
    expect(view(state, 'status-1')).toMatchObject({ state: 'missed', highestEscalation: 3, escalationLevel: 0 });
    // status-2 was due at status1Due + 30 days, still ahead: closed (no longer scheduled).
    expect(status2Due).toBeGreaterThan(closedAt);
    expect(state.milestones.filter((m) => m.milestoneId === 'status').map((m) => m.id)).toEqual(['status-1']);
    expect(state.state).toBe('completed');
    expect(detailsTable(state, schedule.timeZone)).toMatch(/\| status-1 .*\| missed, escalated L3 \|/);
  });

  test('waiving removed keeps the missed occurrence too', () => {
    const { state } = run(missedStatus1(3), amend(closedAt, 'waive', 'removed'));
    expect(view(state, 'status-1')).toMatchObject({ state: 'missed', highestEscalation: 3 });
  });

  test('a missed occurrence cannot be reported afterwards: the refusal says why', () => {
    // Nothing reported at all: removed is reported while identify is still open, so the obligation stays active.
    const { state } = run(start(3), tick(status1Due + 15 * DAY_MS), report('removed', closedAt));
    expect(state.state).toBe('active');
    expect(() => reduce(state, report('status-1', closedAt + HOUR))).toThrow(
      new Refusal('status-1 was missed: its deadline 2018-01-12T04:59:59.999Z had passed when the series closed'),
    );
  });

  test('obligations under rules 2 drop every pending occurrence, as their histories recorded', () => {
    const { state } = run(missedStatus1(2), report('removed', closedAt));
    expect(state.milestones.some((m) => m.milestoneId === 'status')).toBe(false);
  });
});

describe('point 13: rescission marks the open milestones rescinded', () => {
  test('after a rescission, what was done stays done and every open milestone is rescinded', () => {
    const { state } = run(start(3), report('identify', identifyDue - HOUR), amend(identifyDue, 'rescind'));
    expect(state.state).toBe('rescinded');
    const states = new Map(statusView(state).milestones.map((m) => [m.id, m.state]));
    expect(states.get('identify')).toBe('completed');
    expect(states.get('plan')).toBe('rescinded');
    expect(states.get('status-1')).toBe('rescinded');
    expect([...states.values()].filter((s) => s === 'pending')).toEqual([]);
  });

  test('obligations under rules 2 leave them pending, as their histories recorded', () => {
    const { state } = run(start(2), amend(identifyDue, 'rescind'));
    expect(view(state, 'plan').state).toBe('pending');
  });
});

describe('point 9: no reminder for a deadline already passed or a milestone the same event closes', () => {
  const reminders = (notices: { kind: string; milestoneId?: string }[]) =>
    notices.filter((n) => n.kind === 'reminder').map((n) => n.milestoneId);

  test('after an outage across the reminders and the deadline, no reminder goes out: the escalation says it', () => {
    const { notices } = run(start(3), tick(identifyDue + HOUR));
    expect(reminders(notices)).toEqual([]);
    expect(notices.map((n) => `${n.kind}:${n.milestoneId}:${n.escalationLevel ?? ''}`)).toEqual([
      'escalation:identify:1',
    ]);
    // Rules 2 sent both "due in N day(s)" reminders after the deadline.
    expect(reminders(run(start(2), tick(identifyDue + HOUR)).notices)).toEqual(['identify', 'identify']);
  });

  test('a reminder still before its deadline goes out late rather than not at all', () => {
    const { notices } = run(start(3), tick(identifyDue - HOUR));
    expect(notices.map((n) => n.key)).toEqual([
      'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.999Z/P7D',
      'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.999Z/P1D',
    ]);
  });

  test('a reminder that falls due in the report that completes its milestone is not sent', () => {
    // The 1-day reminder fell due an hour before the report; the worker handles both in one step.
    const waiting = run(start(3), tick(identifyDue - 2 * DAY_MS)).state;
    const { notices } = run(waiting, report('identify', identifyDue - DAY_MS + HOUR));
    expect(notices.map((n) => n.kind)).toEqual(['completed']);
    expect(
      reminders(
        run(run(start(2), tick(identifyDue - 2 * DAY_MS)).state, report('identify', identifyDue - DAY_MS + HOUR))
          .notices,
      ),
    ).toEqual(['identify']);
  });

  test('a reminder that falls due in the rescission that ends the obligation is not sent', () => {
    const waiting = run(start(3), tick(identifyDue - 2 * DAY_MS)).state;
    const { notices } = run(waiting, amend(identifyDue - DAY_MS + HOUR, 'rescind'));
    expect(notices.map((n) => n.kind)).toEqual(['rescinded']);
  });
});

describe('notice outcomes and refused amendments are reducer events', () => {
  test('a notice outcome adds the history entry the workflow used to push, and nothing else', () => {
    const state = start(3);
    const { state: after, notices } = reduce(state, {
      type: 'notice-outcome',
      at: identifyDue + DAY_MS,
      kind: 'reminder',
      milestoneId: 'identify',
      failed: false,
      detail: 'sent',
    });
    expect(notices).toEqual([]);
    expect(after.watermark).toBe(state.watermark);
    expect(after.history.slice(state.history.length)).toEqual([
      { at: identifyDue + DAY_MS, event: 'notice:reminder', milestoneId: 'identify', detail: 'sent' },
    ]);
    const failed = reduce(after, {
      type: 'notice-outcome',
      at: identifyDue + DAY_MS,
      kind: 'rescinded',
      failed: true,
      detail: 'timed out',
    }).state;
    expect(JSON.parse(JSON.stringify(failed.history.at(-1)))).toEqual({
      at: identifyDue + DAY_MS,
      event: 'notice-failed:rescinded',
      detail: 'timed out',
    });
  });

  test('the outcome of a notice still in flight is recorded after the obligation ended', () => {
    const ended = run(start(1), amend(issued + DAY_MS, 'rescind')).state;
    const { state } = reduce(ended, {
      type: 'notice-outcome',
      at: issued + DAY_MS + 1,
      kind: 'rescinded',
      failed: false,
      detail: 'sent',
    });
    expect(state.history.at(-1)).toMatchObject({ event: 'notice:rescinded', detail: 'sent' });
  });

  test('a refused amendment is recorded with its id, or "(malformed)" when it had none', () => {
    let state = start(2);
    state = reduce(state, {
      type: 'amendment-refused',
      at: issued + 1,
      amendmentId: 'A-1',
      reason: 'plan is completed',
    }).state;
    state = reduce(state, { type: 'amendment-refused', at: issued + 2, reason: 'kind is required' }).state;
    expect(JSON.parse(JSON.stringify(state.history.slice(-2)))).toEqual([
      { at: issued + 1, event: 'amendment-refused', detail: 'A-1: plan is completed' },
      { at: issued + 2, event: 'amendment-refused', detail: '(malformed): kind is required' },
    ]);
    expect(state.watermark).toBe(issued);
  });
});

describe("point 8: the status carries the directive's zone and each milestone's original deadline", () => {
  test('the zone, and the original deadline kept when the deadline moves', () => {
    const moved = identifyDue + 30 * DAY_MS;
    const { state } = run(start(3), {
      type: 'amend',
      at: issued + DAY_MS,
      amendment: {
        amendmentId: 'E-1',
        kind: 'extend',
        milestoneId: 'identify',
        newDueAt: moved,
        reason: 'r',
        directedBy: 'DHS',
      },
    });
    const s = statusView(state);
    expect(s.timeZone).toBe('America/New_York');
    expect(view(state, 'identify')).toMatchObject({
      originalDueAt: '2017-10-14T03:59:59.999Z',
      dueAt: new Date(moved).toISOString(),
    });
  });

  test('an obligation started before these were kept falls back on the schedule and the directive', () => {
    const old = start(2) as Partial<ObligationState> & ObligationState;
    delete old.timeZone;
    for (const m of old.milestones) delete m.originalDueAt;
    expect(statusView(old).timeZone).toBeNull();
    expect(statusView(old).milestones[0]!.originalDueAt).toBeNull();
    const s = statusView(old, { timeZone: bod.timeZone, schedule });
    expect(s.timeZone).toBe('America/New_York');
    expect(s.milestones[0]).toMatchObject({ id: 'identify', originalDueAt: '2017-10-14T03:59:59.999Z' });
  });
});

import type { ContactRole } from '../vocabulary';
import { DAY_MS, rulesAtLeast, type MilestoneRecord, type ObligationState } from './state';

/** `deadline` sends nothing: it wakes the workflow when a deadline passes, so `Overdue` turns true on time. */
export type ClockEventKind = 'reminder' | 'deadline' | 'escalation' | 'review-reminder' | 'review-late';

/** Something that happens to a milestone at an instant unless the milestone changes first. */
export interface ClockEvent {
  at: number;
  kind: ClockEventKind;
  milestone: MilestoneRecord;
  /** The deadline the event belongs to: part of the notice's idempotency key, so a moved deadline gets new notices. */
  deadline: number;
  daysBefore?: number;
  level?: number;
  to: ContactRole[];
  cc: ContactRole[];
}

export function isOpen(m: MilestoneRecord): boolean {
  return m.state === 'pending' || m.state === 'submitted' || m.state === 'rejected';
}

/** The deadline the agency works against now: the resubmission window after a rejection, else the due date. */
export function agencyDeadline(m: MilestoneRecord): number | null {
  if (m.state === 'rejected') return m.resubmitDueAt ?? null;
  if (m.state === 'pending') return m.dueAt;
  return null;
}

/** The deadline in force for display and amendments: the agency's, or the reviewer's while under review. */
export function currentDeadline(m: MilestoneRecord): number | null {
  return agencyDeadline(m) ?? m.reviewDueAt ?? m.dueAt;
}

/**
 * The gated milestone that keeps this one from being reported, if any: an earlier gated milestone of another series
 * that has not opened (its instant has not come, or it is on hold). "Unless directed otherwise" blocks what follows.
 */
export function blockingGate(state: ObligationState, m: MilestoneRecord): MilestoneRecord | undefined {
  const index = state.milestones.indexOf(m);
  return state.milestones.slice(0, index).find((gate) => {
    if (!gate.rules.gated || gate.milestoneId === m.milestoneId || !isOpen(gate)) return false;
    return gate.heldSince !== undefined || gate.dueAt === null || gate.dueAt > state.watermark;
  });
}

/** An earlier occurrence of the same series still open: occurrences are reported in order. */
export function openEarlierOccurrence(state: ObligationState, m: MilestoneRecord): MilestoneRecord | undefined {
  const index = state.milestones.indexOf(m);
  return state.milestones.slice(0, index).find((o) => o.milestoneId === m.milestoneId && isOpen(o));
}

/**
 * Whether the agency can report the milestone now, by the rules its report would be judged on: open and not awaiting
 * review, not on hold, not behind a closed gate, no earlier occurrence of its series still open.
 */
export function reportableNow(state: ObligationState, m: MilestoneRecord): boolean {
  return (
    state.state === 'active' &&
    (m.state === 'pending' || m.state === 'rejected') &&
    m.heldSince === undefined &&
    !blockingGate(state, m) &&
    !openEarlierOccurrence(state, m)
  );
}

/**
 * Every clock event of the obligation: those of milestones the agency may work on. A milestone behind a closed gate
 * gets no reminders and no escalation, since it cannot be reported yet.
 */
export function obligationClockEvents(state: ObligationState): ClockEvent[] {
  const v2 = rulesAtLeast(state, 2);
  return state.milestones
    .filter((m) => workable(state, m))
    .flatMap((m) => (v2 ? [...clockEvents(m), ...deadlineEvent(m)] : clockEvents(m)));
}

/** Listed after the escalation steps: where level 1 falls at the deadline itself, the timer stays level 1's. */
function deadlineEvent(m: MilestoneRecord): ClockEvent[] {
  const deadline = agencyDeadline(m);
  if (deadline === null || m.heldSince !== undefined) return [];
  return [{ at: deadline, kind: 'deadline', milestone: m, deadline, to: [], cc: [] }];
}

/** Whether the agency can work on the milestone now: not behind a closed gate (rules version 2 on). */
export function workable(state: ObligationState, m: MilestoneRecord): boolean {
  return !rulesAtLeast(state, 2) || !blockingGate(state, m);
}

/**
 * Every reminder, escalation step and review event still ahead of this milestone in its current state. A held,
 * closed or open-ended milestone has none; a submitted one waits on its reviewer, not on the agency.
 */
export function clockEvents(m: MilestoneRecord): ClockEvent[] {
  if (m.heldSince !== undefined) return [];
  if (m.state === 'submitted') return reviewEvents(m);
  const deadline = agencyDeadline(m);
  if (deadline === null) return [];
  const window = m.state === 'rejected' && m.rules.review ? m.rules.review.resubmissionDays : Number.POSITIVE_INFINITY;
  const reminders = m.rules.reminderDaysBefore
    .filter((days) => days < window)
    .flatMap((days) => reminderAt(m, deadline, days))
    .map(({ at, days }): ClockEvent => ({
      at,
      kind: 'reminder',
      milestone: m,
      deadline,
      daysBefore: days,
      to: ['complianceOfficer'],
      cc: [],
    }));
  const escalations = m.rules.escalation.map((step): ClockEvent => ({
    at: deadline + step.afterDays * DAY_MS,
    kind: 'escalation',
    milestone: m,
    deadline,
    level: step.level,
    to: step.notify,
    cc: step.notify.includes('complianceOfficer') ? [] : ['complianceOfficer'],
  }));
  return [...reminders, ...escalations];
}

/**
 * Rules v3: the instant the calculus stored for this reminder of the deadline in force (a business hour, N calendar days
 * before); otherwise (rules v1 and v2, or a deadline the calculus did not compute) N × 24 h before the deadline.
 */
function reminderAt(m: MilestoneRecord, deadline: number, days: number): { at: number; days: number }[] {
  if (m.reminders?.deadline !== deadline) return [{ at: deadline - days * DAY_MS, days }];
  // The calculus drops a reminder that would fall at or after the deadline.
  return m.reminders.instants.filter((r) => r.daysBefore === days).map((r) => ({ at: r.at, days }));
}

function reviewEvents(m: MilestoneRecord): ClockEvent[] {
  const deadline = m.reviewDueAt;
  if (deadline === undefined || !m.rules.review) return [];
  const reminders = m.rules.review.reminderDaysBefore.map((days): ClockEvent => ({
    at: deadline - days * DAY_MS,
    kind: 'review-reminder',
    milestone: m,
    deadline,
    daysBefore: days,
    to: ['reviewer'],
    cc: [],
  }));
  return [
    ...reminders,
    { at: deadline, kind: 'review-late', milestone: m, deadline, to: ['issuer'], cc: ['reviewer'] },
  ];
}

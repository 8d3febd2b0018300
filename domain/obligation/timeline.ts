import { DAY_MS, type MilestoneRecord } from './state';

/** Who a notice goes to; the workflow maps roles to the agency's and the issuer's addresses. */
export type Role = 'complianceOfficer' | 'cio' | 'head' | 'issuer' | 'issuerLeadership' | 'reviewer';

export type ClockEventKind = 'reminder' | 'escalation' | 'review-reminder' | 'review-late';

/** Something that happens to a milestone at an instant unless the milestone changes first. */
export interface ClockEvent {
  at: number;
  kind: ClockEventKind;
  milestone: MilestoneRecord;
  /** The deadline the event belongs to: part of the notice's idempotency key, so a moved deadline gets new notices. */
  deadline: number;
  daysBefore?: number;
  level?: number;
  to: Role[];
  cc: Role[];
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
    .map((days): ClockEvent => ({ at: deadline - days * DAY_MS, kind: 'reminder', milestone: m, deadline, daysBefore: days, to: ['complianceOfficer'], cc: [] }));
  const escalations = m.rules.escalation.map(
    (step): ClockEvent => ({
      at: deadline + step.afterDays * DAY_MS,
      kind: 'escalation',
      milestone: m,
      deadline,
      level: step.level,
      to: step.notify,
      cc: step.notify.includes('complianceOfficer') ? [] : ['complianceOfficer'],
    }),
  );
  return [...reminders, ...escalations];
}

function reviewEvents(m: MilestoneRecord): ClockEvent[] {
  const deadline = m.reviewDueAt;
  if (deadline === undefined || !m.rules.review) return [];
  const reminders = m.rules.review.reminderDaysBefore.map(
    (days): ClockEvent => ({ at: deadline - days * DAY_MS, kind: 'review-reminder', milestone: m, deadline, daysBefore: days, to: ['reviewer'], cc: [] }),
  );
  return [...reminders, { at: deadline, kind: 'review-late', milestone: m, deadline, to: ['issuer'], cc: ['reviewer'] }];
}

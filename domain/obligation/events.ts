import type { AmendmentKind, ContactRole, NoticeKind } from '../vocabulary';
import type { Actor } from '../actor';
import type { Evidence } from '../evidence';

/** Messages and the clock, as the reducer sees them: every instant already absolute (epoch ms). */
export type ObligationEvent =
  | { type: 'tick'; now: number }
  | {
      type: 'report';
      at: number;
      milestoneId: string;
      completedBy: string;
      evidence?: Evidence;
      completedAt?: number;
      actor?: Actor;
    }
  | {
      type: 'review';
      at: number;
      milestoneId: string;
      reviewer: string;
      decision: 'approve' | 'reject';
      comment: string;
      actor?: Actor;
    }
  | { type: 'amend'; at: number; amendment: ResolvedAmendment }
  /** Rules v3: the next occurrences of a recurring series still open, computed by the calculus in an activity. */
  | { type: 'occurrences'; at: number; milestoneId: string; occurrences: ScheduledOccurrence[] }
  /**
   * What became of a notice (the `sendNotice` activity's outcome, or its failure): recorded in the history only. It
   * neither moves the clock nor is refused once the obligation has ended (notices still in flight settle after).
   */
  | { type: 'notice-outcome'; at: number; kind: NoticeKind; milestoneId?: string; failed: boolean; detail: string }
  /** An amendment the obligation could not apply (malformed, or refused): recorded in the history only. */
  | { type: 'amendment-refused'; at: number; amendmentId?: string; reason: string }
  /** Rules v3: the calculus could not compute a series' next occurrences: recorded in the history only. */
  | { type: 'series-not-continued'; at: number; milestoneId: string; reason: string };

/** The events that only add to the record. */
export type RecordEvent = Extract<
  ObligationEvent,
  { type: 'notice-outcome' | 'amendment-refused' | 'series-not-continued' }
>;

/** An occurrence as the calculus computed it (instants as ISO strings, as in a schedule). */
export interface ScheduledOccurrence {
  id: string;
  occurrence?: number;
  title: string;
  dueAt: string | null;
  explanation: string;
  reminders?: { daysBefore: number; at: string }[];
}

/** Rules v3: a milestone moved with the one it counts from, by the calculus (whole calendar days). */
export interface AnchoredMove {
  id: string;
  dueAt: number;
  explanation: string;
  reminders: { daysBefore: number; at: number }[];
}

/** An amendment whose new date, if any, was already computed by the deadline calculus outside the workflow. */
export interface ResolvedAmendment {
  amendmentId: string;
  kind: AmendmentKind;
  milestoneId?: string;
  newDueAt?: number;
  /** How the new date was reached, e.g. "extended by 30 calendar days → Thu 2018-01-11". */
  explanation?: string;
  reason: string;
  directedBy: string;
  /** Rules v3: when the new deadline's reminders go out, from the calculus. */
  reminders?: { daysBefore: number; at: number }[];
  /** Rules v3: the milestones counted from this one, moved by the same calendar days (absent: moved by elapsed time). */
  anchoredMoves?: AnchoredMove[];
  /** Rules v3: the issuer gave this date explicitly (`--to`): a hold in force does not move it when resumed. */
  fixedDate?: boolean;
}

/** A notice the state says must go out now; `key` makes sending it idempotent. */
export interface NoticeIntent {
  key: string;
  kind: NoticeKind;
  milestoneId?: string;
  to: ContactRole[];
  cc: ContactRole[];
  detail?: string;
  escalationLevel?: number;
  /**
   * The deadline the notice is about (epoch ms), when it is about one: a reminder's or escalation's (the one in its
   * key), the review deadline of a review request, the resubmission deadline of a rejection. The email shows it in
   * the directive's zone.
   */
  deadline?: number;
}

/** An event the engine refuses, with the reason the caller sees (an update's validator rejects with it). */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

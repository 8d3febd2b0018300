import type { AmendmentKind, ContactRole, NoticeKind } from '../vocabulary';
import type { Evidence } from '../evidence';

/** Messages and the clock, as the reducer sees them: every instant already absolute (epoch ms). */
export type ObligationEvent =
  | { type: 'tick'; now: number }
  | { type: 'report'; at: number; milestoneId: string; completedBy: string; evidence?: Evidence; completedAt?: number }
  | {
      type: 'review';
      at: number;
      milestoneId: string;
      reviewer: string;
      decision: 'approve' | 'reject';
      comment: string;
    }
  | { type: 'amend'; at: number; amendment: ResolvedAmendment }
  /**
   * What became of a notice (the `sendNotice` activity's outcome, or its failure): recorded in the history only. It
   * neither moves the clock nor is refused once the obligation has ended (notices still in flight settle after).
   */
  | { type: 'notice-outcome'; at: number; kind: NoticeKind; milestoneId?: string; failed: boolean; detail: string }
  /** An amendment the obligation could not apply (malformed, or refused): recorded in the history only. */
  | { type: 'amendment-refused'; at: number; amendmentId?: string; reason: string };

/** The events that only add to the record. */
export type RecordEvent = Extract<ObligationEvent, { type: 'notice-outcome' | 'amendment-refused' }>;

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
}

/** An event the engine refuses, with the reason the caller sees (an update's validator rejects with it). */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

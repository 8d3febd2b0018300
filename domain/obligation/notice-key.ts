/**
 * Every notice's idempotency key, built in one place:
 * `<directive>/<agency>/<milestone or ->/<kind>/<deadline ISO | event ISO | amendmentId>[/P7D | /L2]`.
 * The key is the notice's identity: the email's Message-ID, its outbox file and its sent-ledger entry are derived
 * from it, and recorded histories carry it. The format must not change: another key for the same notice is a second
 * email.
 */
import { toIso } from '../epoch';
import type { NoticeKind } from '../vocabulary';

/** What sets one notice apart from another of the same kind for the same milestone. */
export type NoticeOccasion =
  /**
   * A clock event: the deadline it belongs to (so a moved deadline gets new notices), and for a reminder how many days
   * before it (`/P7D`), for an escalation its level (`/L2`).
   */
  | { deadline: number; daysBefore?: number; level?: number }
  /** A report or a review: the instant it happened. */
  | { at: number }
  /** An amendment or a rescission: the amendment's id. */
  | { amendmentId: string };

export function noticeKey(
  obligation: { directiveId: string; agencyId: string },
  milestoneId: string | undefined,
  kind: NoticeKind,
  occasion: NoticeOccasion,
): string {
  const base = `${obligation.directiveId}/${obligation.agencyId}/${milestoneId ?? '-'}/${kind}`;
  if ('amendmentId' in occasion) return `${base}/${occasion.amendmentId}`;
  if ('at' in occasion) return `${base}/${toIso(occasion.at)}`;
  const step =
    occasion.daysBefore !== undefined
      ? `/P${occasion.daysBefore}D`
      : occasion.level !== undefined
        ? `/L${occasion.level}`
        : '';
  return `${base}/${toIso(occasion.deadline)}${step}`;
}

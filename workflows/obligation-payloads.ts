/**
 * The obligation's update payloads, from the wire to reducer events. Validation happens at the boundary, once: an
 * update's validator parses the payload with its zod schema (`parseReport`, `parseReview`) and refuses what does not
 * parse; the handler then builds the event from the already-valid payload with `reportEvent` / `reviewEvent`, which
 * use no parser. Handlers run again on replay and validators do not, so what a recorded update replays to never
 * depends on zod's version.
 *
 * The handler's normalisation is written out and equals what the schema's parse returns for a valid payload (a unit
 * test holds them together): ids, summary and comment trimmed (`String#trim`, as zod's `.trim()`), evidence reduced
 * to its three fields in the schema's order, everything else as sent.
 */
import { Refusal, type ObligationEvent } from '../domain/obligation';
import { describeIssues } from '../domain/zod-issues';
import { CompleteMilestoneInput, ReviewMilestoneInput } from './messages';

/** The validator's check: refuses a payload the schema does not accept, naming the fields. */
export function parseReport(raw: CompleteMilestoneInput): void {
  const parsed = CompleteMilestoneInput.safeParse(raw);
  if (!parsed.success) throw new Refusal(describeIssues(parsed.error.issues).join('; '));
}

export function parseReview(raw: ReviewMilestoneInput): void {
  const parsed = ReviewMilestoneInput.safeParse(raw);
  if (!parsed.success) throw new Refusal(describeIssues(parsed.error.issues).join('; '));
}

/** The report event of a payload the validator accepted, arrived at `at`. */
export function reportEvent(valid: CompleteMilestoneInput, at: number): ObligationEvent {
  const e = valid.evidence;
  return {
    type: 'report',
    at,
    milestoneId: valid.milestoneId.trim(),
    completedBy: valid.completedBy,
    evidence:
      e === undefined
        ? undefined
        : {
            summary: e.summary.trim(),
            ...(e.uri !== undefined && { uri: e.uri }),
            ...(e.sha256 !== undefined && { sha256: e.sha256 }),
          },
    completedAt: valid.completedAt === undefined ? undefined : Date.parse(valid.completedAt),
  };
}

/** The review event of a payload the validator accepted, arrived at `at`. */
export function reviewEvent(valid: ReviewMilestoneInput, at: number): ObligationEvent {
  return {
    type: 'review',
    at,
    milestoneId: valid.milestoneId.trim(),
    reviewer: valid.reviewer,
    decision: valid.decision,
    comment: valid.comment.trim(),
  };
}

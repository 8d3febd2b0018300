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
import type { Actor } from '../domain/actor';
import type { Evidence } from '../domain/evidence';
import { Refusal, type ObligationEvent } from '../domain/obligation';
import { describeIssues } from '../domain/zod-issues';
import type { AmendInput, CompleteMilestoneInput, ReviewMilestoneInput } from './messages';
import { obligationSchemas } from './schemas';

/** The validator's check: refuses a payload the schema does not accept, naming the fields. */
export function parseReport(raw: CompleteMilestoneInput): void {
  const parsed = obligationSchemas().CompleteMilestoneInput.safeParse(raw);
  if (!parsed.success) throw new Refusal(describeIssues(parsed.error.issues, 'payload').join('; '));
}

export function parseReview(raw: ReviewMilestoneInput): void {
  const parsed = obligationSchemas().ReviewMilestoneInput.safeParse(raw);
  if (!parsed.success) throw new Refusal(describeIssues(parsed.error.issues, 'payload').join('; '));
}

/**
 * Why an amendment (the `amend` signal's or the `applyAmendment` update's payload) cannot be applied as sent, naming
 * the fields; undefined when it parses. The signal records it as the refusal's reason, the update's validator refuses
 * with it.
 */
export function amendmentProblem(raw: unknown): string | undefined {
  const parsed = obligationSchemas().AmendInput.safeParse(raw);
  return parsed.success ? undefined : describeIssues(parsed.error.issues).join('; ');
}

/** An amendment that amendmentProblem accepted, as the schema parses it (ids and texts trimmed). */
export function parseAmendment(raw: unknown): AmendInput {
  return obligationSchemas().AmendInput.parse(raw);
}

function evidenceOf(e: Evidence | undefined): Evidence | undefined {
  if (e === undefined) return undefined;
  return {
    summary: e.summary.trim(),
    ...(e.uri !== undefined && { uri: e.uri }),
    ...(e.sha256 !== undefined && { sha256: e.sha256 }),
    ...(e.files !== undefined && {
      files: e.files.map((f) => ({ name: f.name.trim(), size: f.size, mediaType: f.mediaType, sha256: f.sha256 })),
    }),
  };
}

function actorOf(a: Actor | undefined): Actor | undefined {
  if (a === undefined) return undefined;
  return {
    channel: a.channel,
    email: a.email,
    ...(a.name !== undefined && { name: a.name.trim() }),
    ...(a.issuer !== undefined && { issuer: a.issuer }),
    ...(a.subject !== undefined && { subject: a.subject.trim() }),
  };
}

/** The report event of a payload the validator accepted, arrived at `at`. */
export function reportEvent(valid: CompleteMilestoneInput, at: number): ObligationEvent {
  return {
    type: 'report',
    at,
    milestoneId: valid.milestoneId.trim(),
    completedBy: valid.completedBy,
    evidence: evidenceOf(valid.evidence),
    completedAt: valid.completedAt === undefined ? undefined : Date.parse(valid.completedAt),
    ...(valid.actor !== undefined && { actor: actorOf(valid.actor) }),
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
    ...(valid.actor !== undefined && { actor: actorOf(valid.actor) }),
  };
}

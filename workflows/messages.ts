/**
 * The public messages of an `agencyObligation`: their names and payloads are the workflow's public interface (the
 * CLI and the Temporal CLI send them, see README), so they do not change. Sender and receiver import the same
 * constants and schemas, so a name or a payload shape cannot drift between them.
 */
import { z } from 'zod';
import { Actor } from '../domain/actor';
import { Evidence } from '../domain/evidence';
import { LIMITS, boundedEmail, idProblem, requiredId, requiredName, requiredText } from '../domain/limits';
import { AMENDMENT_KINDS } from '../domain/vocabulary';

const instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with an offset, e.g. 2017-10-13T17:00:00-04:00',
});
// A plain pattern for the bare date: zod's z.iso.date() refuses valid dates inside the workflow sandbox (seen with
// zod 4.6 bundled by the SDK's webpack). The calendar check happens in the resolveDeadline activity anyway.
const bareDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dateOrInstant = z.union([bareDate, z.iso.datetime({ offset: true })], {
  error: 'must be an ISO-8601 date (YYYY-MM-DD) or date-time with an offset',
});
/**
 * An amendment's id: an id (domain/limits.ts), or the campaign's own derived ids, which add `/`-separated id segments
 * ("D-1/resume", "BOD-17-01/vendor-response/hold"). Never `..`, a backslash, a space or a line break.
 */
const amendmentId = z
  .string({ error: 'amendmentId is required' })
  .trim()
  .min(1, { error: 'amendmentId must not be empty' })
  .superRefine((v, ctx) => {
    const problem =
      v.length > LIMITS.amendmentIdMaxChars
        ? `at most ${LIMITS.amendmentIdMaxChars} characters (got ${v.length})`
        : v
            .split('/')
            .map(idProblem)
            .find((p) => p !== undefined);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The actor, when given, is who the email field names: a record cannot say one person and mean another. */
function sameEmail<F extends 'completedBy' | 'reviewer'>(field: F) {
  return (payload: { actor?: Actor } & Record<F, string>, ctx: z.RefinementCtx) => {
    if (payload.actor && payload.actor.email.toLowerCase() !== payload[field].toLowerCase())
      ctx.addIssue({ code: 'custom', path: ['actor', 'email'], message: `actor.email must be the ${field} address` });
  };
}

export const CompleteMilestoneInput = z
  .strictObject({
    milestoneId: requiredId('milestoneId'),
    completedBy: boundedEmail('completedBy must be an email address'),
    evidence: Evidence.optional(),
    completedAt: instant.optional(),
    /** Who reported it and through which channel (the portal: from the session; the CLI: itself). */
    actor: Actor.optional(),
  })
  .superRefine(sameEmail('completedBy'));
export type CompleteMilestoneInput = z.input<typeof CompleteMilestoneInput>;

export const ReviewMilestoneInput = z
  .strictObject({
    milestoneId: requiredId('milestoneId'),
    reviewer: boundedEmail('reviewer must be an email address'),
    decision: z.enum(['approve', 'reject'], { error: 'decision must be "approve" or "reject"' }),
    comment: requiredText('comment'),
    actor: Actor.optional(),
  })
  .superRefine(sameEmail('reviewer'));
export type ReviewMilestoneInput = z.input<typeof ReviewMilestoneInput>;

export const AmendInput = z
  .strictObject({
    amendmentId,
    kind: z.enum(AMENDMENT_KINDS, { error: `kind must be one of ${AMENDMENT_KINDS.join(', ')}` }),
    milestoneId: requiredId('milestoneId').optional(),
    newDueAt: dateOrInstant.optional(),
    extendByDays: z
      .number()
      .int({ error: 'extendByDays must be a whole number' })
      .refine((n) => n !== 0, 'extendByDays must not be 0')
      .refine((n) => Math.abs(n) <= LIMITS.extendByDaysMax, {
        error: (issue) => `at most ${LIMITS.extendByDaysMax} days either way (got ${String(issue.input)})`,
      })
      .optional(),
    reason: requiredText('reason'),
    directedBy: requiredName('directedBy'),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'rescind' && !a.milestoneId)
      ctx.addIssue({ code: 'custom', path: ['milestoneId'], message: `milestoneId is required for ${a.kind}` });
    if (a.kind === 'extend' && (a.newDueAt === undefined) === (a.extendByDays === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['newDueAt'],
        message: 'extend needs exactly one of newDueAt or extendByDays',
      });
    }
    if (a.kind !== 'extend' && a.extendByDays !== undefined)
      ctx.addIssue({ code: 'custom', path: ['extendByDays'], message: 'extendByDays only applies to extend' });
  });
export type AmendInput = z.input<typeof AmendInput>;

// The messages themselves (names and types) live in a module without zod, which workflow code imports: see
// definitions.ts.
export {
  amendSignal,
  applyAmendmentUpdate,
  completeMilestoneUpdate,
  previewAmendmentQuery,
  reviewMilestoneUpdate,
  statusQuery,
  type AmendmentAnswer,
} from './definitions';

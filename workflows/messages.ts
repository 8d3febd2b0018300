/**
 * The public messages of an `agencyObligation`: their names and payloads are the workflow's public interface (the
 * CLI and the Temporal CLI send them, see README), so they do not change. Sender and receiver import the same
 * constants and schemas, so a name or a payload shape cannot drift between them.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { Evidence, requiredText } from '../domain/evidence';
import type { ObligationStatus } from '../domain/obligation/view';
import { AMENDMENT_KINDS } from '../domain/vocabulary';
import type { AmendmentPreview, AmendmentPreviewInput } from './amendment-preview';

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
export const CompleteMilestoneInput = z.strictObject({
  milestoneId: requiredText('milestoneId'),
  completedBy: z.email({ error: 'completedBy must be an email address' }),
  evidence: Evidence.optional(),
  completedAt: instant.optional(),
});
export type CompleteMilestoneInput = z.input<typeof CompleteMilestoneInput>;

export const ReviewMilestoneInput = z.strictObject({
  milestoneId: requiredText('milestoneId'),
  reviewer: z.email({ error: 'reviewer must be an email address' }),
  decision: z.enum(['approve', 'reject'], { error: 'decision must be "approve" or "reject"' }),
  comment: requiredText('comment'),
});
export type ReviewMilestoneInput = z.input<typeof ReviewMilestoneInput>;

export const AmendInput = z
  .strictObject({
    amendmentId: requiredText('amendmentId'),
    kind: z.enum(AMENDMENT_KINDS, { error: `kind must be one of ${AMENDMENT_KINDS.join(', ')}` }),
    milestoneId: requiredText('milestoneId').optional(),
    newDueAt: dateOrInstant.optional(),
    extendByDays: z
      .number()
      .int({ error: 'extendByDays must be a whole number' })
      .refine((n) => n !== 0, 'extendByDays must not be 0')
      .optional(),
    reason: requiredText('reason'),
    directedBy: requiredText('directedBy'),
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

export const completeMilestoneUpdate = defineUpdate<ObligationStatus, [CompleteMilestoneInput]>('completeMilestone');
export const reviewMilestoneUpdate = defineUpdate<ObligationStatus, [ReviewMilestoneInput]>('reviewMilestone');
export const amendSignal = defineSignal<[AmendInput]>('amend');
export const statusQuery = defineQuery<ObligationStatus>('status');
/**
 * What an amendment would do to this obligation, from its own reducer run on a copy of its state: `applied`,
 * `unchanged` or `refused` with the reason (`directive amend --dry-run`). Changes nothing.
 */
export const previewAmendmentQuery = defineQuery<AmendmentPreview, [AmendmentPreviewInput]>('previewAmendment');

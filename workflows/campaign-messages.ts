/**
 * The public messages of a `directiveCampaign` (part of the public interface, see README: names and payloads do not
 * change), shared by the workflow, the CLI and tests.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { requiredText } from '../domain/evidence';
import { AmendInput } from './messages';

export const AmendDirectiveInput = z.union([
  // The per-agency kinds of `amend`, fanned out to all agencies or the named ones.
  z
    .object({
      agencies: z
        .array(z.string().min(1))
        .min(1, { error: 'agencies must name at least one agency, or be left out for all' })
        .optional(),
    })
    .and(AmendInput),
  // The issuer's decision on the vendor's response: `uphold` lets the gated milestone open, `rescind` ends every obligation.
  z.strictObject({
    amendmentId: requiredText('amendmentId'),
    kind: z.literal('decide'),
    decision: z.enum(['uphold', 'rescind'], { error: 'decision must be "uphold" or "rescind"' }),
    reason: requiredText('reason'),
    directedBy: requiredText('directedBy'),
  }),
]);
export type AmendDirectiveInput = z.input<typeof AmendDirectiveInput>;

/** What an `amendDirective` changed, agency by agency. */
export interface AmendDirectiveResult {
  amendmentId: string;
  kind: string;
  /**
   * `signalled`: sent to the obligation, which applies it (or records why not in its history); `not-delivered`: the
   * signal did not reach the obligation (it has ended); `already-applied`: this amendmentId was handled before.
   */
  agencies: { agencyId: string; outcome: 'signalled' | 'not-delivered' | 'already-applied'; detail?: string }[];
  /** Anything worth telling beyond the per-agency outcomes, e.g. "uphold before the gate: remove opens as scheduled". */
  detail?: string;
}

export interface CampaignAgencyRow {
  agencyId: string;
  name: string;
  workflowId: string;
  phase: string;
  nextDeadline: string | null;
  overdue: boolean;
  escalationLevel: number;
}

export interface CampaignStatus {
  directiveId: string;
  issuedAt: string;
  agencies: CampaignAgencyRow[];
  countsByPhase: Record<string, number>;
  overdue: number;
  /** `gates`: the milestone the decision opens; `heldSince`: when the campaign held it, undecided (null if not). */
  vendorResponse?: {
    dueAt: string | null;
    decision: 'pending' | 'uphold' | 'rescind';
    gates?: string;
    heldSince?: string | null;
  };
  amendments: string[];
}

export const amendDirectiveUpdate = defineUpdate<AmendDirectiveResult, [AmendDirectiveInput]>('amendDirective');
/** Sent by a (re)started campaign to an obligation that already existed: send your row again. */
export const requestProgressSignal = defineSignal('requestProgress');
export const campaignStatusQuery = defineQuery<CampaignStatus>('campaignStatus');
/** Sent by each obligation to its campaign (its parent) whenever the row it would publish changes. */
export const obligationProgressSignal = defineSignal<[CampaignAgencyRow]>('obligationProgress');

/**
 * Public workflow ids, by which operators and the CLI address workflows: `<directiveId>` for a campaign,
 * `<directiveId>/<agencyId>` for an obligation.
 */
export const campaignWorkflowId = (directiveId: string): string => directiveId;
export const obligationWorkflowId = (directiveId: string, agencyId: string): string => `${directiveId}/${agencyId}`;

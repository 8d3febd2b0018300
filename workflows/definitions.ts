/**
 * The public messages of an `agencyObligation` and a `directiveCampaign`: their names and payload types (see README:
 * names and payloads do not change). Sender and receiver import the same constants, so a name cannot drift between
 * them.
 *
 * No zod here, on purpose: the worker evaluates the workflow bundle's modules again for every workflow it starts or
 * replays, and zod with the payload schemas (messages.ts, campaign-messages.ts) made up about a third of a new
 * obligation's first workflow task. Workflow code imports the messages from here and loads the schemas only when it
 * parses a payload (obligation-payloads.ts, campaign-amendment-input.ts).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AmendDirectiveResult, CampaignAgencyRow, ObligationAmendmentOutcome } from '../domain/campaign/state';
import type { CampaignStatus, CampaignStatusPage } from '../domain/campaign/view';
import type { ObligationStatus } from '../domain/obligation/view';
import type { AmendmentPreview, AmendmentPreviewInput } from './amendment-preview';
import type { AmendDirectiveInput } from './campaign-messages';
import type { AmendInput, CompleteMilestoneInput, ReviewMilestoneInput } from './messages';

/** What an obligation did with an amendment. */
export interface AmendmentAnswer {
  outcome: ObligationAmendmentOutcome;
  /** For `refused`: the reason, as the obligation's history records it. */
  reason?: string;
}

export const completeMilestoneUpdate = defineUpdate<ObligationStatus, [CompleteMilestoneInput]>('completeMilestone');
export const reviewMilestoneUpdate = defineUpdate<ObligationStatus, [ReviewMilestoneInput]>('reviewMilestone');
export const amendSignal = defineSignal<[AmendInput]>('amend');
/**
 * `amend` answered with what the obligation did with it (`applied`, `unchanged` or `refused` with the reason): how a
 * by-reference campaign delivers an amendment and counts the outcomes, from an activity, so that nothing per agency
 * lands in the campaign's own history.
 */
export const applyAmendmentUpdate = defineUpdate<AmendmentAnswer, [AmendInput]>('applyAmendment');
export const statusQuery = defineQuery<ObligationStatus>('status');
/**
 * What an amendment would do to this obligation, from its own reducer run on a copy of its state: `applied`,
 * `unchanged` or `refused` with the reason (`directive amend --dry-run`). Changes nothing.
 */
export const previewAmendmentQuery = defineQuery<AmendmentPreview, [AmendmentPreviewInput]>('previewAmendment');

/** What an obligation tells its campaign after handling an amendment from the `amend` signal. */
export interface AmendmentOutcomeReport {
  amendmentId: string;
  agencyId: string;
  outcome: ObligationAmendmentOutcome;
  /** For `refused`: the obligation's reason, as its history records it. */
  reason?: string;
}

export const amendDirectiveUpdate = defineUpdate<AmendDirectiveResult, [AmendDirectiveInput]>('amendDirective');
/** Sent by a (re)started campaign to an obligation that already existed: send your row again. */
export const requestProgressSignal = defineSignal('requestProgress');
/** Optionally `{ cursor, limit }`: a page of rows (absent = the first page; the answer's `nextCursor` asks for the next). */
export const campaignStatusQuery = defineQuery<CampaignStatus, [CampaignStatusPage?]>('campaignStatus');
/** Sent by each obligation to its campaign (its parent) whenever the row it would publish changes. */
export const obligationProgressSignal = defineSignal<[CampaignAgencyRow]>('obligationProgress');

/**
 * Sent by each obligation (rules version 3) to its campaign after it handled an amendment from the `amend` signal:
 * `applied`, `unchanged` (applied before) or `refused` with the reason. The campaign's `amendDirective` answers with it.
 */
export const amendmentOutcomeSignal = defineSignal<[AmendmentOutcomeReport]>('amendmentOutcome');

/** Public workflow ids: `<directiveId>` for a campaign, `<directiveId>/<agencyId>` for an obligation. */
export { campaignWorkflowId, obligationWorkflowId } from '../domain/campaign/state';

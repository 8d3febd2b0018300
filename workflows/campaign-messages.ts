/**
 * The public messages of a `directiveCampaign` (part of the public interface, see README: names and payloads do not
 * change), shared by the workflow, the CLI and tests.
 */
import { z } from 'zod';
import { requiredText } from '../domain/evidence';
import { requiredName } from '../domain/limits';
import { AmendInput } from './messages';

export const AmendDirectiveInput = z.union([
  // The per-agency kinds of `amend`, fanned out to all agencies or the named ones. Strict like `amend` itself: a field
  // the obligations do not know is refused here, once, not by every obligation after the fan-out.
  AmendInput.safeExtend({
    agencies: z
      .array(z.string().min(1))
      .min(1, { error: 'agencies must name at least one agency, or be left out for all' })
      .optional(),
  }),
  // The issuer's decision on the vendor's response: `uphold` lets the gated milestone open, `rescind` ends every obligation.
  // Its id and issuer obey the same limits as every other amendment's.
  z.strictObject({
    amendmentId: AmendInput.shape.amendmentId,
    kind: z.literal('decide'),
    decision: z.enum(['uphold', 'rescind'], { error: 'decision must be "uphold" or "rescind"' }),
    reason: requiredText('reason'),
    directedBy: requiredName('directedBy'),
  }),
]);
export type AmendDirectiveInput = z.input<typeof AmendDirectiveInput>;

export type {
  AgencyAmendmentResult,
  AgencyOutcome,
  AmendDirectiveResult,
  CampaignAgencyRow,
  ObligationAmendmentOutcome,
} from '../domain/campaign/state';
export type { CampaignStatus, CampaignStatusPage } from '../domain/campaign/view';

export {
  amendDirectiveUpdate,
  amendmentOutcomeSignal,
  campaignStatusQuery,
  obligationProgressSignal,
  requestProgressSignal,
  type AmendmentOutcomeReport,
} from './definitions';

/** Public workflow ids: `<directiveId>` for a campaign, `<directiveId>/<agencyId>` for an obligation. */
export { campaignWorkflowId, obligationWorkflowId } from '../domain/campaign/state';

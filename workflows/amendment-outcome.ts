import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import { amendmentOutcomeSignal, type AmendmentOutcomeReport } from './definitions';
import { campaignOf } from './campaign-progress';

/**
 * Used by an obligation (rules version 3) after it handled an amendment from the `amend` signal: tells its campaign
 * (its parent or the one its memo names, addressed by workflow id, so a campaign that continued as new receives it) what it did. Never awaited,
 * never throws: an obligation started without a campaign has nobody to tell, and a campaign that has ended is logged.
 */
export function reportAmendmentOutcome(report: AmendmentOutcomeReport): void {
  const campaign = campaignOf();
  if (!campaign) return;
  getExternalWorkflowHandle(campaign)
    .signal(amendmentOutcomeSignal, report)
    .catch((err: Error) =>
      log.warn('Could not report an amendment outcome to the campaign', {
        campaign,
        amendmentId: report.amendmentId,
        error: err.message,
      }),
    );
}

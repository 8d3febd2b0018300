import { getExternalWorkflowHandle, log, workflowInfo } from '@temporalio/workflow';
import { amendmentOutcomeSignal, type AmendmentOutcomeReport } from './campaign-messages';

/**
 * Used by an obligation (rules version 3) after it handled an amendment from the `amend` signal: tells its campaign
 * (its parent, addressed by workflow id, so a campaign that continued as new receives it) what it did. Never awaited,
 * never throws: an obligation started without a campaign has nobody to tell, and a campaign that has ended is logged.
 */
export function reportAmendmentOutcome(report: AmendmentOutcomeReport): void {
  const parent = workflowInfo().parent;
  if (!parent) return;
  getExternalWorkflowHandle(parent.workflowId)
    .signal(amendmentOutcomeSignal, report)
    .catch((err: Error) =>
      log.warn('Could not report an amendment outcome to the campaign', {
        campaign: parent.workflowId,
        amendmentId: report.amendmentId,
        error: err.message,
      }),
    );
}

import { getExternalWorkflowHandle, log, workflowInfo } from '@temporalio/workflow';
import { obligationProgressSignal, type CampaignAgencyRow } from './campaign-messages';

/**
 * Used by an obligation: sends its campaign row to its parent (the campaign, addressed by
 * workflow id only, so a campaign that continued as new or was restarted still receives it) when the row differs from
 * the last one sent. Fire-and-forget: the obligation's loop never waits on it, and a failure (the campaign has ended,
 * or the obligation was started without one) is logged, never raised.
 */
// Module state is per workflow execution in the SDK's sandbox; after continue-as-new the row is sent once more.
let last: string | undefined;

export function reportProgress(row: CampaignAgencyRow): void {
  const parent = workflowInfo().parent;
  if (!parent) return;
  const key = JSON.stringify(row);
  if (key === last) return;
  last = key;
  getExternalWorkflowHandle(parent.workflowId)
    .signal(obligationProgressSignal, row)
    .catch((err: Error) => log.warn('Could not report progress to the campaign', { campaign: parent.workflowId, error: err.message }));
}

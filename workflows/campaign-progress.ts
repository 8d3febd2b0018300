import { getExternalWorkflowHandle, log, workflowInfo } from '@temporalio/workflow';
import { obligationProgressSignal, type CampaignAgencyRow } from './campaign-messages';

export interface ProgressReporter {
  /** Sends the row to the parent campaign if it differs from the last one sent. Never awaited, never throws. */
  report(row: CampaignAgencyRow): void;
  /** Forgets the last row, so the next report goes out even if unchanged (a restarted campaign asked for it). */
  forget(): void;
}

/**
 * Used by an obligation to keep its row in the campaign current. The parent is addressed by workflow id only, so a
 * campaign that continued as new or was restarted still receives it; a failure (the campaign has ended, or the
 * obligation runs without one) is logged, never raised.
 *
 * The memory of the last row lives in this closure, created by each workflow execution: module-level state would be
 * shared between workflows by the SDK's reused V8 context, and a replay would then send different signals.
 */
export function progressReporter(): ProgressReporter {
  let last: string | undefined;
  return {
    report(row) {
      const parent = workflowInfo().parent;
      if (!parent) return;
      const key = JSON.stringify(row);
      if (key === last) return;
      last = key;
      getExternalWorkflowHandle(parent.workflowId)
        .signal(obligationProgressSignal, row)
        .catch((err: Error) =>
          log.warn('Could not report progress to the campaign', { campaign: parent.workflowId, error: err.message }),
        );
    },
    forget() {
      last = undefined;
    },
  };
}

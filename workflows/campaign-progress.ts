import { getExternalWorkflowHandle, log, workflowInfo } from '@temporalio/workflow';
import { toIso } from '../domain/epoch';
import { TERMINAL_PHASES } from '../domain/campaign/state';
import { currentEscalation, isOverdue, nextDeadline, phase, type ObligationState } from '../domain/obligation';
import type { CampaignAgencyRow } from './campaign-messages';
import { obligationProgressSignal } from './definitions';

export interface ProgressReporter {
  /** Sends the row to the parent campaign if it differs from the last one sent. Never awaited, never throws. */
  report(row: CampaignAgencyRow): void;
  /** Forgets the last row, so the next report goes out even if unchanged (a restarted campaign asked for it). */
  forget(): void;
}

/** The obligation's row in its campaign: what `campaign status` shows for the agency. Pure. */
export function progressRow(state: ObligationState, agencyName: string, workflowId: string): CampaignAgencyRow {
  const next = nextDeadline(state);
  return {
    agencyId: state.agencyId,
    name: agencyName,
    workflowId,
    phase: phase(state),
    nextDeadline: toIso(next),
    overdue: isOverdue(state),
    escalationLevel: currentEscalation(state),
  };
}

/**
 * The memo a by-reference campaign gives the obligations it starts: their rows are in visibility, so they tell the
 * campaign only that they ended (the row with a closing phase), not every change. Obligations without it (started by
 * an inline campaign, or before this memo existed) report every change as before.
 */
export const PROGRESS_MEMO = 'campaignProgress';
export const PROGRESS_CLOSING_ONLY = 'closing-only';

/**
 * The memo that names the campaign of an obligation a campaign started from an activity (not as its child), so the
 * obligation knows whom to tell.
 */
export const CAMPAIGN_MEMO = 'campaign';

/** The workflow id of the obligation's campaign: its parent, or the one its memo names; none if started on its own. */
export function campaignOf(): string | undefined {
  const { parent, memo } = workflowInfo();
  if (parent) return parent.workflowId;
  const named = memo?.[CAMPAIGN_MEMO];
  return typeof named === 'string' ? named : undefined;
}

/**
 * A reporter that hands `send` each row that differs from the last one it sent, and after `forget()` the next row
 * whatever it is; with `closingOnly`, only rows with a closing phase. Pure: the workflow gives it a `send` that
 * signals the campaign.
 */
export function dedupingReporter(send: (row: CampaignAgencyRow) => void, closingOnly = false): ProgressReporter {
  let last: string | undefined;
  return {
    report(row) {
      if (closingOnly && !TERMINAL_PHASES.includes(row.phase)) return;
      const key = JSON.stringify(row);
      if (key === last) return;
      last = key;
      send(row);
    },
    forget() {
      last = undefined;
    },
  };
}

/**
 * Used by an obligation to keep its row in the campaign current. The campaign is addressed by workflow id only, so a
 * campaign that continued as new or was restarted still receives it; a failure (the campaign has ended, or the
 * obligation runs without one) is logged, never raised.
 *
 * The memory of the last row lives in this closure, created by each workflow execution: module-level state would be
 * shared between workflows by the SDK's reused V8 context, and a replay would then send different signals.
 */
export function progressReporter(): ProgressReporter {
  const closingOnly = workflowInfo().memo?.[PROGRESS_MEMO] === PROGRESS_CLOSING_ONLY;
  return dedupingReporter((row) => {
    // An obligation started on its own, without a campaign, has nobody to tell.
    const campaign = campaignOf();
    if (!campaign) return;
    getExternalWorkflowHandle(campaign)
      .signal(obligationProgressSignal, row)
      .catch((err: Error) => log.warn('Could not report progress to the campaign', { campaign, error: err.message }));
  }, closingOnly);
}

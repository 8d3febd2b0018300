import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Agency } from '../domain/agency';
import { computeSchedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { campaignWorkflowId } from '../workflows/campaign-messages';
import { DirectiveIdKey } from '../workflows/search-attributes';

export interface StartCampaignOptions {
  directive: DirectiveDefinition;
  agencies: Agency[];
  /** ISO-8601 date or date-time; a bare date is that day in the directive's time zone. */
  issuedAt: string;
  taskQueue: string;
}

/** The workflow type started by name, so this client does not import the workflow code. */
export const CAMPAIGN_WORKFLOW_TYPE = 'directiveCampaign';

/**
 * Starts one directive's campaign (id = the directive id). Deadlines are computed here, once, and enter the workflow
 * as absolute instants. Starting an issued directive again starts nothing: `started: false`.
 */
export async function startCampaign(
  client: Client,
  opts: StartCampaignOptions,
): Promise<{ workflowId: string; started: boolean }> {
  const { directive, agencies } = opts;
  const schedule = computeSchedule(directive, opts.issuedAt);
  const workflowId = campaignWorkflowId(directive.id);
  try {
    await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: opts.taskQueue,
      args: [{ definition: directive, agencies, schedule }],
      staticSummary: `${directive.id} · ${directive.title} · ${agencies.length} agencies`,
      // A campaign that ran to its end (completed or rescinded) is not issued again; one that was terminated or
      // failed can be restarted, and its obligations, which outlive it, are not started twice.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: [{ key: DirectiveIdKey, value: directive.id }],
    });
    return { workflowId, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
    throw err;
  }
}

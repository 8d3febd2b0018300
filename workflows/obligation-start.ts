import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Agency } from '../domain/agency';
import { obligationWorkflowId } from '../domain/campaign/state';
import type { DirectiveDefinition } from '../domain/directive';
import { AgencyIdKey, DirectiveIdKey } from './search-attributes';

/**
 * What a campaign gives each obligation it starts, as a child or from an activity: its public id, never a second run
 * (an obligation that already ran to its end is not started again either), the summary and details the Web UI shows,
 * and the search attributes operators filter on from the first moment. Pure.
 */
export function obligationStart(definition: DirectiveDefinition, agency: Agency, campaignWorkflowId: string) {
  return {
    workflowId: obligationWorkflowId(definition.id, agency.id),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    staticSummary: `${definition.id} · ${agency.id} · ${agency.name}`,
    staticDetails: `${definition.title}\n\nCampaign: ${campaignWorkflowId}`,
    typedSearchAttributes: [
      { key: DirectiveIdKey, value: definition.id },
      { key: AgencyIdKey, value: agency.id },
    ],
  };
}

import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { agenciesStoreDir, loadStoredAgencies, storeAgencies } from '../activities/agencies-store';
import { forEachLimit } from './concurrency';
import type { Agency } from '../domain/agency';
import { computeSchedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { campaignWorkflowId, type CampaignAgencyRow, type CampaignStatus } from '../workflows/campaign-messages';
import { statusQuery } from '../workflows/messages';
import {
  AgencyIdKey,
  DirectiveIdKey,
  NextDeadlineKey,
  ObligationPhaseKey,
  OverdueKey,
} from '../workflows/search-attributes';

export interface StartCampaignOptions {
  directive: DirectiveDefinition;
  agencies: Agency[];
  /** ISO-8601 date or date-time; a bare date is that day in the directive's time zone. */
  issuedAt: string;
  taskQueue: string;
  /** Where the agencies file is stored for the workers (AGENCIES_STORE_DIR); default: the environment's. */
  agenciesStoreDir?: string;
}

/** The workflow type started by name, so this client does not import the workflow code. */
export const CAMPAIGN_WORKFLOW_TYPE = 'directiveCampaign';

/**
 * Starts one directive's campaign (id = the directive id). Deadlines are computed here, once, and enter the workflow
 * as absolute instants. The agencies go by reference: stored under their SHA-256 in AGENCIES_STORE_DIR, which the
 * workers read in pages, so the campaign's input stays the same size for 23 agencies or 100,000. Starting an issued
 * directive again starts nothing: `started: false`.
 */
export async function startCampaign(
  client: Client,
  opts: StartCampaignOptions,
): Promise<{ workflowId: string; started: boolean }> {
  const { directive, agencies } = opts;
  const schedule = computeSchedule(directive, opts.issuedAt);
  const workflowId = campaignWorkflowId(directive.id);
  const ref = await storeAgencies(opts.agenciesStoreDir ?? agenciesStoreDir(), agencies);
  try {
    await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: opts.taskQueue,
      args: [{ definition: directive, agencies: ref, schedule }],
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

/** A directive's obligations in visibility (one row each: a run that continued as new is not counted twice). */
export const obligationsOf = (directiveId: string): string =>
  `WorkflowType = 'agencyObligation' AND DirectiveId = '${directiveId}' AND ExecutionStatus != 'ContinuedAsNew'`;

export interface RowsPage {
  rows: CampaignAgencyRow[];
  /** Visibility's page token (base64url), or null after the last page. */
  nextCursor: string | null;
}

/** Queries at once for escalation levels: enough to keep a page quick, few enough not to crowd the worker. */
const QUERY_CONCURRENCY = 16;

/**
 * One page of a by-reference campaign's rows, from the obligations' search attributes (one list call). The
 * escalation level is not a search attribute: it is asked of each overdue obligation (escalation steps only run past
 * a deadline, so one that is not overdue is at level 0). Names come from the stored agencies file when this host can
 * read it (`names`).
 */
export async function visibleRows(
  client: Client,
  directiveId: string,
  page: { cursor?: string; limit: number },
  names: ReadonlyMap<string, string> = new Map(),
  escalation = true,
): Promise<RowsPage> {
  const res = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query: obligationsOf(directiveId),
    pageSize: page.limit,
    nextPageToken: page.cursor ? Buffer.from(page.cursor, 'base64url') : undefined,
  });
  const rows = (res.executions ?? []).map((e): CampaignAgencyRow => {
    const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
    const workflowId = e.execution?.workflowId ?? '';
    const agencyId = sa.get(AgencyIdKey) ?? workflowId.split('/').pop() ?? workflowId;
    return {
      agencyId,
      name: names.get(agencyId) ?? '',
      workflowId,
      phase: sa.get(ObligationPhaseKey) ?? 'starting',
      nextDeadline: sa.get(NextDeadlineKey)?.toISOString() ?? null,
      overdue: sa.get(OverdueKey) ?? false,
      escalationLevel: 0,
    };
  });
  await forEachLimit(escalation ? rows.filter((r) => r.overdue) : [], QUERY_CONCURRENCY, async (r) => {
    const s = await client.workflow
      .getHandle(r.workflowId)
      .query(statusQuery)
      .catch(() => undefined);
    r.escalationLevel = s?.escalationLevel ?? 0;
  });
  const token = res.nextPageToken?.length ? Buffer.from(res.nextPageToken).toString('base64url') : null;
  return { rows: rows.sort((a, b) => a.agencyId.localeCompare(b.agencyId)), nextCursor: token };
}

/**
 * Counts by phase and overdue for a by-reference campaign, from visibility (count queries; Temporal groups counts by
 * execution status only, so one count per phase the definition can produce). Agencies without a visible phase yet are
 * `starting`.
 */
export async function visibleCounts(
  client: Client,
  definition: DirectiveDefinition,
  agencyCount: number,
): Promise<{ countsByPhase: Record<string, number>; overdue: number }> {
  const base = obligationsOf(definition.id);
  const phases = [...definition.milestones.map((m) => m.id), 'reporting', 'completed', 'rescinded'];
  const counts = await Promise.all(
    phases.map(async (p) => (await client.workflow.count(`${base} AND ObligationPhase = '${p}'`)).count),
  );
  const countsByPhase: Record<string, number> = {};
  phases.forEach((p, i) => {
    if (counts[i]) countsByPhase[p] = counts[i]!;
  });
  const seen = counts.reduce((a, b) => a + b, 0);
  if (agencyCount > seen) countsByPhase.starting = agencyCount - seen;
  const overdue = (await client.workflow.count(`${base} AND Overdue = true`)).count;
  return { countsByPhase, overdue };
}

/** Agency names by id from the stored agencies file, or none when this host cannot read it. */
export async function storedNames(sha256: string | undefined, dir = agenciesStoreDir()): Promise<Map<string, string>> {
  if (!sha256) return new Map();
  try {
    return new Map((await loadStoredAgencies(dir, sha256)).map((a) => [a.id, a.name]));
  } catch {
    return new Map();
  }
}

/** The campaign's status with its rows and counts filled in from visibility when the campaign does not hold them. */
export async function withVisibleCounts(
  client: Client,
  definition: DirectiveDefinition,
  status: CampaignStatus,
): Promise<CampaignStatus> {
  if (status.rowsFrom !== 'visibility') return status;
  const counts = await visibleCounts(client, definition, status.agencyCount ?? 0);
  return { ...status, ...counts };
}

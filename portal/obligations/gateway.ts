/**
 * The portal's only way to the obligations: visibility to find them, the `status` query to read one, the
 * `completeMilestone` and `reviewMilestone` updates to change one (their validators decide). It keeps no copy.
 * Workflow ids are built here from a directive and an agency the caller was already allowed to see.
 */
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import { obligationWorkflowId } from '../../domain/campaign/state';
import type { DirectiveDefinition } from '../../domain/directive';
import type { ObligationStatus } from '../../domain/obligation/view';
import {
  completeMilestoneUpdate,
  reviewMilestoneUpdate,
  statusQuery,
  type CompleteMilestoneInput,
  type ReviewMilestoneInput,
} from '../../workflows/messages';
import {
  AgencyIdKey,
  DirectiveIdKey,
  NextDeadlineKey,
  ObligationPhaseKey,
  OverdueKey,
} from '../../workflows/search-attributes';
import type { Access } from '../access/roster';

/** One obligation as visibility lists it. */
export interface ObligationRow {
  directiveId: string;
  agencyId: string;
  phase: string;
  nextDeadline: string | null;
  overdue: boolean;
  running: boolean;
}

/** The engine refused an update: the validator's message, as the officer or reviewer should read it. */
export class EngineRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineRefusal';
  }
}

const quoteAll = (ids: Iterable<string>) => [...ids].map((id) => `'${id.replace(/'/g, '')}'`).join(', ');

/** The visibility query for what `access` may see; undefined when it may see nothing. */
export function visibleQuery(access: Access): string | undefined {
  const scopes: string[] = [];
  if (access.agencies.size) scopes.push(`AgencyId IN (${quoteAll(access.agencies)})`);
  const directives = new Set([...access.reviews, ...access.issues]);
  if (directives.size) scopes.push(`DirectiveId IN (${quoteAll(directives)})`);
  if (!scopes.length) return undefined;
  return `WorkflowType = 'agencyObligation' AND (${scopes.join(' OR ')})`;
}

function rowOf(info: WorkflowExecutionInfo): ObligationRow | undefined {
  const sa = info.typedSearchAttributes;
  const directiveId = sa.get(DirectiveIdKey);
  const agencyId = sa.get(AgencyIdKey);
  // A run that continued as new is listed beside the run that replaced it: keep the current one only.
  if (!directiveId || !agencyId || info.status.name === 'CONTINUED_AS_NEW') return undefined;
  return {
    directiveId,
    agencyId,
    phase: sa.get(ObligationPhaseKey) ?? '',
    nextDeadline: sa.get(NextDeadlineKey)?.toISOString() ?? null,
    overdue: sa.get(OverdueKey) ?? false,
    running: info.status.name === 'RUNNING',
  };
}

export interface ObligationGateway {
  /** Every obligation `access` may see, as visibility has them, extra filters ANDed (e.g. a phase). */
  list(access: Access, extra?: string): Promise<ObligationRow[]>;
  /** The obligation's status, or undefined when there is no such obligation. */
  status(directiveId: string, agencyId: string): Promise<ObligationStatus | undefined>;
  report(
    directiveId: string,
    agencyId: string,
    input: CompleteMilestoneInput,
    requestId: string,
  ): Promise<ObligationStatus>;
  review(
    directiveId: string,
    agencyId: string,
    input: ReviewMilestoneInput,
    requestId: string,
  ): Promise<ObligationStatus>;
  directive(directiveId: string): DirectiveDefinition | undefined;
}

export function createObligationGateway(client: Client, directives: readonly DirectiveDefinition[]): ObligationGateway {
  const handle = (d: string, a: string) => client.workflow.getHandle(obligationWorkflowId(d, a));

  async function update<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw new EngineRefusal(err.cause?.message ?? err.message);
      throw err;
    }
  }

  return {
    async list(access, extra) {
      const query = visibleQuery(access);
      if (!query) return [];
      const rows = new Map<string, ObligationRow>();
      for await (const info of client.workflow.list({ query: extra ? `${query} AND ${extra}` : query })) {
        const row = rowOf(info);
        if (row) rows.set(obligationWorkflowId(row.directiveId, row.agencyId), row);
      }
      return [...rows.values()];
    },
    async status(directiveId, agencyId) {
      try {
        return await handle(directiveId, agencyId).query(statusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
    report: (d, a, input, requestId) =>
      update(() => handle(d, a).executeUpdate(completeMilestoneUpdate, { args: [input], updateId: requestId })),
    review: (d, a, input, requestId) =>
      update(() => handle(d, a).executeUpdate(reviewMilestoneUpdate, { args: [input], updateId: requestId })),
    directive: (id) => directives.find((d) => d.id === id),
  };
}

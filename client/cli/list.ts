import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { Command } from 'commander';
import {
  AgencyIdKey,
  DirectiveIdKey,
  NextDeadlineKey,
  ObligationPhaseKey,
  OverdueKey,
} from '../../workflows/search-attributes';
import type { CliContext } from './context';
import { invalidInput } from './errors';
import { checkId, table } from './format';

export interface ListFilter {
  directive?: string;
  agency?: string;
  phase?: string;
  overdue?: boolean;
}

/** A visibility query over the obligations' search attributes (never a scan of workflows). */
export function obligationQuery(f: ListFilter): string {
  const clauses = [`WorkflowType = 'agencyObligation'`];
  if (f.directive !== undefined) clauses.push(`DirectiveId = '${checkId(f.directive, '--directive')}'`);
  if (f.agency !== undefined) clauses.push(`AgencyId = '${checkId(f.agency, '--agency')}'`);
  if (f.phase !== undefined) clauses.push(`ObligationPhase = '${checkId(f.phase, '--phase')}'`);
  if (f.overdue) clauses.push('Overdue = true');
  return clauses.join(' AND ');
}

export interface ObligationRow {
  workflowId: string;
  directiveId: string | null;
  agencyId: string | null;
  phase: string | null;
  nextDeadline: string | null;
  overdue: boolean | null;
  status: string;
}

function row(info: WorkflowExecutionInfo): ObligationRow {
  const sa = info.typedSearchAttributes;
  return {
    workflowId: info.workflowId,
    directiveId: sa.get(DirectiveIdKey) ?? null,
    agencyId: sa.get(AgencyIdKey) ?? null,
    phase: sa.get(ObligationPhaseKey) ?? null,
    nextDeadline: sa.get(NextDeadlineKey)?.toISOString() ?? null,
    overdue: sa.get(OverdueKey) ?? null,
    status: info.status.name,
  };
}

export async function listObligations(
  client: Client,
  filter: ListFilter,
  limit = Number.POSITIVE_INFINITY,
): Promise<ObligationRow[]> {
  const rows: ObligationRow[] = [];
  for await (const info of client.workflow.list({ query: obligationQuery(filter) })) {
    rows.push(row(info));
    if (rows.length >= limit) break;
  }
  return rows.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}

/** `directive list`. */
export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description(
      'agency obligations matching filters, from Temporal visibility (search attributes; results may lag a second or two)',
    )
    .option('--directive <id>', 'only this directive, e.g. BOD-17-01')
    .option('--agency <id>', 'only this agency, e.g. DOJ')
    .option('--phase <phase>', 'only obligations in this phase: a milestone id, reporting, completed or rescinded')
    .option('--overdue', 'only obligations with an open milestone past its deadline')
    .option('--limit <n>', 'at most this many rows', '1000')
    .option(
      '--json',
      'print a JSON array of { workflowId, directiveId, agencyId, phase, nextDeadline, overdue, status }',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive list --directive BOD-17-01 --overdue\n  $ directive list --agency DOJ --phase plan --json',
    )
    .action(async (opts: ListFilter & { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw invalidInput(`--limit: "${opts.limit}" is not a positive whole number`);
      const query = obligationQuery(opts);
      const rows = await listObligations(await ctx.client(), opts, limit);
      if (opts.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.out(`no obligations match (${query})`);
      const lines = [['WORKFLOW', 'PHASE', 'NEXT DEADLINE (UTC)', 'OVERDUE', 'STATUS']];
      for (const r of rows)
        lines.push([r.workflowId, r.phase ?? '?', r.nextDeadline ?? '—', r.overdue ? 'yes' : 'no', r.status]);
      ctx.out(table(lines));
    });
}

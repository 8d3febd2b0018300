import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { ObligationStatus } from '../../domain/obligation/view';
import { obligationWorkflowId } from '../../workflows/campaign-messages';
import { statusQuery } from '../../workflows/messages';
import { mapLimit } from '../concurrency';
import { campaignStatus } from './campaign';
import type { CliContext } from './context';
import { CliError, EXIT, invalidInput, notFound } from './errors';
import { checkId } from './format';
import { listObligations } from './list';
import { withObligation } from './obligation';
import { ENGINE_VERSION } from '../../record/engine-version';
import { oscalPoam } from './report-oscal-poam';

const FORMATS = ['csv', 'json', 'oscal-poam'] as const;

export interface ReportRow {
  agencyId: string;
  name: string;
  state: string;
  phase: string;
  nextDeadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  amendments: string[];
  milestones: {
    id: string;
    title: string;
    dueAt: string | null;
    state: string;
    completedAt: string | null;
    late: boolean;
  }[];
}

/** The agencies of a directive: from its campaign, or (no campaign) from visibility over the obligations. */
async function agenciesOf(ctx: CliContext, directiveId: string): Promise<{ agencyId: string; name: string }[]> {
  try {
    const status = await campaignStatus(ctx, directiveId);
    return status.agencies.map((a) => ({ agencyId: a.agencyId, name: a.name }));
  } catch (err) {
    if (!(err instanceof CliError && err.exitCode === EXIT.notFound)) throw err;
    const rows = await listObligations(await ctx.client(), { directive: directiveId });
    if (rows.length === 0) throw notFound(`no campaign or agency obligations for directive ${directiveId}`);
    return rows.map((r) => ({ agencyId: r.agencyId ?? r.workflowId.split('/').pop() ?? r.workflowId, name: '' }));
  }
}

/** Every agency's obligation status, as its workflow answers the `status` query. */
async function obligationStatuses(
  ctx: CliContext,
  directiveId: string,
): Promise<{ agencyId: string; name: string; status: ObligationStatus }[]> {
  const agencies = await agenciesOf(ctx, directiveId);
  // 32 obligations asked at a time: a report of 10,000 agencies does not send 10,000 queries at once.
  return mapLimit(agencies, 32, async ({ agencyId, name }) => ({
    agencyId,
    name,
    status: await withObligation(ctx, directiveId, agencyId, (h) => h.query<ObligationStatus>(statusQuery)),
  }));
}

/** The POA&M document of a directive (see report-oscal-poam.ts). */
export async function buildPoam(ctx: CliContext, directiveId: string): Promise<Record<string, unknown>> {
  const obligations = await obligationStatuses(ctx, directiveId);
  const first = obligations[0]!;
  const definition = await ctx.definitionOf(obligationWorkflowId(directiveId, first.agencyId));
  return oscalPoam({
    directiveId,
    directiveTitle: definition.title,
    generatedAt: new Date().toISOString(),
    engineVersion: ENGINE_VERSION,
    obligations,
  });
}

export async function buildReport(ctx: CliContext, directiveId: string): Promise<ReportRow[]> {
  return (await obligationStatuses(ctx, directiveId)).map(({ agencyId, name, status: s }) => {
    return {
      agencyId,
      name,
      state: s.state,
      phase: s.phase,
      nextDeadline: s.nextDeadline,
      overdue: s.overdue,
      escalationLevel: s.escalationLevel,
      amendments: s.amendments,
      milestones: s.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueAt: m.dueAt,
        state: m.state,
        completedAt: m.completedAt,
        late: m.late,
      })),
    };
  });
}

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first) gets a single
 * quote in front, as OWASP recommends against CSV injection: agency names come from an agencies file, ids from people.
 */
export function neutralised(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One row per agency; four columns per milestone (due, state, completed, late), in the first agency's order. Every
 * cell is neutralised against formula injection.
 */
export function reportCsv(rows: ReportRow[]): string {
  const milestoneIds: string[] = [];
  for (const r of rows) for (const m of r.milestones) if (!milestoneIds.includes(m.id)) milestoneIds.push(m.id);
  const header = ['agencyId', 'name', 'state', 'phase', 'nextDeadline', 'overdue', 'escalationLevel', 'amendments'];
  for (const id of milestoneIds) header.push(`${id}.dueAt`, `${id}.state`, `${id}.completedAt`, `${id}.late`);
  const records = rows.map((r) => {
    const cells: (string | number)[] = [
      r.agencyId,
      r.name,
      r.state,
      r.phase,
      r.nextDeadline ?? '',
      String(r.overdue),
      r.escalationLevel,
      r.amendments.join(';'),
    ];
    for (const id of milestoneIds) {
      const m = r.milestones.find((x) => x.id === id);
      cells.push(m?.dueAt ?? '', m?.state ?? '', m?.completedAt ?? '', m ? String(m.late) : '');
    }
    return cells;
  });
  return stringify([header, ...records].map((row) => row.map(neutralised)));
}

/** `directive report`. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description(
      "one row per agency: phase, each milestone's due date, state, completion and lateness, escalation level, amendments applied",
    )
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .option('--format <format>', 'csv, json, or oscal-poam (an OSCAL 1.1 plan of action and milestones, JSON)', 'csv')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive report BOD-17-01 --out bod-17-01.csv\n  $ directive report BOD-17-01 --format json\n  $ directive report BOD-17-01 --format oscal-poam --out bod-17-01-poam.json',
    )
    .action(async (directiveId: string, opts: { format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format))
        throw invalidInput(`--format: "${opts.format}" is not ${FORMATS.join(', ')}`);
      const id = checkId(directiveId, '<directiveId>');
      let text: string;
      let count: number;
      if (opts.format === 'oscal-poam') {
        const poam = await buildPoam(ctx, id);
        text = `${JSON.stringify(poam, null, 2)}\n`;
        count = (poam['plan-of-action-and-milestones'] as { 'poam-items': unknown[] })['poam-items'].length;
      } else {
        const rows = await buildReport(ctx, id);
        count = rows.length;
        text =
          opts.format === 'csv'
            ? reportCsv(rows)
            : `${JSON.stringify({ directiveId: id, generatedAt: new Date().toISOString(), agencies: rows }, null, 2)}\n`;
      }
      if (opts.out === undefined) {
        ctx.io.stdout.write(text);
        return;
      }
      try {
        writeFileSync(opts.out, text);
      } catch (err) {
        throw invalidInput(
          `--out: cannot write ${opts.out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        );
      }
      ctx.out(`wrote ${count} agencies to ${opts.out}`);
    });
}

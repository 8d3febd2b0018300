import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import { z } from 'zod';
import { httpsProblem } from '../../domain/limits';
import type { ObligationStatus } from '../../domain/obligation/view';
import { obligationWorkflowId } from '../../workflows/campaign-messages';
import {
  completeMilestoneUpdate,
  reviewMilestoneUpdate,
  statusQuery,
  type CompleteMilestoneInput,
} from '../../workflows/messages';
import type { CliContext } from './context';
import { invalidInput, notFound } from './errors';
import { checkEmail, checkId, nonEmpty, table, when } from './format';

/** One agency's obligation: runs `fn` on its handle, turning "no such workflow" into exit 4 naming the agency. */
export async function withObligation<T>(
  ctx: CliContext,
  directiveId: string,
  agencyId: string,
  fn: (h: WorkflowHandle) => Promise<T>,
): Promise<T> {
  const d = checkId(directiveId, '<directiveId>');
  const a = checkId(agencyId, '<agencyId>');
  const handle = (await ctx.client()).workflow.getHandle(obligationWorkflowId(d, a));
  try {
    return await fn(handle);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw notFound(
        `no obligation ${d}/${a}: agency ${a} is not bound by directive ${d} (or the campaign was not started)`,
      );
    throw err;
  }
}

export function printStatus(ctx: CliContext, s: ObligationStatus, timeZone: string): void {
  ctx.out(`${s.directiveId}/${s.agencyId}: ${s.state}, phase ${s.phase}`);
  ctx.out(
    `next deadline ${when(s.nextDeadline, timeZone)}${s.overdue ? ' — OVERDUE' : ''}, escalation level ${s.escalationLevel}`,
  );
  if (s.amendments.length) ctx.out(`amendments: ${s.amendments.join(', ')}`);
  ctx.out();
  const rows = [['MILESTONE', 'STATE', 'DUE', 'COMPLETED', 'LATE']];
  for (const m of s.milestones) {
    rows.push([
      m.id,
      m.held ? `${m.state} (held)` : m.state,
      when(m.dueAt, timeZone),
      when(m.completedAt, timeZone),
      m.late ? 'late' : '',
    ]);
  }
  ctx.out(table(rows));
  const recent = s.history.slice(-5);
  if (recent.length) {
    ctx.out();
    ctx.out('recent history:');
    for (const h of recent)
      ctx.out(
        `  ${when(h.at, timeZone)}  ${h.event}${h.milestoneId ? ` ${h.milestoneId}` : ''}${h.detail ? `: ${h.detail}` : ''}`,
      );
  }
}

const dateTime = z.iso.datetime({ offset: true });

interface CompleteOptions {
  by: string;
  evidence: string;
  evidenceFile?: string;
  evidenceUri?: string;
  completedAt?: string;
  json?: boolean;
}

/**
 * The evidence payload: a summary (at most 4096 characters), an https: link, and for `--evidence-file` the file's
 * sha256 (a local path is not a link anyone else can follow, so it is not recorded).
 */
export function evidenceFrom(opts: CompleteOptions): NonNullable<CompleteMilestoneInput['evidence']> {
  const summary = nonEmpty(opts.evidence, '--evidence');
  const evidence: NonNullable<CompleteMilestoneInput['evidence']> = { summary };
  if (opts.evidenceUri !== undefined) {
    const problem = httpsProblem(opts.evidenceUri.trim());
    if (problem === 'must be a URL') throw invalidInput(`--evidence-uri: "${opts.evidenceUri}" is not a URL`);
    if (problem) throw invalidInput(`--evidence-uri: ${problem}`);
    evidence.uri = opts.evidenceUri.trim();
  }
  if (opts.evidenceFile !== undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(opts.evidenceFile);
    } catch (err) {
      throw invalidInput(
        `--evidence-file: cannot read ${opts.evidenceFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
    evidence.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  return evidence;
}

/** `directive status`, `complete`, `review`: one agency's obligation. */
export function registerObligation(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description("one agency's obligation: phase, each milestone's deadline and state, recent history")
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .argument('<agencyId>', 'the agency id, e.g. DOJ')
    .option('--json', 'print the status query answer as JSON')
    .addHelpText('after', '\nExample:\n  $ directive status BOD-17-01 DOJ --json')
    .action(async (directiveId: string, agencyId: string, opts: { json?: boolean }) => {
      const status = await withObligation(ctx, directiveId, agencyId, (h) => h.query(statusQuery));
      if (opts.json) return ctx.json(status);
      // The status names its zone; only an answer from a worker older than that field sends us to the start event.
      const tz =
        status.timeZone ?? (await ctx.definitionOf(obligationWorkflowId(status.directiveId, status.agencyId))).timeZone;
      printStatus(ctx, status, tz);
    });

  program
    .command('complete')
    .description('report a milestone done, with evidence (a milestone under review goes to the reviewer)')
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .argument('<agencyId>', 'the agency id, e.g. DOJ')
    .argument('<milestoneId>', 'the milestone id, e.g. identify (see: directive status)')
    .requiredOption('--by <email>', 'who reports it (email)')
    .requiredOption('--evidence <text>', 'summary of the evidence, e.g. "scan of 14,210 endpoints: none found"')
    .option(
      '--evidence-file <path>',
      'a file backing the evidence: its sha256 is recorded (give --evidence-uri for where it is kept)',
    )
    .option(
      '--evidence-uri <uri>',
      'where the evidence is kept, an https: link, e.g. https://docs.doj.example.gov/bod-17-01/scan',
    )
    .option('--completed-at <datetime>', 'when it was done, ISO-8601 date-time with offset (default: now)')
    .option('--json', 'print the new status as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ directive complete BOD-17-01 DOJ identify --by compliance@doj.example.gov \\\n      --evidence "endpoint scan: none found" --evidence-file scan-report.pdf',
    )
    .action(async (directiveId: string, agencyId: string, milestoneId: string, opts: CompleteOptions) => {
      const completedBy = checkEmail(opts.by, '--by');
      const input: CompleteMilestoneInput = {
        milestoneId: checkId(milestoneId, '<milestoneId>'),
        completedBy,
        evidence: evidenceFrom(opts),
        actor: { channel: 'cli', email: completedBy },
      };
      if (opts.completedAt !== undefined) {
        if (!dateTime.safeParse(opts.completedAt).success)
          throw invalidInput(
            `--completed-at: "${opts.completedAt}" is not an ISO-8601 date-time with an offset, e.g. 2017-10-12T16:00:00-04:00`,
          );
        input.completedAt = opts.completedAt;
      }
      const status = await withObligation(ctx, directiveId, agencyId, (h) =>
        h.executeUpdate(completeMilestoneUpdate, { args: [input] }),
      );
      if (opts.json) return ctx.json(status);
      const m = status.milestones.find((x) => x.id === input.milestoneId);
      ctx.out(
        `${status.directiveId}/${status.agencyId} ${input.milestoneId}: ${m?.state ?? 'recorded'}${m?.late ? ' (late)' : ''}; phase now ${status.phase}`,
      );
    });

  program
    .command('review')
    .description("the issuer's reviewer approves or rejects a submitted milestone (e.g. a plan of action)")
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .argument('<agencyId>', 'the agency id, e.g. DOJ')
    .argument('<milestoneId>', 'the milestone under review, e.g. plan')
    .requiredOption('--by <email>', 'the reviewer (email)')
    .option('--approve', 'accept the submission')
    .option('--reject', 'send it back for resubmission')
    .requiredOption('--comment <text>', "the reviewer's comment, sent to the agency")
    .option('--json', 'print the new status as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ directive review BOD-17-01 DOJ plan --by bod-review@example.gov --reject --comment "timeline missing"',
    )
    .action(
      async (
        directiveId: string,
        agencyId: string,
        milestoneId: string,
        opts: { by: string; approve?: boolean; reject?: boolean; comment: string; json?: boolean },
      ) => {
        if (Boolean(opts.approve) === Boolean(opts.reject))
          throw invalidInput('--approve / --reject: give exactly one of them');
        const reviewer = checkEmail(opts.by, '--by');
        const input = {
          milestoneId: checkId(milestoneId, '<milestoneId>'),
          reviewer,
          actor: { channel: 'cli' as const, email: reviewer },
          decision: opts.approve ? ('approve' as const) : ('reject' as const),
          comment: nonEmpty(opts.comment, '--comment'),
        };
        const status = await withObligation(ctx, directiveId, agencyId, (h) =>
          h.executeUpdate(reviewMilestoneUpdate, { args: [input] }),
        );
        if (opts.json) return ctx.json(status);
        const m = status.milestones.find((x) => x.id === input.milestoneId);
        ctx.out(
          `${status.directiveId}/${status.agencyId} ${input.milestoneId}: ${input.decision === 'approve' ? 'approved' : 'rejected'}, now ${m?.state ?? '?'}; phase ${status.phase}`,
        );
      },
    );
}

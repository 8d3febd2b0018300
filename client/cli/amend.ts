import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { moveDeadline } from '../../domain/calculus';
import { deadlineOutOfBounds, type DeadlineChange } from '../../domain/deadline-move';
import { MILESTONE_AMENDMENT_KINDS, type MilestoneAmendmentKind } from '../../domain/vocabulary';
import {
  AmendDirectiveInput,
  amendDirectiveUpdate,
  campaignWorkflowId,
  obligationWorkflowId,
  type AmendDirectiveResult,
} from '../../workflows/campaign-messages';
import { statusQuery } from '../../workflows/messages';
import { campaignStatus } from './campaign';
import type { CliContext } from './context';
import { CliError, EXIT, invalidInput, notFound } from './errors';
import { checkId, collect, generatedAmendmentId, nonEmpty, table, when } from './format';

/** `--extend`, `--waive`, `--hold`, `--resume`: one option per milestone amendment kind, naming the milestone. */
const KIND_OPTIONS = MILESTONE_AMENDMENT_KINDS.map((kind) => `--${kind}`);

/** Payload fields back to the options that set them, so a refused payload names what the user typed. */
const OPTION_OF: Record<string, string> = {
  amendmentId: '--amendment-id',
  agencies: '--agency',
  milestoneId: KIND_OPTIONS.join('/'),
  newDueAt: '--to',
  extendByDays: '--by-days',
  reason: '--reason',
  directedBy: '--directed-by',
  decision: '--uphold/--rescind',
};

/** Checks the payload against the campaign's own schema before sending it (exit 2 naming the option). */
function checked(input: AmendDirectiveInput): AmendDirectiveInput {
  // The branch for the kind, as the campaign parses it: a union's error would not say which field is wrong.
  const schema = input.kind === 'decide' ? AmendDirectiveInput.options[1] : AmendDirectiveInput.options[0];
  const parsed = schema.safeParse(input);
  if (parsed.success) return input;
  const issue = parsed.error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  throw invalidInput(`${field ? (OPTION_OF[field] ?? field) : 'amendment'}: ${issue?.message ?? 'invalid'}`);
}

/** Named agencies must be in the campaign (exit 4 otherwise). Bare `--to` dates go as typed: the engine reads them. */
async function prepared(
  ctx: CliContext,
  directiveId: string,
  input: AmendDirectiveInput,
): Promise<AmendDirectiveInput> {
  if (input.kind === 'decide') return input;
  const status = await campaignStatus(ctx, directiveId);
  const known = new Set(status.agencies.map((a) => a.agencyId));
  const unknown = (input.agencies ?? []).filter((a) => !known.has(a));
  if (unknown.length)
    throw notFound(
      `--agency: not part of campaign ${directiveId}: ${unknown.join(', ')} (agencies: ${[...known].join(', ')})`,
    );
  return input;
}

async function sendAmendment(
  ctx: CliContext,
  directiveId: string,
  raw: AmendDirectiveInput,
  json: boolean | undefined,
): Promise<void> {
  const client = await ctx.client();
  const input = await prepared(ctx, directiveId, checked(raw));
  let result: AmendDirectiveResult;
  try {
    result = await client.workflow
      .getHandle(campaignWorkflowId(directiveId))
      .executeUpdate(amendDirectiveUpdate, { args: [input] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`no campaign for directive ${directiveId}`);
    throw err;
  }
  if (json) ctx.json(result);
  else {
    ctx.out(`amendment ${result.amendmentId} (${result.kind}):`);
    ctx.out(table(result.agencies.map((a) => [`  ${a.agencyId}`, a.outcome])));
  }
  const undelivered = result.agencies.filter((a) => a.outcome === 'not-delivered');
  if (undelivered.length) {
    throw new CliError(
      EXIT.failed,
      `not delivered to ${undelivered.map((a) => `${a.agencyId} (${a.detail ?? 'no reason given'})`).join(', ')}`,
    );
  }
}

interface AmendOptions extends Partial<Record<MilestoneAmendmentKind, string>> {
  agency: string[];
  to?: string;
  byDays?: string;
  reason: string;
  directedBy: string;
  dryRun?: boolean;
  amendmentId?: string;
  json?: boolean;
}

/** An `amend` of one milestone, as the command line builds it. */
type MilestoneAmendment = AmendDirectiveInput & { kind: MilestoneAmendmentKind; milestoneId: string };

function amendmentFrom(opts: AmendOptions): MilestoneAmendment {
  const chosen = MILESTONE_AMENDMENT_KINDS.filter((k) => opts[k] !== undefined);
  if (chosen.length !== 1)
    throw invalidInput(`give exactly one of ${KIND_OPTIONS.slice(0, -1).join(', ')} or ${KIND_OPTIONS.at(-1)}`);
  const kind = chosen[0] as MilestoneAmendmentKind;
  const milestoneId = checkId(opts[kind] ?? '', `--${kind}`);
  const input: MilestoneAmendment = {
    amendmentId: opts.amendmentId ?? generatedAmendmentId(kind),
    kind,
    milestoneId,
    reason: nonEmpty(opts.reason, '--reason'),
    directedBy: nonEmpty(opts.directedBy, '--directed-by'),
  };
  if (opts.agency.length) input.agencies = opts.agency.map((a) => checkId(a, '--agency'));
  if (kind === 'extend') {
    if ((opts.to === undefined) === (opts.byDays === undefined))
      throw invalidInput('--extend needs exactly one of --to DATE or --by-days N');
    if (opts.to !== undefined) input.newDueAt = opts.to;
    if (opts.byDays !== undefined) {
      const n = Number(opts.byDays);
      if (!/^[+-]?\d+$/.test(opts.byDays.trim()) || n === 0)
        throw invalidInput(`--by-days: "${opts.byDays}" is not a whole number of days other than 0`);
      input.extendByDays = n;
    }
  } else if (opts.to !== undefined || opts.byDays !== undefined) {
    throw invalidInput('--to and --by-days only go with --extend');
  }
  return checked(input) as MilestoneAmendment;
}

interface DryRunRow {
  agencyId: string;
  milestoneId: string;
  oldDueAt: string | null;
  newDueAt: string | null;
  effect: string;
}

/** `--dry-run`: each obligation's status query and the domain's moveDeadline; nothing is sent. */
async function dryRun(
  ctx: CliContext,
  directiveId: string,
  a: ReturnType<typeof amendmentFrom>,
): Promise<{ rows: DryRunRow[]; timeZone: string | undefined }> {
  const client = await ctx.client();
  const agencies = a.agencies ?? (await campaignStatus(ctx, directiveId)).agencies.map((x) => x.agencyId);
  let timeZone: string | undefined;
  const rows: DryRunRow[] = [];
  const missing: string[] = [];
  for (const agencyId of agencies) {
    const workflowId = obligationWorkflowId(directiveId, agencyId);
    let status;
    try {
      status = await client.workflow.getHandle(workflowId).query(statusQuery);
      timeZone ??= (await ctx.definitionOf(workflowId)).timeZone;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (err instanceof CliError && err.exitCode === EXIT.notFound)) {
        missing.push(agencyId);
        continue;
      }
      throw err;
    }
    const m = status.milestones.find((x) => x.id === a.milestoneId);
    if (!m)
      throw invalidInput(
        `--${a.kind}: directive ${directiveId} has no milestone "${a.milestoneId}" (milestones: ${status.milestones.map((x) => x.id).join(', ')})`,
      );
    const old = m.currentDueAt;
    const row: DryRunRow = { agencyId, milestoneId: m.id, oldDueAt: old, newDueAt: old, effect: '' };
    if (m.state === 'completed' || m.state === 'waived') {
      row.effect = `refused: ${m.id} is ${m.state}`;
    } else if (a.kind === 'extend') {
      const change: DeadlineChange =
        a.newDueAt !== undefined ? { newDueAt: a.newDueAt } : { extendByDays: a.extendByDays ?? 0 };
      if (old === null && a.newDueAt === undefined)
        row.effect = `refused: ${m.id} is open-ended (no deadline): give it a date with --to DATE`;
      else {
        let moved;
        try {
          moved = moveDeadline(old, change, timeZone);
        } catch (err) {
          throw invalidInput(`--to: ${(err as Error).message}`);
        }
        // Rules v3: a new deadline before the issuance or more than ten years after it is refused.
        const { schedule } = await ctx.startInput<{ schedule: { issuedAt: string } }>(workflowId);
        const outOfBounds = deadlineOutOfBounds(moved.dueAt, schedule.issuedAt, timeZone);
        if (outOfBounds) row.effect = `refused: ${outOfBounds}`;
        else {
          row.newDueAt = moved.dueAt;
          row.effect = moved.explanation;
        }
      }
    } else if (a.kind === 'waive') {
      row.newDueAt = null;
      row.effect = 'waived: no longer due';
    } else if (a.kind === 'hold') {
      row.effect = m.held ? 'already on hold' : 'put on hold: the clock stops until resumed';
    } else {
      row.effect = m.held ? 'resumed: the engine sets the new deadline' : 'not on hold: nothing to resume';
    }
    rows.push(row);
  }
  if (missing.length) throw notFound(`--agency: no obligation under ${directiveId} for ${missing.join(', ')}`);
  return { rows, timeZone };
}

/** `directive amend`, `rescind`, `decide`: the campaign's amendDirective update. */
export function registerAmend(program: Command, ctx: CliContext): void {
  program
    .command('amend')
    .description(
      'change deadlines for all agencies or the named ones: extend, waive, hold or resume a milestone (through the campaign)',
    )
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .option('--agency <id>', 'an agency to amend (repeat for several; absent: every agency)', collect, [])
    .option('--extend <milestone>', "move this milestone's deadline (with --to or --by-days)")
    .option(
      '--to <date>',
      "new deadline: ISO-8601 date (end of that day in the directive's zone) or date-time with offset",
    )
    .option('--by-days <n>', 'extend by this many calendar days (negative brings it forward)')
    .option('--waive <milestone>', 'waive this milestone: no longer due')
    .option('--hold <milestone>', "stop this milestone's clock until --resume")
    .option('--resume <milestone>', "restart a held milestone's clock")
    .requiredOption('--reason <text>', "why, recorded in every obligation's history")
    .requiredOption('--directed-by <name>', 'who directed it')
    .option(
      '--amendment-id <id>',
      'idempotency key (default: <kind>-<timestamp>); the same id applied twice changes nothing',
    )
    .option('--dry-run', "show each agency's old and new deadline; change nothing")
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive amend BOD-17-01 --agency SBA --agency NRC --extend plan --by-days 30 \\\n      --reason "small-agency relief" --directed-by "DHS/CS&C" --dry-run\n  $ directive amend BOD-17-01 --extend identify --to 2017-10-20 --reason "portal outage" --directed-by "DHS/CS&C"',
    )
    .action(async (directiveId: string, opts: AmendOptions) => {
      const id = checkId(directiveId, '<directiveId>');
      const amendment = amendmentFrom(opts);
      if (!opts.dryRun) return sendAmendment(ctx, id, amendment, opts.json);
      const { rows, timeZone } = await dryRun(ctx, id, amendment);
      if (opts.json) return ctx.json({ dryRun: true, amendment, agencies: rows });
      const tz = timeZone ?? 'UTC';
      ctx.out(`dry run: ${amendment.kind} ${amendment.milestoneId} (nothing changed)`);
      ctx.out(
        table([
          ['AGENCY', 'CURRENT DEADLINE', 'NEW DEADLINE', 'EFFECT'],
          ...rows.map((r) => [r.agencyId, when(r.oldDueAt, tz), when(r.newDueAt, tz), r.effect]),
        ]),
      );
    });

  program
    .command('rescind')
    .description('rescind the directive: every agency obligation ends')
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--directed-by <name>', 'who directed it')
    .option('--amendment-id <id>', 'idempotency key (default: rescind-<timestamp>)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ directive rescind ED-20-02 --reason "superseded by ED 20-03" --directed-by "CISA Director"',
    )
    .action(
      async (
        directiveId: string,
        opts: { reason: string; directedBy: string; amendmentId?: string; json?: boolean },
      ) => {
        const input: AmendDirectiveInput = {
          amendmentId: opts.amendmentId ?? generatedAmendmentId('rescind'),
          kind: 'rescind',
          reason: nonEmpty(opts.reason, '--reason'),
          directedBy: nonEmpty(opts.directedBy, '--directed-by'),
        };
        await sendAmendment(ctx, checkId(directiveId, '<directiveId>'), input, opts.json);
      },
    );

  program
    .command('decide')
    .description(
      "the issuer's decision on the vendor's response: --uphold opens the gated milestone, --rescind ends every obligation",
    )
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .option('--uphold', 'uphold the directive')
    .option('--rescind', 'rescind it')
    .requiredOption('--by <name>', 'who decided')
    .requiredOption('--reason <text>', 'the grounds')
    .option('--amendment-id <id>', 'idempotency key (default: decide-<timestamp>)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ directive decide BOD-17-01 --uphold --by "Acting Secretary" --reason "response reviewed; directive stands"',
    )
    .action(
      async (
        directiveId: string,
        opts: { uphold?: boolean; rescind?: boolean; by: string; reason: string; amendmentId?: string; json?: boolean },
      ) => {
        if (Boolean(opts.uphold) === Boolean(opts.rescind))
          throw invalidInput('--uphold / --rescind: give exactly one of them');
        const input: AmendDirectiveInput = {
          amendmentId: opts.amendmentId ?? generatedAmendmentId('decide'),
          kind: 'decide',
          decision: opts.uphold ? 'uphold' : 'rescind',
          reason: nonEmpty(opts.reason, '--reason'),
          directedBy: nonEmpty(opts.by, '--by'),
        };
        await sendAmendment(ctx, checkId(directiveId, '<directiveId>'), input, opts.json);
      },
    );
}

import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
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
import type { AmendmentPreview, AmendmentPreviewInput } from '../../workflows/amendment-preview';
import { previewAmendmentQuery } from '../../workflows/messages';
import { campaignStatus } from './campaign';
import type { CliContext } from './context';
import { CliError, EXIT, invalidInput, notFound, refused } from './errors';
import { checkId, collect, nonEmpty, table, when } from './format';

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
  // Checked before connecting: a bad option is exit 2 naming it, whether or not the server answers.
  const valid = checked(raw);
  const client = await ctx.client();
  const input = await prepared(ctx, directiveId, valid);
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
    if (result.detail) ctx.out(`  ${result.detail}`);
    ctx.out(table(result.agencies.map((a) => [`  ${a.agencyId}`, a.outcome, a.detail ?? ''])));
  }
  failUnlessApplied(result);
}

/**
 * Exit 3 when any obligation refused the amendment (naming each agency and its reason), else exit 1 when any did not
 * get it or did not confirm; `applied` and `unchanged` are success.
 */
function failUnlessApplied(result: AmendDirectiveResult): void {
  const list = (outcomes: string[]) =>
    result.agencies
      .filter((a) => outcomes.includes(a.outcome))
      .map((a) => `${a.agencyId} (${a.detail ?? 'no reason given'})`)
      .join(', ');
  const refusedBy = list(['refused']);
  if (refusedBy) throw refused(`amendment ${result.amendmentId} refused by ${refusedBy}`);
  const undelivered = list(['not-delivered']);
  const unconfirmed = list(['no-answer']);
  if (undelivered || unconfirmed)
    throw new CliError(
      EXIT.failed,
      [undelivered && `not delivered to ${undelivered}`, unconfirmed && `not confirmed by ${unconfirmed}`]
        .filter(Boolean)
        .join('; '),
    );
}

/**
 * The default amendment id: the kind and a hash of the amendment's content (agencies, milestone, date or days,
 * decision, reason, directedBy). The same command retried (after a timeout, say) has the same id, so it changes
 * nothing; issuing the same change twice on purpose takes distinct `--amendment-id`s.
 */
export function contentAmendmentId(input: AmendDirectiveInput): string {
  const a = input as Record<string, unknown>;
  const content = {
    kind: a.kind,
    agencies: Array.isArray(a.agencies) ? [...(a.agencies as string[])].sort() : null,
    milestoneId: a.milestoneId ?? null,
    newDueAt: a.newDueAt ?? null,
    extendByDays: a.extendByDays ?? null,
    decision: a.decision ?? null,
    reason: a.reason,
    directedBy: a.directedBy,
  };
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
  return `${String(a.kind)}-${hash}`;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'amendmentId'> : never;

/** The amendment with its id: `--amendment-id`, else derived from the content. */
function withId<T extends AmendDirectiveInput>(input: WithoutId<T>, amendmentId: string | undefined): T {
  const provisional = { ...input, amendmentId: '' } as unknown as T;
  return { ...provisional, amendmentId: amendmentId ?? contentAmendmentId(provisional) };
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
  const input: WithoutId<MilestoneAmendment> = {
    kind,
    milestoneId,
    reason: nonEmpty(opts.reason, '--reason'),
    directedBy: nonEmpty(opts.directedBy, '--directed-by'),
  };
  if (opts.agency.length) input.agencies = opts.agency.map((a) => checkId(a, '--agency'));
  if (kind === 'extend') {
    if ((opts.to === undefined) === (opts.byDays === undefined))
      throw invalidInput('--extend needs exactly one of --to DATE or --by-days N');
    if (opts.to !== undefined) {
      // A date that is no day of the calendar (2017-02-30) is the user's typo: refused here, not by every obligation.
      // (Other shapes are the schema's to refuse, below.)
      if (/^\d{4}-\d{2}-\d{2}/.test(opts.to.trim()) && !DateTime.fromISO(opts.to.trim(), { setZone: true }).isValid)
        throw invalidInput(`--to: "${opts.to}" is not a date of the calendar`);
      input.newDueAt = opts.to;
    }
    if (opts.byDays !== undefined) {
      const n = Number(opts.byDays);
      if (!/^[+-]?\d+$/.test(opts.byDays.trim()) || n === 0)
        throw invalidInput(`--by-days: "${opts.byDays}" is not a whole number of days other than 0`);
      input.extendByDays = n;
    }
  } else if (opts.to !== undefined || opts.byDays !== undefined) {
    throw invalidInput('--to and --by-days only go with --extend');
  }
  return checked(withId<MilestoneAmendment>(input, opts.amendmentId)) as MilestoneAmendment;
}

interface DryRunRow {
  agencyId: string;
  milestoneId: string;
  oldDueAt: string | null;
  newDueAt: string | null;
  effect: string;
}

/**
 * `--dry-run`: each obligation answers its `previewAmendment` query by running its own reducer on a copy of its
 * state, so the preview says what the amendment would do (or why it would be refused) under the rules that
 * obligation runs. The calendar arithmetic of an extension (by days, or to a date in the directive's zone) runs here,
 * with the domain function the resolveDeadline activity runs, and the query receives the absolute instant.
 */
async function dryRun(
  ctx: CliContext,
  directiveId: string,
  a: ReturnType<typeof amendmentFrom>,
): Promise<{ rows: DryRunRow[]; previews: AmendmentPreview[]; timeZone: string | undefined }> {
  const client = await ctx.client();
  const agencies = a.agencies ?? (await campaignStatus(ctx, directiveId)).agencies.map((x) => x.agencyId);
  let timeZone: string | undefined;
  const rows: DryRunRow[] = [];
  const previews: AmendmentPreview[] = [];
  const missing: string[] = [];
  for (const agencyId of agencies) {
    const workflowId = obligationWorkflowId(directiveId, agencyId);
    const handle = client.workflow.getHandle(workflowId);
    const query: AmendmentPreviewInput = {
      amendmentId: a.amendmentId,
      kind: a.kind,
      milestoneId: a.milestoneId,
      reason: a.reason,
      directedBy: a.directedBy,
    };
    let preview: AmendmentPreview;
    try {
      preview = await handle.query(previewAmendmentQuery, query);
      timeZone ??= (await ctx.definitionOf(workflowId)).timeZone;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (err instanceof CliError && err.exitCode === EXIT.notFound)) {
        missing.push(agencyId);
        continue;
      }
      throw err;
    }
    if (a.kind === 'extend' && preview.outcome !== 'unchanged') {
      // The obligation named the occurrence it would move (a series' plain id means its current occurrence) and its
      // deadline; the new instant is computed here, then the obligation previews the move itself.
      const moved = extension(a, preview.before?.currentDueAt ?? null, timeZone);
      // The calculus bounds a new deadline (not before the issuance, at most ten years after it), as the
      // resolveDeadline activity does; the reducer would not see a date out of bounds.
      const { schedule } = await ctx.startInput<{ schedule: { issuedAt: string } }>(workflowId);
      const outOfBounds = moved && timeZone && deadlineOutOfBounds(moved.dueAt, schedule.issuedAt, timeZone);
      if (outOfBounds) {
        preview = { ...preview, outcome: 'refused', reason: outOfBounds, after: undefined, effect: undefined };
      } else if (moved) {
        query.newDueAt = moved.dueAt;
        query.explanation = moved.explanation;
        preview = await handle.query(previewAmendmentQuery, query);
      }
    }
    previews.push(preview);
    rows.push({
      agencyId,
      milestoneId: preview.before?.id ?? a.milestoneId,
      oldDueAt: preview.before?.currentDueAt ?? null,
      newDueAt: (preview.after ?? preview.before)?.currentDueAt ?? null,
      effect: effectOf(preview),
    });
  }
  if (missing.length) throw notFound(`--agency: no obligation under ${directiveId} for ${missing.join(', ')}`);
  return { rows, previews, timeZone };
}

/** The new instant of an extension, computed as the resolveDeadline activity computes it; none if it cannot be. */
function extension(
  a: MilestoneAmendment,
  current: string | null,
  timeZone: string,
): { dueAt: string; explanation: string } | undefined {
  try {
    // A new date applies to an open-ended milestone too (moveDeadline says "set to … (was open-ended)").
    if (a.newDueAt !== undefined) return moveDeadline(current, { newDueAt: a.newDueAt }, timeZone);
    if (current === null) return undefined; // the obligation says why: no deadline to move
    const change: DeadlineChange = { extendByDays: a.extendByDays ?? 0 };
    return moveDeadline(current, change, timeZone);
  } catch (err) {
    throw invalidInput(`${a.newDueAt !== undefined ? '--to' : '--by-days'}: ${(err as Error).message}`);
  }
}

function effectOf(p: AmendmentPreview): string {
  if (p.outcome === 'refused') return `refused: ${p.reason ?? 'no reason given'}`;
  if (p.outcome === 'unchanged') return `unchanged: ${p.reason ?? 'already applied'}`;
  return `applied: ${p.effect ?? 'as the obligation records it'}`;
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
      'idempotency key (default: <kind>-<hash of the amendment>, so a retried command changes nothing); give distinct ids to apply the same change twice',
    )
    .option(
      '--dry-run',
      'ask each obligation what it would do (old and new deadline, or why it refuses); change nothing',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive amend BOD-17-01 --agency SBA --agency NRC --extend plan --by-days 30 \\\n      --reason "small-agency relief" --directed-by "DHS/CS&C" --dry-run\n  $ directive amend BOD-17-01 --extend identify --to 2017-10-20 --reason "portal outage" --directed-by "DHS/CS&C"',
    )
    .action(async (directiveId: string, opts: AmendOptions) => {
      const id = checkId(directiveId, '<directiveId>');
      const amendment = amendmentFrom(opts);
      if (!opts.dryRun) return sendAmendment(ctx, id, amendment, opts.json);
      const { rows, previews, timeZone } = await dryRun(ctx, id, amendment);
      if (opts.json) ctx.json({ dryRun: true, amendment, agencies: rows });
      else {
        const tz = timeZone ?? 'UTC';
        ctx.out(`dry run: ${amendment.kind} ${amendment.milestoneId} as ${amendment.amendmentId} (nothing changed)`);
        ctx.out(
          table([
            ['AGENCY', 'CURRENT DEADLINE', 'NEW DEADLINE', 'EFFECT'],
            ...rows.map((r) => [r.agencyId, when(r.oldDueAt, tz), when(r.newDueAt, tz), r.effect]),
          ]),
        );
      }
      // Exits as the amendment would: 3 when an obligation would refuse it.
      const wouldRefuse = previews.filter((p) => p.outcome === 'refused');
      if (wouldRefuse.length)
        throw refused(
          `dry run: would be refused by ${wouldRefuse.map((p) => `${p.agencyId} (${p.reason ?? 'no reason given'})`).join(', ')}`,
        );
    });

  program
    .command('rescind')
    .description('rescind the directive: every agency obligation ends')
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--directed-by <name>', 'who directed it')
    .option('--amendment-id <id>', 'idempotency key (default: rescind-<hash of the amendment>)')
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
        const input = withId<AmendDirectiveInput>(
          {
            kind: 'rescind',
            reason: nonEmpty(opts.reason, '--reason'),
            directedBy: nonEmpty(opts.directedBy, '--directed-by'),
          },
          opts.amendmentId,
        );
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
    .option('--amendment-id <id>', 'idempotency key (default: decide-<hash of the amendment>)')
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
        const input = withId<AmendDirectiveInput>(
          {
            kind: 'decide',
            decision: opts.uphold ? 'uphold' : 'rescind',
            reason: nonEmpty(opts.reason, '--reason'),
            directedBy: nonEmpty(opts.by, '--by', 'name'),
          },
          opts.amendmentId,
        );
        await sendAmendment(ctx, checkId(directiveId, '<directiveId>'), input, opts.json);
      },
    );
}

import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { agenciesStoreDir } from '../../activities/agencies-store';
import { loadAgenciesFile } from '../../domain/agencies-file';
import { AGENCY_ROLES } from '../../domain/vocabulary';
import { startCampaign, storedNames, visibleRows, withVisibleCounts } from '../campaign';
import {
  campaignStatusQuery,
  campaignWorkflowId,
  type CampaignStatus,
  type CampaignStatusPage,
} from '../../workflows/campaign-messages';
import type { CliContext } from './context';
import { directiveArg, issuedAtOption } from './directive-input';
import { invalidInput, notFound } from './errors';
import { checkId, table, when } from './format';

/** Rows per page when the CLI reads them all: one visibility call, or one query answer of about 250 KB. */
const PAGE_ROWS = 1000;

export interface StatusRead {
  /** One page from here (a previous answer's `nextCursor`); absent with `limit` absent: every row, page by page. */
  cursor?: string;
  limit?: number;
  /** Ask overdue obligations for their escalation level (visibility does not have it): for display. */
  escalation?: boolean;
}

async function queryCampaign(ctx: CliContext, directiveId: string, page?: CampaignStatusPage): Promise<CampaignStatus> {
  const client = await ctx.client();
  try {
    const handle = client.workflow.getHandle(campaignWorkflowId(directiveId));
    return await (page ? handle.query(campaignStatusQuery, page) : handle.query(campaignStatusQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw notFound(
        `no campaign for directive ${directiveId} (start one with: directive campaign start ${directiveId} --agencies FILE)`,
      );
    throw err;
  }
}

/**
 * The campaign's status, or exit 4 naming the directive. Rows come a page at a time: from the campaign's query when
 * it holds them (agencies given inline), else from visibility with counts by phase and overdue counted there. Without
 * `cursor` or `limit`, every page is read and the rows joined.
 */
export async function campaignStatus(
  ctx: CliContext,
  directiveId: string,
  read: StatusRead = {},
): Promise<CampaignStatus> {
  const one = read.cursor !== undefined || read.limit !== undefined;
  const limit = read.limit ?? PAGE_ROWS;
  const status = await queryCampaign(ctx, directiveId);
  if (status.rowsFrom !== 'visibility') {
    if (!one && status.nextCursor == null) return status;
    let page = await queryCampaign(ctx, directiveId, { cursor: read.cursor, limit });
    if (one) return page;
    const agencies = [...page.agencies];
    while (page.nextCursor) {
      page = await queryCampaign(ctx, directiveId, { cursor: page.nextCursor, limit });
      agencies.push(...page.agencies);
    }
    return { ...page, agencies, nextCursor: null };
  }
  const client = await ctx.client();
  const definition = await ctx.definitionOf(campaignWorkflowId(directiveId));
  const names = await storedNames(status.agenciesSha256, agenciesStoreDir(ctx.io.env));
  const counted = await withVisibleCounts(client, definition, status);
  const rowsPage = (cursor?: string) =>
    visibleRows(client, directiveId, { cursor, limit }, names, read.escalation ?? false).catch((err: Error) => {
      if (cursor && /token|page/i.test(err.message))
        throw invalidInput(`--cursor: not a cursor from a previous answer`);
      throw err;
    });
  let page = await rowsPage(read.cursor);
  if (one) return { ...counted, agencies: page.rows, nextCursor: page.nextCursor };
  const agencies = [...page.rows];
  while (page.nextCursor) {
    page = await rowsPage(page.nextCursor);
    agencies.push(...page.rows);
  }
  return { ...counted, agencies: agencies.sort((a, b) => a.agencyId.localeCompare(b.agencyId)), nextCursor: null };
}

function positiveLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 5000)
    throw invalidInput(`--limit: "${text}" is not a whole number from 1 to 5000`);
  return n;
}

/** `directive campaign start|status`. */
export function registerCampaign(program: Command, ctx: CliContext): void {
  const campaign = program
    .command('campaign')
    .description('start a directive campaign or see where every agency stands');

  campaign
    .command('start')
    .description(
      'issue a directive to a list of agencies: one campaign workflow, one obligation per agency (starting it again starts nothing)',
    )
    .argument('<directiveId>', 'a built-in directive or a path to a .json definition')
    .requiredOption(
      '--agencies <file>',
      `agencies file: JSON [{ id, name, contacts: { ${AGENCY_ROLES.join(', ')} } }] or CSV id,name,${AGENCY_ROLES.join(',')}`,
    )
    .option(
      '--issued-at <date>',
      "issuance: ISO-8601 date (that day in the directive's zone) or date-time; default: the definition's issuedOn, else today",
    )
    .option('--json', 'print { workflowId, started, agencies }')
    .addHelpText(
      'after',
      '\nExample:\n  $ directive campaign start BOD-17-01 --agencies data/agencies/cfo-act.json --issued-at 2017-09-13',
    )
    .action(async (idOrPath: string, opts: { agencies: string; issuedAt?: string; json?: boolean }) => {
      const directive = directiveArg(idOrPath);
      const issuedAt = issuedAtOption(directive, opts.issuedAt);
      const agencies = loadAgenciesFile(opts.agencies);
      const result = await startCampaign(await ctx.client(), {
        directive,
        agencies,
        issuedAt,
        taskQueue: ctx.config().taskQueue,
        agenciesStoreDir: agenciesStoreDir(ctx.io.env),
      });
      if (opts.json) return ctx.json({ ...result, agencies: agencies.length });
      ctx.out(
        result.started
          ? `started campaign ${result.workflowId}: ${directive.title}, ${agencies.length} agencies, issued ${issuedAt}`
          : `campaign ${result.workflowId} already exists: nothing started (see: directive campaign status ${directive.id})`,
      );
    });

  campaign
    .command('status')
    .description('every agency: phase, next deadline, overdue, escalation level; counts by phase')
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .option(
      '--json',
      'print the campaignStatus query answer as JSON (rows and counts from visibility when the campaign does not hold them)',
    )
    .option('--limit <n>', 'one page of at most N agencies, with the cursor of the next (default: every agency)')
    .option('--cursor <cursor>', "the next page: a previous answer's nextCursor")
    .addHelpText(
      'after',
      '\nExamples:\n  $ directive campaign status BOD-17-01 --json\n  $ directive campaign status BOD-17-01 --limit 100',
    )
    .action(async (directiveId: string, opts: { json?: boolean; limit?: string; cursor?: string }) => {
      const id = checkId(directiveId, '<directiveId>');
      const status = await campaignStatus(ctx, id, {
        limit: positiveLimit(opts.limit),
        cursor: opts.cursor,
        escalation: true,
      });
      if (opts.json) return ctx.json(status);
      const tz = (await ctx.definitionOf(campaignWorkflowId(id))).timeZone;
      const count = status.agencyCount ?? Object.values(status.countsByPhase).reduce((a, b) => a + b, 0);
      ctx.out(
        `${status.directiveId}: issued ${when(status.issuedAt, tz)}, ${count} agencies, ${status.overdue ?? 0} overdue`,
      );
      ctx.out(
        `by phase: ${Object.entries(status.countsByPhase)
          .map(([p, n]) => `${p} ${n}`)
          .join(', ')}`,
      );
      const vendor = status.vendorResponse;
      if (vendor)
        ctx.out(
          `vendor response: due ${when(vendor.dueAt, tz)}, decision ${vendor.decision}${
            vendor.heldSince
              ? `; ${vendor.gates ?? 'the gated milestone'} held since ${when(vendor.heldSince, tz)}`
              : ''
          }`,
        );
      ctx.out();
      const rows = [['AGENCY', 'PHASE', 'NEXT DEADLINE', 'OVERDUE', 'ESCALATION']];
      for (const a of status.agencies)
        rows.push([a.agencyId, a.phase, when(a.nextDeadline, tz), a.overdue ? 'yes' : 'no', String(a.escalationLevel)]);
      ctx.out(table(rows));
      if (status.nextCursor)
        ctx.out(
          `\nmore: directive campaign status ${id} --limit ${opts.limit ?? PAGE_ROWS} --cursor ${status.nextCursor}`,
        );
    });
}

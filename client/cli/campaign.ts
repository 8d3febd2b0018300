import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { loadAgenciesFile } from '../../domain/agencies-file';
import { AGENCY_ROLES } from '../../domain/vocabulary';
import { startCampaign } from '../campaign';
import { campaignStatusQuery, campaignWorkflowId, type CampaignStatus } from '../../workflows/campaign-messages';
import type { CliContext } from './context';
import { directiveArg, issuedAtOption } from './directive-input';
import { notFound } from './errors';
import { checkId, table, when } from './format';

/** The campaign's status, or exit 4 naming the directive. */
export async function campaignStatus(ctx: CliContext, directiveId: string): Promise<CampaignStatus> {
  const client = await ctx.client();
  try {
    return await client.workflow.getHandle(campaignWorkflowId(directiveId)).query(campaignStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw notFound(
        `no campaign for directive ${directiveId} (start one with: directive campaign start ${directiveId} --agencies FILE)`,
      );
    throw err;
  }
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
    .option('--json', 'print the campaignStatus query answer as JSON')
    .addHelpText('after', '\nExample:\n  $ directive campaign status BOD-17-01 --json')
    .action(async (directiveId: string, opts: { json?: boolean }) => {
      const id = checkId(directiveId, '<directiveId>');
      const status = await campaignStatus(ctx, id);
      if (opts.json) return ctx.json(status);
      const tz = (await ctx.definitionOf(campaignWorkflowId(id))).timeZone;
      ctx.out(
        `${status.directiveId}: issued ${when(status.issuedAt, tz)}, ${status.agencies.length} agencies, ${status.overdue} overdue`,
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
    });
}

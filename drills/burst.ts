/**
 * A burst: N obligations that each owe one notice the moment a worker first runs them. Each is issued on the latest
 * local date whose `identify` deadline passed at least a day ago (test/fixtures/issuance.ts, never `now - N days`),
 * with `plan` still ahead, so its first workflow task emits exactly one email: `identify`'s escalation L1. Started
 * while no worker polls, they all fall due together when one does.
 */
import type { Client } from '@temporalio/client';
import type { Agency } from '../domain/agency';
import { computeSchedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { findDirective } from '../domain/library';
import { obligationWorkflowId } from '../workflows/campaign-messages';
import { issuanceWhere, SCENARIOS } from '../test/fixtures/issuance';
import { forEachLimit } from '../client/concurrency';

/** BOD 17-01 under a fresh id, so drills never meet each other's obligations on one server. */
export function drillDirective(tag: string): DirectiveDefinition {
  const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
  return { ...findDirective('BOD-17-01')!, id: `DRILL-${tag}-${suffix}` };
}

export function drillAgencies(count: number): Agency[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `A${String(i + 1).padStart(5, '0')}`;
    const d = id.toLowerCase();
    return {
      id,
      name: `Agency ${i + 1}`,
      contacts: {
        complianceOfficer: `officer@${d}.example.gov`,
        cio: `cio@${d}.example.gov`,
        head: `head@${d}.example.gov`,
      },
    };
  });
}

/** The issuance date of a burst: `identify` passed, `plan` and the vendor-response window still ahead. */
export function burstIssuance(def: DirectiveDefinition): string {
  return issuanceWhere(def, SCENARIOS.identifyOverdue);
}

/** Starts one obligation per agency, as the campaign would (same workflow type, id and input). */
export async function startObligations(
  client: Client,
  opts: { definition: DirectiveDefinition; agencies: Agency[]; taskQueue: string; issuedOn: string },
): Promise<string[]> {
  const schedule = computeSchedule(opts.definition, opts.issuedOn);
  const ids = opts.agencies.map((a) => obligationWorkflowId(opts.definition.id, a.id));
  await forEachLimit(opts.agencies, 32, async (agency, i) => {
    await client.workflow.start('agencyObligation', {
      workflowId: ids[i]!,
      taskQueue: opts.taskQueue,
      args: [{ definition: opts.definition, agency, schedule }],
    });
  });
  return ids;
}

/** `<encoded key@directive-engine>` back to the notice key (activities/mail/notice-key.ts, messageIdFor). */
export function keyOfMessageId(messageId: string): string {
  const local = messageId.replace(/\s+/g, '').replace(/^<|@directive-engine>$/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < local.length; i++) {
    const hex = local[i] === '=' ? local.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(local.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** What arrived, judged against what was owed: one `identify` escalation L1 per agency. */
export interface Tally {
  /** Emails (outbox files or SMTP messages) seen. */
  emails: number;
  /** Distinct Message-IDs among them. */
  distinct: number;
  /** Emails beyond the first with the same Message-ID. */
  duplicates: number;
  /** Message-IDs that arrived more than once, for the printout. */
  duplicated: string[];
  /** Agencies whose notice never arrived. */
  missing: string[];
  /** Message-IDs that were not owed (another agency, another kind, a second notice for one agency). */
  unexpected: string[];
}

export function tally(messageIds: string[], directiveId: string, agencies: Agency[]): Tally {
  const counts = new Map<string, number>();
  for (const id of messageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const owed = new Set(agencies.map((a) => a.id));
  const seen = new Set<string>();
  const unexpected: string[] = [];
  for (const id of counts.keys()) {
    const [directive, agency, milestone, kind, , level] = keyOfMessageId(id).split('/');
    const fits = directive === directiveId && owed.has(agency ?? '') && milestone === 'identify';
    if (!fits || kind !== 'escalation' || level !== 'L1' || seen.has(agency!)) unexpected.push(id);
    else seen.add(agency!);
  }
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  return {
    emails: messageIds.length,
    distinct: counts.size,
    duplicates: messageIds.length - counts.size,
    duplicated,
    missing: agencies.filter((a) => !seen.has(a.id)).map((a) => a.id),
    unexpected,
  };
}

/** Waits until no obligation has a notice (or any activity) still scheduled or retrying: nothing more can arrive. */
export async function settled(client: Client, workflowIds: string[]): Promise<number> {
  let pending = 0;
  await forEachLimit(workflowIds, 16, async (id) => {
    const d = await client.workflow.getHandle(id).describe();
    pending += d.raw.pendingActivities?.length ?? 0;
  });
  return pending;
}

/** How many obligations' histories show a `sendNotice` attempt after the first (ActivityTaskStarted.attempt > 1). */
export async function retriedNotices(
  client: Client,
  workflowIds: string[],
): Promise<{ obligations: number; maxAttempt: number }> {
  let obligations = 0;
  let maxAttempt = 0;
  await forEachLimit(workflowIds, 16, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const sendNotice = new Set<string>();
    let retried = false;
    for (const e of history.events ?? []) {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === 'sendNotice') sendNotice.add(String(e.eventId));
      const started = e.activityTaskStartedEventAttributes;
      if (started && sendNotice.has(String(started.scheduledEventId))) {
        const attempt = started.attempt ?? 1;
        maxAttempt = Math.max(maxAttempt, attempt);
        if (attempt > 1) retried = true;
      }
    }
    if (retried) obligations++;
  });
  return { obligations, maxAttempt };
}

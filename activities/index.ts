import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';
import { describeIssues } from '../domain/zod-issues';
import { createKeyLock } from './key-lock';
import type { Mailer } from './mail/mailer';
import { describeWithoutAddresses, type RecipientRefusal } from './mail/refusal';
import { renderNotice } from './mail/render';
import { Notice, portalLinkFor, type NoticeInput, type NoticeResult } from './notice';
import { nextSeriesOccurrences, resolveDeadline } from './deadline';
import type { Client } from '@temporalio/client';
import { createAgencyActivities } from './agencies';
import { createCampaignActivities } from './campaign';
import { agenciesStoreDir } from './agencies-store';
import type { RecordStore } from '../record';
import { createRecordActivities } from './record';

export type { Notice, NoticeInput, NoticeResult } from './notice';

export type ActivityDeps = {
  mailer: Mailer;
  /**
   * Runs after the server accepted a notice and the ledger recorded it. For tests: a failure thrown here stands for a
   * worker that dies before Temporal hears of the success, and must not lead to a second email on retry.
   */
  afterSend?: (key: string) => Promise<void>;
  /** Used outside an activity context (scripts, plain unit tests); inside one, the activity's own logger wins. */
  logger?: Logger;
  /** The portal's public address (PORTAL_URL): each email links to the obligation's page there. */
  portalUrl?: string;
  /** Where campaigns' agencies files are stored (AGENCIES_STORE_DIR); default: the environment's. */
  agenciesStoreDir?: string;
  /** The compliance record (`appendRecord`); without one, appends fail for good and the workflow goes on. */
  record?: RecordStore;
  /** For campaigns' activities (starting and amending obligations); without one, they fail for good. */
  client?: Client;
};

/** Failure types, so a workflow's retry policy can name them (`nonRetryableErrorTypes`). */
export const InvalidNoticeFailure = 'InvalidNotice';
export const TransientMailFailure = 'TransientMailFailure';
/** Another worker holds the notice's claim: retried, the attempt finds the outcome or takes a stale claim over. */
export const NoticeInProgressFailure = 'NoticeInProgress';

const silent: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function parseNotice(input: unknown): Notice {
  const parsed = Notice.safeParse(input);
  if (parsed.success) return parsed.data;
  // Paths and zod's messages only: the offending value may be an email address.
  const problems = describeIssues(parsed.error.issues, '(notice)');
  throw ApplicationFailure.nonRetryable(`Invalid notice: ${problems.join('; ')}`, InvalidNoticeFailure);
}

function refusalDetail(refused: RecipientRefusal[]): string | undefined {
  return refused.length ? refused.map((r) => `${r.address}: ${r.reason}`).join('; ') : undefined;
}

/**
 * The engine's only side effect, built from its dependencies (no globals) as in temporalio/samples-typescript.
 * Workflows use `proxyActivities<ReturnType<typeof createActivities>>` and import nothing else from here.
 */
export function createActivities(deps: ActivityDeps) {
  const { mailer } = deps;
  const exclusive = createKeyLock();

  function log(): Logger {
    try {
      return Context.current().log;
    } catch {
      return deps.logger ?? silent;
    }
  }

  async function deliverOnce(notice: Notice): Promise<NoticeResult> {
    const { key, kind } = notice;
    const { ledger } = mailer;
    const claim = await ledger.claim(key);
    if (claim.status === 'done') {
      const previous = claim.record;
      log().info('Notice already sent', { key, kind, outcome: previous.outcome });
      return {
        outcome: 'already-sent',
        messageId: previous.messageId,
        rejected: previous.rejected,
        detail: previous.detail,
      };
    }
    if (claim.status === 'busy') {
      // Another worker is sending it right now; Temporal retries this attempt, which then finds the outcome (or, if
      // that worker died, a stale claim to take over).
      const age = Math.round(claim.ageSeconds);
      log().info('Notice being sent by another worker, will retry', { key, kind, claimedBy: claim.claimedBy, age });
      throw ApplicationFailure.retryable(
        `Notice ${key} is being sent by ${claim.claimedBy} (claimed ${age} s ago; taken over after ${ledger.claimTimeoutSeconds} s)`,
        NoticeInProgressFailure,
      );
    }
    const { ticket } = claim;
    if (ticket.takeover) {
      log().warn('Stale claim taken over: resending with the same Message-ID, counted as a possible duplicate', {
        key,
        kind,
        staleClaimedBy: ticket.takeover.claimedBy,
        staleClaimedAt: ticket.takeover.claimedAt,
      });
    }

    const { subject, text } = renderNotice(notice);
    let delivery;
    try {
      delivery = await mailer.deliver({ key, to: notice.to, cc: notice.cc, subject, text });
    } catch (err) {
      const reason = describeWithoutAddresses(err);
      log().warn('Notice not delivered, will retry', { key, kind, reason });
      await ledger.release(ticket).catch((releaseErr: unknown) => {
        // Not given back, the claim goes stale and is taken over after the timeout: later, but still exactly once.
        log().warn('Claim not given back', { key, kind, reason: describeWithoutAddresses(releaseErr) });
      });
      throw ApplicationFailure.retryable(`Delivery of notice ${key} failed: ${reason}`, TransientMailFailure);
    }

    // Recorded before anything else can fail: from here on, a retry finds the key and sends nothing.
    const outcome = delivery.accepted.length ? 'sent' : 'rejected';
    const rejected = delivery.refused.map((r) => r.address);
    const detail = refusalDetail(delivery.refused);
    await ledger.complete(ticket, {
      kind,
      outcome,
      messageId: delivery.messageId,
      rejected,
      ...(detail === undefined ? {} : { detail }),
      transport: mailer.transport,
    });
    log().info(outcome === 'sent' ? 'Notice sent' : 'Notice refused by the mail server', {
      key,
      kind,
      transport: mailer.transport,
      refusedCount: rejected.length,
    });
    await deps.afterSend?.(key);
    return { outcome, messageId: delivery.messageId, rejected, ...(detail === undefined ? {} : { detail }) };
  }

  const agencies = createAgencyActivities(deps.agenciesStoreDir ?? agenciesStoreDir());
  return {
    resolveDeadline,
    nextSeriesOccurrences,
    ...agencies,
    ...createCampaignActivities(deps.client, (req) => agencies.readAgencyPage(req)),
    ...createRecordActivities(deps.record),
    /** Sends one notice at most once per key; see NoticeResult for the outcomes. */
    async sendNotice(input: NoticeInput): Promise<NoticeResult> {
      const parsed = parseNotice(input);
      const notice = deps.portalUrl ? { ...parsed, portalLink: portalLinkFor(deps.portalUrl, parsed) } : parsed;
      return exclusive(notice.key, () => deliverOnce(notice));
    },
  };
}

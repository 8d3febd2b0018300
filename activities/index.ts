import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';
import { describeIssues } from '../domain/zod-issues';
import { createKeyLock } from './key-lock';
import type { Mailer } from './mail/mailer';
import { describeWithoutAddresses, type RecipientRefusal } from './mail/refusal';
import { renderNotice } from './mail/render';
import { Notice, portalLinkFor, type NoticeInput, type NoticeResult } from './notice';
import { nextSeriesOccurrences, resolveDeadline } from './deadline';

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
};

/** Failure types, so a workflow's retry policy can name them (`nonRetryableErrorTypes`). */
export const InvalidNoticeFailure = 'InvalidNotice';
export const TransientMailFailure = 'TransientMailFailure';

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
    const previous = await mailer.ledger.get(key);
    if (previous) {
      log().info('Notice already sent', { key, kind, outcome: previous.outcome });
      return {
        outcome: 'already-sent',
        messageId: previous.messageId,
        rejected: previous.rejected,
        detail: previous.detail,
      };
    }

    const { subject, text } = renderNotice(notice);
    let delivery;
    try {
      delivery = await mailer.deliver({ key, to: notice.to, cc: notice.cc, subject, text });
    } catch (err) {
      const reason = describeWithoutAddresses(err);
      log().warn('Notice not delivered, will retry', { key, kind, reason });
      throw ApplicationFailure.retryable(`Delivery of notice ${key} failed: ${reason}`, TransientMailFailure);
    }

    // Recorded before anything else can fail: from here on, a retry finds the key and sends nothing.
    const outcome = delivery.accepted.length ? 'sent' : 'rejected';
    const rejected = delivery.refused.map((r) => r.address);
    const detail = refusalDetail(delivery.refused);
    await mailer.ledger.record(key, {
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

  return {
    resolveDeadline,
    nextSeriesOccurrences,
    /** Sends one notice at most once per key; see NoticeResult for the outcomes. */
    async sendNotice(input: NoticeInput): Promise<NoticeResult> {
      const parsed = parseNotice(input);
      const notice = deps.portalUrl ? { ...parsed, portalLink: portalLinkFor(deps.portalUrl, parsed) } : parsed;
      return exclusive(notice.key, () => deliverOnce(notice));
    },
  };
}

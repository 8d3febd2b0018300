/**
 * A by-reference campaign's work on its obligations, done from activities with a Temporal client so that nothing per
 * agency lands in the campaign's own history: starting a page of obligations, and delivering an amendment to a page
 * of them and counting what each did with it. The campaign's history records one activity per page: its input (the
 * page's place in the stored file) and a small summary.
 *
 * Both are safe to retry: a start finds an obligation that exists (and asks it for its row), and an obligation answers
 * an amendment it applied before with `unchanged`. A retried attempt resumes from its last heartbeat.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Agency } from '../domain/agency';
import type { Schedule } from '../domain/calculus';
import {
  addOutcome,
  agencyPageMismatch,
  emptyOutcomes,
  obligationWorkflowId,
  type AgenciesRef,
  type AgencyPage,
  type AgencyPageRequest,
  type OutcomeSummary,
} from '../domain/campaign';
import type { DirectiveDefinition } from '../domain/directive';
import { CAMPAIGN_MEMO, PROGRESS_CLOSING_ONLY, PROGRESS_MEMO } from '../workflows/campaign-progress';
import { requestProgressSignal } from '../workflows/campaign-messages';
import { applyAmendmentUpdate, type AmendInput } from '../workflows/messages';
import { forEachLimit } from '../client/concurrency';
import { obligationStart } from '../workflows/obligation-start';

type AgencyRow = Parameters<typeof addOutcome>[1];

export const AgenciesMismatch = 'AgenciesMismatch';

/** Calls to Temporal in flight at once per activity: what a plain client program would use (bench/baseline). */
export const CAMPAIGN_CALLS_IN_FLIGHT = 32;

export const CampaignActivitiesNotConfigured = 'CampaignActivitiesNotConfigured';

export interface StartObligationsInput {
  definition: DirectiveDefinition;
  schedule: Schedule;
  /** The campaign's workflow id: the obligations' memo names it, so they know whom to tell they ended. */
  campaignWorkflowId: string;
  /** Where the obligations' workflow tasks go: the campaign's own task queue. */
  taskQueue: string;
  /** The page of the campaign's stored agencies to start. */
  agencies: AgenciesRef;
  offset: number;
  limit: number;
}

export interface StartObligationsResult {
  /** New obligations started. */
  started: number;
  /** Obligations that existed and are running (asked for their row again). */
  running: number;
  /** Obligations that existed and have ended. */
  closed: number;
}

export interface AmendObligationsInput {
  directiveId: string;
  amendment: AmendInput;
  /** A page of the campaign's stored agencies, or the agencies an amendment names. */
  targets: { agencies: AgenciesRef; offset: number; limit: number } | { agencyIds: string[] };
}

/** An activity's progress, kept in its heartbeat: how many items of its page are done, and their tally. */
interface Checkpoint<T> {
  done: number;
  tally: T;
}

/**
 * Runs `fn` over `items`, CAMPAIGN_CALLS_IN_FLIGHT at a time, and folds the results into a tally with `add`. The
 * heartbeat carries the tally of the finished prefix, so a retried attempt resumes after it and counts nothing twice;
 * it redoes at most the calls that were in flight.
 */
export async function foldResumable<I, R, T>(
  items: readonly I[],
  initial: T,
  fn: (item: I) => Promise<R>,
  add: (tally: T, result: R) => void,
): Promise<T> {
  const context = Context.current();
  const saved = context.info.heartbeatDetails as Checkpoint<T> | undefined;
  const checkpoint: Checkpoint<T> = saved && typeof saved.done === 'number' ? saved : { done: 0, tally: initial };
  const from = checkpoint.done;
  const results = new Map<number, R>();
  await forEachLimit(items.slice(from), CAMPAIGN_CALLS_IN_FLIGHT, async (item, k) => {
    results.set(from + k, await fn(item));
    while (results.has(checkpoint.done)) {
      add(checkpoint.tally, results.get(checkpoint.done) as R);
      results.delete(checkpoint.done++);
    }
    // The SDK sends at most one heartbeat per throttle interval, the last one given.
    context.heartbeat(checkpoint);
  });
  return checkpoint.tally;
}

export function createCampaignActivities(
  client: Client | undefined,
  readAgencyPage: (req: AgencyPageRequest) => Promise<AgencyPage>,
) {
  function temporal(): Client {
    if (client) return client;
    throw ApplicationFailure.nonRetryable(
      'This worker has no Temporal client for campaign activities',
      CampaignActivitiesNotConfigured,
    );
  }

  /** The page of the stored agencies file, refused for good if the file is not the one the campaign counted. */
  async function page(ref: AgenciesRef, offset: number, limit: number): Promise<Agency[]> {
    const found = await readAgencyPage({ sha256: ref.sha256, offset, limit });
    const mismatch = agencyPageMismatch(ref, offset, found);
    if (mismatch) throw ApplicationFailure.nonRetryable(mismatch, AgenciesMismatch);
    return found.agencies;
  }

  return {
    /**
     * Starts the obligations of a page of the campaign's agencies, each as the campaign would start a child: same id,
     * input, search attributes and summary, and never a second time.
     */
    async startObligations(input: StartObligationsInput): Promise<StartObligationsResult> {
      const { definition, schedule, campaignWorkflowId, taskQueue } = input;
      const workflows = temporal().workflow;
      const start = async (agency: Agency): Promise<keyof StartObligationsResult> => {
        const start = obligationStart(definition, agency, campaignWorkflowId);
        try {
          await workflows.start('agencyObligation', {
            ...start,
            taskQueue,
            args: [{ definition, agency, schedule }],
            // Its row is in visibility: it tells the campaign only that it ended.
            memo: { [PROGRESS_MEMO]: PROGRESS_CLOSING_ONLY, [CAMPAIGN_MEMO]: campaignWorkflowId },
          });
          return 'started';
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          // A restarted campaign, or a retried page: a running obligation sends its row again when it ends; one that
          // does not take the signal has ended already.
          return workflows
            .getHandle(start.workflowId)
            .signal(requestProgressSignal)
            .then(
              () => 'running' as const,
              () => 'closed' as const,
            );
        }
      };
      return foldResumable(
        await page(input.agencies, input.offset, input.limit),
        { started: 0, running: 0, closed: 0 },
        start,
        (tally, kind) => void tally[kind]++,
      );
    },

    /**
     * Delivers the amendment to each target's obligation (`applyAmendment`) and sums up what each did with it. An
     * obligation that has ended, or does not exist, is `not-delivered`.
     */
    async amendObligations(input: AmendObligationsInput): Promise<OutcomeSummary> {
      const { targets } = input;
      const workflows = temporal().workflow;
      const agencyIds =
        'agencyIds' in targets
          ? targets.agencyIds
          : (await page(targets.agencies, targets.offset, targets.limit)).map((a) => a.id);
      const deliver = async (agencyId: string): Promise<AgencyRow> => {
        try {
          const handle = workflows.getHandle(obligationWorkflowId(input.directiveId, agencyId));
          const answer = await handle.executeUpdate(applyAmendmentUpdate, { args: [input.amendment] });
          return {
            agencyId,
            outcome: answer.outcome,
            ...(answer.reason === undefined ? {} : { detail: answer.reason }),
          };
        } catch (err) {
          return { agencyId, outcome: 'not-delivered', detail: (err as Error).message };
        }
      };
      return foldResumable(agencyIds, emptyOutcomes(), deliver, addOutcome);
    },
  };
}

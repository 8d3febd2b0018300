/**
 * A campaign whose agencies come by reference (a stored agencies file, read in pages by an activity): the shape
 * `directive campaign start` uses, for a campaign of any size. Nothing the campaign sends or keeps grows with the
 * number of agencies: its input is the file's SHA-256 and count, its state the counts of domain/campaign/by-reference,
 * its history one page of agencies at a time, its answers summaries. Per-agency rows live where the obligations
 * already publish them (visibility); obligations started here send their row only when they end (see
 * campaign-progress.ts), so the campaign learns when it is over without a signal per change.
 */
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { Agency } from '../domain/agency';
import type { Schedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import {
  MAX_AGENCY_PAGE,
  OutcomeTally,
  agencyPageMismatch,
  allReferenceClosed,
  emptyOutcomes,
  mergeOutcomes,
  outcomesResult,
  type OutcomeSummary,
  gateOf,
  initialReferenceCampaign,
  reduceReference,
  referenceView,
  type AgenciesRef,
  type AgencyPage,
  type ReferenceCampaignState,
  type ReferenceContext,
  type ReferenceEvent,
  type ReferenceReduction,
  type ReferenceSignalIntent,
} from '../domain/campaign';
import { amendEvent, normalised, refusing } from './campaign-amendment-input';
import {
  amendDirectiveUpdate,
  amendSignal,
  amendmentOutcomeSignal,
  campaignStatusQuery,
  obligationProgressSignal,
  obligationWorkflowId,
  requestProgressSignal,
} from './definitions';
import type { AmendDirectiveInput, AmendDirectiveResult, CampaignStatus } from './campaign-messages';
import { PROGRESS_MEMO, PROGRESS_CLOSING_ONLY } from './campaign-progress';
import { agencyObligation } from './obligation';
import { obligationStart } from './obligation-start';

export interface ReferenceCampaignInput {
  definition: DirectiveDefinition;
  agencies: AgenciesRef;
  schedule: Schedule;
  /** Present after continue-as-new: the whole (small) state, carried over. */
  state?: ReferenceCampaignState;
}

/** Children started (and signals sent) per workflow task, as for an inline campaign. */
const BATCH = 50;

/**
 * A run continues as new once its history passes this size, whatever the server suggests: each child's start carries
 * its input (definition and schedule, about 15 KB), so a batch adds about 0.75 MB, and a run's history, which a worker
 * may fetch whole to replay it, must stay well inside one 4 MB gRPC message.
 */
export const HISTORY_BUDGET_BYTES = 1024 * 1024;

/** Agencies read per page in the fan-out: what a run starts before its history reaches the budget, about. */
const FAN_OUT_PAGE = 200;

/**
 * How long `amendDirective` waits for more answers: while obligations keep answering it waits on (ten thousand take
 * minutes on a small worker), and after this long with none, the rest are `no-answer`.
 */
export const OUTCOME_IDLE = '1 minute';

type Activities = ReturnType<typeof createActivities>;

const store = (summary: string) =>
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    // A missing file is retried until an operator puts it in AGENCIES_STORE_DIR; slowly after the first minute.
    retry: { maximumInterval: '1 minute' },
    summary,
  });

/** A page of obligations started or amended from an activity: it heartbeats as calls finish, and resumes from there. */
const onObligations = (summary: string) =>
  proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '2 minutes',
    retry: { maximumInterval: '1 minute' },
    summary,
  });

export async function campaignByReference(
  input: ReferenceCampaignInput,
  continueWith: (next: ReferenceCampaignInput) => Promise<never>,
): Promise<CampaignStatus> {
  const { definition, schedule, agencies: ref } = input;
  const directiveId = definition.id;
  const ctx: ReferenceContext = { definition, schedule, agencies: ref };
  let state: ReferenceCampaignState = input.state ?? initialReferenceCampaign();
  const gate = gateOf(definition, schedule);
  // Campaigns started before this start their obligations as children and signal them from the workflow, which
  // records several events per agency in this history; they replay unchanged. Since: from activities, a page each.
  const byActivities = patched('campaign-activities');
  /** Amendments being answered, by the id the obligations see: in memory for the update's duration only. */
  const tallies = new Map<string, OutcomeTally>();
  let fannedOut = false;
  let gateSignalsInFlight = false;

  const apply = (event: ReferenceEvent): ReferenceReduction => {
    const result = reduceReference(ctx, state, event);
    state = result.state;
    return result;
  };

  setHandler(campaignStatusQuery, () => referenceView(ctx, state));
  setHandler(obligationProgressSignal, (row) => void apply({ type: 'progress', row }));
  setHandler(amendmentOutcomeSignal, (report) =>
    tallies.get(report.amendmentId)?.answer(report.agencyId, report.outcome, report.reason),
  );
  setHandler(amendDirectiveUpdate, (raw) => amendDirective(raw), {
    validator: (raw: AmendDirectiveInput) => void refusing(() => reduceReference(ctx, state, amendEvent(raw))),
  });

  async function readPage(offset: number, limit: number): Promise<AgencyPage> {
    const page = await store(
      `agencies ${offset + 1}–${Math.min(offset + limit, ref.count)} of ${ref.count}`,
    ).readAgencyPage({ sha256: ref.sha256, offset, limit });
    const mismatch = agencyPageMismatch(ref, offset, page);
    if (mismatch) throw ApplicationFailure.nonRetryable(mismatch, 'AgenciesMismatch');
    return page;
  }

  /** Each page of the stored agencies below `end`, in order, BATCH at a time. */
  async function forEachBatch(
    start: number,
    end: number,
    fn: (batch: Agency[]) => Promise<void>,
    pageSize = MAX_AGENCY_PAGE,
  ): Promise<void> {
    for (let offset = start; offset < end;) {
      const page = await readPage(offset, Math.min(pageSize, end - offset));
      for (let i = 0; i < page.agencies.length; i += BATCH) await fn(page.agencies.slice(i, i + BATCH));
      offset += page.agencies.length;
    }
  }

  async function amendDirective(raw: AmendDirectiveInput): Promise<AmendDirectiveResult> {
    const amendment = normalised(raw);
    const named = amendment.kind !== 'decide' ? amendment.agencies : undefined;
    if (named && !state.amendments.includes(amendment.amendmentId)) {
      // The campaign does not hold the agency list: the store says which named agencies it does not bind.
      const unknown = await store(`amendment ${amendment.amendmentId}: check the named agencies`).unknownAgencies({
        sha256: ref.sha256,
        agencyIds: named,
      });
      if (unknown.length)
        throw ApplicationFailure.nonRetryable(
          `unknown agencies: ${unknown.join(', ')} (not bound by ${directiveId} in this campaign)`,
          'Refused',
        );
    }
    const result = refusing(() => apply({ type: 'amend', at: Date.now(), amendment }));
    if (result.reply) return result.reply;
    await condition(() => fannedOut);
    if (amendment.kind === 'decide') await condition(() => !gateSignalsInFlight);
    const intent = result.signals[0];
    if (!intent) throw new Error(`amendment ${amendment.amendmentId} has nothing to send`);
    if (byActivities)
      return outcomesResult(amendment.amendmentId, amendment.kind, await deliverAll(intent), intent.detail);
    const tally = new OutcomeTally(amendment.amendmentId, amendment.kind, intent.amendment.amendmentId, intent.detail);
    tallies.set(tally.signalledAs, tally);
    try {
      const sent = await signalAll(intent, tally);
      for (let answered = -1; tally.answered() > answered;) {
        answered = tally.answered();
        const summary = `amendment ${amendment.amendmentId}: ${answered} of ${sent} obligations answered, waiting for the rest`;
        if (await condition(() => tally.waiting() === 0, OUTCOME_IDLE, { summary })) break;
      }
      return tally.result();
    } finally {
      tallies.delete(tally.signalledAs);
    }
  }

  /** Sends `amend` to each target's obligation, BATCH at a time; returns how many were sent. */
  async function signalAll(intent: ReferenceSignalIntent, tally?: OutcomeTally): Promise<number> {
    const send = async (agencyId: string): Promise<void> => {
      try {
        await getExternalWorkflowHandle(obligationWorkflowId(directiveId, agencyId)).signal(
          amendSignal,
          intent.amendment,
        );
        tally?.delivered(agencyId, true);
      } catch (err) {
        log.warn('Could not signal an obligation', { agencyId, error: (err as Error).message });
        tally?.delivered(agencyId, false, (err as Error).message);
      }
    };
    if (intent.targets !== 'all') {
      for (let i = 0; i < intent.targets.length; i += BATCH)
        await Promise.all(intent.targets.slice(i, i + BATCH).map(send));
      return intent.targets.length;
    }
    await forEachBatch(0, state.started, async (batch) => void (await Promise.all(batch.map((a) => send(a.id)))));
    return state.started;
  }

  /** Delivers the amendment to each target's obligation from activities, a page each; sums up their answers. */
  async function deliverAll(intent: ReferenceSignalIntent): Promise<OutcomeSummary> {
    const summary = emptyOutcomes();
    const { amendment } = intent;
    const deliver = async (label: string, targets: Parameters<Activities['amendObligations']>[0]['targets']) =>
      mergeOutcomes(
        summary,
        await onObligations(`amendment ${amendment.amendmentId}: ${label}`).amendObligations({
          directiveId,
          amendment,
          targets,
        }),
      );
    if (intent.targets !== 'all') {
      const named = intent.targets;
      for (let i = 0; i < named.length; i += MAX_AGENCY_PAGE) {
        const agencyIds = named.slice(i, i + MAX_AGENCY_PAGE);
        await deliver(`named agencies ${i + 1}–${i + agencyIds.length} of ${named.length}`, { agencyIds });
      }
      return summary;
    }
    for (let offset = 0; offset < state.started; offset += MAX_AGENCY_PAGE) {
      const limit = Math.min(MAX_AGENCY_PAGE, state.started - offset);
      await deliver(`agencies ${offset + 1}–${offset + limit} of ${state.started}`, { agencies: ref, offset, limit });
    }
    return summary;
  }

  async function startObligation(agency: Agency): Promise<void> {
    const start = obligationStart(definition, agency, workflowInfo().workflowId);
    const { workflowId } = start;
    try {
      await startChild(agencyObligation, {
        ...start,
        args: [{ definition, agency, schedule }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // Its row is in visibility: it tells this campaign only that it ended.
        memo: { [PROGRESS_MEMO]: PROGRESS_CLOSING_ONLY },
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // A restarted campaign: an obligation that takes the signal is running (and will say when it ends); one that
      // does not has ended already.
      await getExternalWorkflowHandle(workflowId)
        .signal(requestProgressSignal)
        .catch(() => void apply({ type: 'found-closed' }));
    }
  }

  async function holdGate(): Promise<void> {
    gateSignalsInFlight = true;
    for (const intent of apply({ type: 'hold-gate', at: Date.now() }).signals)
      if (byActivities) await deliverAll(intent);
      else await signalAll(intent);
    gateSignalsInFlight = false;
  }

  const suggested = (): boolean => {
    const { continueAsNewSuggested, historySize } = workflowInfo();
    return continueAsNewSuggested || historySize > HISTORY_BUDGET_BYTES;
  };

  async function continueAsNewIfSuggested(): Promise<void> {
    if (!suggested()) return;
    await condition(() => allHandlersFinished() && !gateSignalsInFlight);
    await continueWith({ definition, schedule, agencies: ref, state });
  }

  if (byActivities) {
    // Fan-out: a page of agencies per activity, which starts their obligations; continue-as-new between pages.
    const { workflowId, taskQueue } = workflowInfo();
    while (state.started < ref.count) {
      const offset = state.started;
      const limit = Math.min(MAX_AGENCY_PAGE, ref.count - offset);
      const found = await onObligations(
        `start obligations ${offset + 1}–${offset + limit} of ${ref.count}`,
      ).startObligations({
        definition,
        schedule,
        campaignWorkflowId: workflowId,
        taskQueue,
        agencies: ref,
        offset,
        limit,
      });
      apply({ type: 'started', count: limit });
      for (let i = 0; i < found.closed; i++) apply({ type: 'found-closed' });
      if (allHandlersFinished()) await continueAsNewIfSuggested();
    }
  } else {
    // Fan-out: a page of agencies at a time from the store, BATCH children at a time; continue-as-new between batches
    // (the next run reads its page again from where the count says).
    await forEachBatch(
      state.started,
      ref.count,
      async (batch) => {
        await Promise.all(batch.map(startObligation));
        apply({ type: 'started', count: batch.length });
        if (allHandlersFinished()) await continueAsNewIfSuggested();
      },
      FAN_OUT_PAGE,
    );
  }
  fannedOut = true;

  const closed = (): boolean => allReferenceClosed(ctx, state);
  for (;;) {
    if (state.decision === 'rescind' || closed()) break;
    await continueAsNewIfSuggested();
    if (gate && state.decision === 'pending' && state.gateHeldAt === undefined) {
      const holdAt = gate.holdAt;
      if (Date.now() >= holdAt) {
        await holdGate();
        continue;
      }
      await condition(() => state.decision !== 'pending' || closed() || suggested(), holdAt - Date.now(), {
        summary: `vendor response window closes ${toIso(holdAt)}: unless decided, hold ${gate.milestoneId} for every agency`,
      });
      continue;
    }
    await condition(() => state.decision === 'rescind' || closed() || suggested());
  }

  await condition(() => allHandlersFinished() && !gateSignalsInFlight);
  if (state.decision === 'rescind')
    await condition(closed, '1 hour', { summary: 'rescinded: waiting for every obligation to confirm' });
  return referenceView(ctx, state);
}

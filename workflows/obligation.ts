import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { Agency } from '../domain/agency';
import type { Schedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import {
  amendmentProblem,
  parseAmendment,
  parseReport,
  parseReview,
  reportEvent,
  reviewEvent,
} from './obligation-payloads';
import {
  Refusal,
  currentDeadline,
  findMilestone,
  initialObligation,
  isOverdue,
  nextClockEvent,
  nextDeadline,
  phase,
  reduce,
  rulesAtLeast,
  deadlineMoveRequest,
  resolvedMove,
  seriesNeedingMore,
  SERIES_BATCH,
  statusView,
  type NoticeIntent,
  type ObligationEvent,
  type ObligationState,
  type ObligationStatus,
  type ResolvedAmendment,
} from '../domain/obligation';
import { reportAmendmentOutcome } from './amendment-outcome';
import { previewAmendment } from './amendment-preview';
import { progressReporter, progressRow } from './campaign-progress';
import { describeClockEvent, detailsTable } from './labels';
import {
  amendSignal,
  applyAmendmentUpdate,
  completeMilestoneUpdate,
  previewAmendmentQuery,
  requestProgressSignal,
  reviewMilestoneUpdate,
  statusQuery,
  type AmendmentAnswer,
} from './definitions';
import type { AmendInput, CompleteMilestoneInput, ReviewMilestoneInput } from './messages';
import { toNotice } from './notices';
// Pure (no Node): which history entries become record entries.
import { recordEntries } from '../record/entry';
import { AgencyIdKey, DirectiveIdKey, NextDeadlineKey, ObligationPhaseKey, OverdueKey } from './search-attributes';

export interface ObligationInput {
  definition: DirectiveDefinition;
  agency: Agency;
  /** Absolute instants from the deadline calculus: the workflow never computes a calendar date itself. */
  schedule: Schedule;
  /** Present after continue-as-new: the whole state, carried over. */
  state?: ObligationState;
  /**
   * For operators and tests: also continue-as-new once a run's history reaches this many events (the server only
   * suggests it at about 10,000). Carried over to the next run.
   */
  continueAsNewAfterEvents?: number;
  /** Present after continue-as-new: how many history entries the compliance record acknowledged (see flushRecord). */
  recordedThrough?: number;
}

type Activities = ReturnType<typeof createActivities>;

const activityOptions: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  // SMTP outages retry with backoff for up to a week; invalid input and refused addresses are not retried.
  scheduleToCloseTimeout: '7 days',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: ['InvalidNotice', 'InvalidDeadlineChange'],
  },
};

/**
 * Appends to the compliance record retry without an overall limit (the record must end up whole) and run beside the
 * loop, so a record store that is down never delays a reminder, a deadline or an escalation.
 */
const recordOptions: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: ['RecordRefused', 'RecordNotConfigured'],
  },
};

/** At most this many entries per append, so the first append of a long history stays well inside payload limits. */
const RECORD_BATCH = 200;

/**
 * One agency's obligation under one directive, from issuance to completion or rescission.
 * The rules live in the pure reducer; this loop only feeds it messages and the clock, sends the notices it asks for,
 * and publishes the result (search attributes, current details) for operators.
 */
export async function agencyObligation(input: ObligationInput): Promise<ObligationStatus> {
  const { definition, agency } = input;
  // Obligations started before a rules version keep the rules they started with, so their histories replay unchanged
  // (see ObligationState.rulesVersion). A new version adds a patch here; state carries the version across
  // continue-as-new.
  let state = input.state ?? initialObligation(definition, agency, input.schedule, Date.now(), chooseRulesVersion());
  // Obligations started before the record store append nothing (their histories replay unchanged); a run continued
  // as new from one records its whole history, carried in its state, from then on.
  const recordingRun = patched('record-store');
  let recording = recordingRun;
  /** History entries the record acknowledged, and those handed to an append (acknowledged or in flight). */
  let recorded = recordingRun ? (input.recordedThrough ?? 0) : 0;
  let recordSent = recorded;
  let recordAppending = false;
  const pendingAmendments: unknown[] = [];
  /** What became of each amendment this run handled, and which ones an `applyAmendment` caller waits for. */
  const answers = new Map<string, AmendmentAnswer>();
  const answeredByUpdate = new Set<string>();
  let inFlight = 0;
  let changed = true;
  /** Rules v3: series whose next occurrences the calculus refused in this run (not asked again until continue-as-new). */
  const seriesFailed = new Set<string>();

  /** Obligations started before the view's zone and original deadlines were kept fall back on the input. */
  const view = (): ObligationStatus => statusView(state, { timeZone: definition.timeZone, schedule: input.schedule });

  const apply = (event: ObligationEvent): void => {
    const result = reduce(state, event);
    state = result.state;
    result.notices.forEach(dispatch);
    changed = true;
  };

  /** A refusal reaches the caller as a non-retryable failure of type `Refused` carrying the reducer's reason. */
  const refusing = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof Refusal) throw ApplicationFailure.nonRetryable(err.message, 'Refused');
      throw err;
    }
  };

  /** Validators run the same reducer on a copy: a refused event leaves state and history untouched. */
  const check = (event: () => ObligationEvent): void => refusing(() => void reduce(state, event()));

  const applyUpdate = (event: () => ObligationEvent): ObligationStatus =>
    refusing(() => {
      apply(event());
      return view();
    });

  const progress = progressReporter();
  setHandler(requestProgressSignal, () => {
    progress.forget();
    changed = true;
  });

  setHandler(statusQuery, () => view());
  setHandler(previewAmendmentQuery, (a) => previewAmendment(state, a, Date.now()));

  // The validators parse (the boundary); the handlers, which also run on replay, apply the payload they accepted.
  setHandler(completeMilestoneUpdate, (valid) => applyUpdate(() => reportEvent(valid, Date.now())), {
    validator: (raw: CompleteMilestoneInput) =>
      check(() => {
        parseReport(raw);
        return reportEvent(raw, Date.now());
      }),
  });

  setHandler(reviewMilestoneUpdate, (valid) => applyUpdate(() => reviewEvent(valid, Date.now())), {
    validator: (raw: ReviewMilestoneInput) =>
      check(() => {
        parseReview(raw);
        return reviewEvent(raw, Date.now());
      }),
  });

  setHandler(amendSignal, (raw) => {
    pendingAmendments.push(raw);
  });

  // The same amendment as `amend`, applied by the same loop; the caller waits for its outcome instead of a signal to
  // the campaign. An invalid payload is refused before it enters the history.
  setHandler(
    applyAmendmentUpdate,
    async (amendment) => {
      const id = amendment.amendmentId;
      answeredByUpdate.add(id);
      answers.delete(id);
      pendingAmendments.push(amendment);
      await condition(() => answers.has(id) || state.state !== 'active');
      return answers.get(id) ?? { outcome: 'refused', reason: `the obligation has ended (${state.state})` };
    },
    {
      validator: (raw: AmendInput) =>
        refusing(() => {
          const problem = amendmentProblem(raw);
          if (problem) throw new Refusal(problem);
          if (state.state !== 'active') throw new Refusal(`the obligation has ended (${state.state})`);
        }),
    },
  );

  function dispatch(intent: NoticeIntent): void {
    const notice = toNotice(intent, definition, agency, state);
    const summary = `${intent.kind}${intent.escalationLevel ? ` L${intent.escalationLevel}` : ''}: ${intent.milestoneId ?? 'obligation'} → ${[...intent.to].join(', ')}`;
    inFlight++;
    proxyActivities<Activities>({ ...activityOptions, summary })
      .sendNotice(notice)
      .then(
        (result) =>
          apply({
            type: 'notice-outcome',
            at: Date.now(),
            kind: intent.kind,
            milestoneId: intent.milestoneId,
            failed: false,
            detail:
              result.outcome === 'rejected'
                ? `undeliverable: ${result.detail ?? 'refused by the mail server'}`
                : result.outcome,
          }),
        (err: Error) =>
          apply({
            type: 'notice-outcome',
            at: Date.now(),
            kind: intent.kind,
            milestoneId: intent.milestoneId,
            failed: true,
            detail: err.message,
          }),
      )
      .finally(() => {
        inFlight--;
        changed = true;
      });
  }

  /**
   * Sends the history entries not yet handed to the record, one append at a time (so the chain grows in order), and
   * the next batch when that one is acknowledged. Never awaited by the loop. A batch refused for good (it contradicts
   * the record, or the worker has no store) stops recording in this run; the next run resends from `recorded`.
   */
  function flushRecord(): void {
    if (!recording || recordAppending || state.history.length <= recordSent) return;
    const from = recordSent;
    const batch = recordEntries(state, workflowInfo().workflowId, from, from + RECORD_BATCH);
    const to = from + batch.length;
    recordSent = to;
    recordAppending = true;
    proxyActivities<Activities>({ ...recordOptions, summary: `record entries ${from}-${to - 1}` })
      .appendRecord(batch)
      .then(
        () => {
          recorded = to;
        },
        (err: unknown) => {
          log.warn('Compliance record not appended; recording stops in this run', { from, reason: failureReason(err) });
          recording = false;
          recordSent = recorded;
        },
      )
      .finally(() => {
        recordAppending = false;
        flushRecord();
      });
  }

  const recordSettled = (): boolean => !recording || (!recordAppending && recordSent >= state.history.length);

  async function applyAmendments(): Promise<void> {
    while (pendingAmendments.length > 0) {
      const raw = pendingAmendments.shift();
      const reason = amendmentProblem(raw);
      if (reason !== undefined) {
        refuseAmendment(undefined, reason);
        const id = (raw as { amendmentId?: unknown } | null)?.amendmentId;
        if (typeof id === 'string') tellCampaign(id, 'refused', reason);
        continue;
      }
      const amendment = parseAmendment(raw);
      if (state.appliedAmendments.includes(amendment.amendmentId)) {
        tellCampaign(amendment.amendmentId, 'unchanged');
        continue;
      }
      try {
        apply({ type: 'amend', at: Date.now(), amendment: await resolve(amendment) });
        tellCampaign(amendment.amendmentId, 'applied');
      } catch (err) {
        const reason = failureReason(err);
        refuseAmendment(amendment.amendmentId, reason);
        tellCampaign(amendment.amendmentId, 'refused', reason);
      }
    }
  }

  /** Turns "extend by 30 days" or a bare date into an absolute instant, through an activity (calendar math). */
  async function resolve(a: AmendInput): Promise<ResolvedAmendment> {
    const base: ResolvedAmendment = {
      amendmentId: a.amendmentId,
      kind: a.kind,
      milestoneId: a.milestoneId,
      reason: a.reason,
      directedBy: a.directedBy,
    };
    if (rulesAtLeast(state, 3)) return resolveV3(a, base);
    const change =
      a.newDueAt !== undefined
        ? { newDueAt: a.newDueAt }
        : a.extendByDays !== undefined
          ? { extendByDays: a.extendByDays }
          : undefined;
    if (!change || !a.milestoneId) return base;
    const m = findMilestone(state, a.milestoneId);
    const current = currentDeadline(m);
    if (current === null) throw new Refusal(`${m.id} has no deadline to move`);
    const moved = await proxyActivities<Activities>({
      ...activityOptions,
      summary: `amendment ${a.amendmentId}: compute ${m.id}'s new deadline`,
    }).resolveDeadline({
      dueAt: toIso(current),
      change,
      timeZone: definition.timeZone,
    });
    return { ...base, newDueAt: Date.parse(moved.dueAt), explanation: moved.explanation };
  }

  /**
   * Rules v3: every move is the calculus's (resolveDeadline): bounded by the issuance, in whole calendar days in the
   * directive's zone, with the milestones counted from this one and the new reminder instants. A resume without a new
   * date moves the deadline in force by the calendar days held, unless the issuer set it during the hold.
   */
  async function resolveV3(a: AmendInput, base: ResolvedAmendment): Promise<ResolvedAmendment> {
    const request = deadlineMoveRequest(state, a, {
      timeZone: definition.timeZone,
      issuedAt: input.schedule.issuedAt,
      reminderTime: definition.reminderTime,
      now: Date.now(),
    });
    if (!request) return base;
    const moved = await proxyActivities<Activities>({
      ...activityOptions,
      summary: `amendment ${a.amendmentId}: compute ${a.milestoneId}'s new deadline`,
    }).resolveDeadline(request);
    return resolvedMove(base, request, moved);
  }

  /**
   * Rules v3: a recurring series continues until its closing milestone is done or waived. When few occurrences lie
   * ahead, the calculus computes the next ones (an activity, so the instants enter the history) and the reducer
   * appends them.
   */
  async function continueSeries(): Promise<void> {
    for (const need of seriesNeedingMore(state)) {
      if (seriesFailed.has(need.milestoneId)) continue;
      try {
        const occurrences = await proxyActivities<Activities>({
          ...activityOptions,
          summary: `compute the next ${SERIES_BATCH} occurrences of ${need.milestoneId}`,
        }).nextSeriesOccurrences({
          definition,
          milestoneId: need.milestoneId,
          last: { occurrence: need.last.occurrence, dueAt: toIso(need.last.dueAt) },
          count: SERIES_BATCH,
        });
        apply({ type: 'occurrences', at: Date.now(), milestoneId: need.milestoneId, occurrences });
      } catch (err) {
        // Not retried in this run (the calculus refused for good); the obligation goes on with the occurrences it has.
        seriesFailed.add(need.milestoneId);
        const reason = failureReason(err);
        log.warn('Series not continued', { milestoneId: need.milestoneId, reason });
        apply({ type: 'series-not-continued', at: Date.now(), milestoneId: need.milestoneId, reason });
      }
    }
  }

  /**
   * The campaign learns what became of its amendment (its `amendDirective` answers with it): from the `applyAmendment`
   * update's answer, or (rules version 3, amendments by the `amend` signal) from a signal.
   */
  function tellCampaign(amendmentId: string, outcome: AmendmentAnswer['outcome'], reason?: string): void {
    answers.set(amendmentId, reason === undefined ? { outcome } : { outcome, reason });
    if (answeredByUpdate.has(amendmentId)) return;
    if (rulesAtLeast(state, 3)) reportAmendmentOutcome({ amendmentId, agencyId: agency.id, outcome, reason });
  }

  function refuseAmendment(amendmentId: string | undefined, reason: string): void {
    log.warn('Amendment refused', { amendmentId, reason });
    apply({ type: 'amendment-refused', at: Date.now(), amendmentId, reason });
  }

  function publish(): void {
    const next = nextDeadline(state);
    upsertSearchAttributes([
      { key: DirectiveIdKey, value: state.directiveId },
      { key: AgencyIdKey, value: state.agencyId },
      { key: ObligationPhaseKey, value: phase(state) },
      { key: NextDeadlineKey, value: next === null ? null : new Date(next) },
      { key: OverdueKey, value: isOverdue(state) },
    ]);
    setCurrentDetails(detailsTable(state, definition.timeZone));
    // The campaign (parent) keeps one row per agency; sent only when the row changed, never awaited.
    progress.report(progressRow(state, agency.name, workflowInfo().workflowId));
  }

  for (;;) {
    await applyAmendments();
    if (rulesAtLeast(state, 3)) await continueSeries();
    apply({ type: 'tick', now: Date.now() });
    if (changed) publish();
    changed = false;
    flushRecord();
    if (state.state !== 'active') break;
    const { continueAsNewSuggested, historyLength } = workflowInfo();
    if (
      continueAsNewSuggested ||
      (input.continueAsNewAfterEvents !== undefined && historyLength >= input.continueAsNewAfterEvents)
    ) {
      // An `applyAmendment` waiting for its outcome is a handler not finished: the loop applies it first.
      await condition(() => inFlight === 0 && (allHandlersFinished() || pendingAmendments.length > 0));
      // An append in flight would be abandoned with this run (the next run sends it again): give it a minute to land,
      // never longer, so a record store that is down cannot hold the obligation back.
      if (recordAppending) await condition(() => !recordAppending, '1 minute');
      // An amendment signalled while the notices finished would be dropped with this run: apply it first.
      if (pendingAmendments.length > 0) continue;
      await continueAsNew<typeof agencyObligation>({
        ...input,
        state,
        recordedThrough: recordingRun ? recorded : undefined,
      });
    }
    const next = nextClockEvent(state);
    const wakeUp = () => changed || pendingAmendments.length > 0;
    if (next)
      await condition(wakeUp, Math.max(next.at - Date.now(), 1), {
        summary: describeClockEvent(next, definition.timeZone),
      });
    else await condition(wakeUp);
  }
  await condition(() => inFlight === 0 && allHandlersFinished());
  publish();
  // The record's last entries (completed, rescinded) are written before the workflow closes.
  flushRecord();
  await condition(recordSettled);
  return view();
}

/**
 * The newest rules version this workflow's history allows: a new obligation records every patch marker and runs the
 * current rules; a replayed one finds only the markers of the version it started with. Newest first, so an obligation
 * started under version N never evaluates (and so never records) an older marker.
 */
function chooseRulesVersion(): number {
  if (patched('obligation-rules-v3')) return 3;
  if (patched('obligation-rules-v2')) return 2;
  return 1;
}

/** An activity's failure wraps the reason (e.g. "2099-02-30 is not a date") in its cause. */
function failureReason(err: unknown): string {
  return (err instanceof ActivityFailure && err.cause ? err.cause : (err as Error)).message;
}

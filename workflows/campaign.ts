import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Agency } from '../domain/agency';
import type { Schedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import type { ObligationStatus } from '../domain/obligation/view';
import {
  allClosed,
  awaitingOutcomes,
  campaignRulesAtLeast,
  campaignView,
  gateOf,
  initialCampaign,
  reduceCampaign,
  type AgenciesRef,
  type CampaignAgencyRow,
  type CampaignContext,
  type CampaignEvent,
  type CampaignReduction,
  type CampaignState,
  type ReferenceCampaignState,
  type SignalIntent,
} from '../domain/campaign';
import { amendEvent, normalised, refusing } from './campaign-amendment-input';
import { campaignByReference } from './campaign-by-reference';
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
import { agencyObligation } from './obligation';
import { obligationStart } from './obligation-start';

export type { CampaignState } from '../domain/campaign';
export { GATE_HOLD_REASON, GATE_LEAD_MS } from '../domain/campaign';

export interface CampaignInput {
  definition: DirectiveDefinition;
  /**
   * By reference (`{ sha256, count }`: a file in AGENCIES_STORE_DIR, read in pages), as `directive campaign start`
   * gives them; or inline, the shape campaigns started before had (still accepted: small campaigns, tests).
   */
  agencies: AgenciesRef | Agency[];
  /** Absolute instants from the deadline calculus, shared by every obligation. */
  schedule: Schedule;
  /** Present after continue-as-new: the whole state, carried over. */
  state?: CampaignState | ReferenceCampaignState;
}

type InlineCampaignInput = CampaignInput & { agencies: Agency[]; state?: CampaignState };

/** Children started (and signals sent) per workflow task: well below the 2,000 pending children/signals limit. */
export const BATCH = 50;
/** How long `amendDirective` waits for the obligations to say what they did with an amendment (rules version 2). */
export const OUTCOME_WAIT = '1 minute';

/**
 * One issued directive. Agencies given by reference (what `directive campaign start` does) run the campaign of any
 * size in campaign-by-reference.ts; agencies given inline run the campaign below, as campaigns started before did.
 */
export async function directiveCampaign(input: CampaignInput): Promise<CampaignStatus> {
  if (!Array.isArray(input.agencies)) {
    // Only campaigns started after the by-reference shape existed have it; the marker names their rules in their
    // histories, so a later change to them can branch on it (CONTRIBUTING.md, "Add a rules version").
    patched('campaign-by-reference');
    const { agencies, state } = input;
    return campaignByReference(
      { definition: input.definition, schedule: input.schedule, agencies, state: state as ReferenceCampaignState },
      (next) => continueAsNew<typeof directiveCampaign>(next),
    );
  }
  return inlineCampaign(input as InlineCampaignInput);
}

/**
 * Agencies inline: starts one `agencyObligation` per agency, keeps a row per agency from their progress signals,
 * fans amendments out to them and collects what each did with it, and runs the vendor-response gate (the issuer's
 * decision that lets the gated milestone open, or rescinds the directive). The rules live in the pure reducer
 * (domain/campaign/); this workflow registers the handlers, starts the obligations, sends the signals the reducer
 * asks for and loops.
 *
 * Continue-as-new: the campaign's history grows with every progress signal (a thousand agencies report for months),
 * so when the server suggests it, the campaign continues as new carrying its input and its whole state. The state is
 * rows of a few hundred bytes each (a thousand agencies ≈ 0.5 MB with the input), well under the 2 MB payload limit;
 * obligations address their campaign by workflow id only, so their signals reach the new run.
 */
async function inlineCampaign(input: InlineCampaignInput): Promise<CampaignStatus> {
  const { definition, agencies, schedule } = input;
  const directiveId = definition.id;
  const ctx: CampaignContext = { definition, schedule };
  // Campaigns started before a rules version keep the rules they started with (state carries the version across
  // continue-as-new; a state from before versions existed is version 1), so their histories replay unchanged.
  let state: CampaignState = input.state ?? initialCampaign(definition, agencies, schedule, chooseCampaignRules());
  const gate = gateOf(definition, schedule);
  let fannedOut = false;
  let gateSignalsInFlight = false;

  const apply = (event: CampaignEvent): CampaignReduction => {
    const result = reduceCampaign(ctx, state, event);
    state = result.state;
    return result;
  };

  const setRow = (row: CampaignAgencyRow): void => {
    if (!state.rows.some((r) => r.agencyId === row.agencyId))
      return log.warn('Progress from an agency outside the campaign', { agencyId: row.agencyId });
    apply({ type: 'progress', row });
  };

  setHandler(campaignStatusQuery, (page) => campaignView(ctx, state, page));
  setHandler(obligationProgressSignal, setRow);
  setHandler(amendmentOutcomeSignal, (report) => {
    apply({
      type: 'outcome',
      amendmentId: report.amendmentId,
      agencyId: report.agencyId,
      outcome: report.outcome,
      reason: report.reason,
    });
  });
  setHandler(amendDirectiveUpdate, (raw) => amendDirective(raw), {
    // The same reducer on the current state, result discarded: a refused amendment leaves no trace in the history.
    validator: (raw: AmendDirectiveInput) => void refusing(() => reduceCampaign(ctx, state, amendEvent(raw))),
  });

  async function amendDirective(raw: AmendDirectiveInput): Promise<AmendDirectiveResult> {
    // The validator parsed it (at the boundary, once); the handler, which also runs on replay, only normalises it,
    // so replay never depends on the parser's version.
    const event: Extract<CampaignEvent, { type: 'amend' }> = {
      type: 'amend',
      at: Date.now(),
      amendment: normalised(raw),
    };
    const { amendmentId } = event.amendment;
    const result = refusing(() => apply(event));
    if (result.reply) return result.reply;
    await condition(() => fannedOut);
    if (event.amendment.kind === 'decide') await condition(() => !gateSignalsInFlight);
    for (const intent of result.signals) await signalAll(intent);
    if (campaignRulesAtLeast(state, 2))
      await condition(() => !awaitingOutcomes(state, amendmentId), OUTCOME_WAIT, {
        summary: `amendment ${amendmentId}: waiting for each obligation's outcome`,
      });
    const answered = apply({ type: 'answered', amendmentId }).reply;
    if (!answered) throw new Error(`amendment ${amendmentId} has no result`); // the reducer opened it above
    return answered;
  }

  /** Sends `amend` to each agency's obligation, BATCH at a time (pending signals are limited per workflow). */
  async function signalAll(intent: SignalIntent): Promise<void> {
    for (let i = 0; i < intent.agencies.length; i += BATCH) {
      const batch = intent.agencies.slice(i, i + BATCH);
      await Promise.all(
        batch.map(async (agencyId) => {
          try {
            await getExternalWorkflowHandle(obligationWorkflowId(directiveId, agencyId)).signal(
              amendSignal,
              intent.amendment,
            );
            apply({ type: 'delivery', amendmentId: intent.amendmentId, agencyId, delivered: true });
          } catch (err) {
            log.warn('Could not signal an obligation', { agencyId, error: (err as Error).message });
            apply({
              type: 'delivery',
              amendmentId: intent.amendmentId,
              agencyId,
              delivered: false,
              detail: (err as Error).message,
            });
          }
        }),
      );
    }
  }

  async function startObligation(agency: Agency): Promise<void> {
    const start = obligationStart(definition, agency, workflowInfo().workflowId);
    const { workflowId } = start;
    try {
      const child = await startChild(agencyObligation, {
        ...start,
        args: [{ definition, agency, schedule }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      // The result arrives only while this run lasts; the progress signal is what keeps the row current otherwise.
      child.result().then(
        (s) => setRow(rowOf(s, agency, workflowId)),
        (err: Error) => log.warn('Obligation ended without a result', { workflowId, error: err.message }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      log.info('Obligation already exists; not started again', { workflowId });
      // A new campaign run starts with blank rows: ask the running obligation for its row.
      await getExternalWorkflowHandle(workflowId)
        .signal(requestProgressSignal)
        .catch((e: Error) =>
          log.warn('Obligation did not take the progress request (it may have ended)', {
            workflowId,
            error: e.message,
          }),
        );
    }
    apply({ type: 'started', agencyId: agency.id });
  }

  async function holdGate(): Promise<void> {
    gateSignalsInFlight = true;
    for (const intent of apply({ type: 'hold-gate', at: Date.now() }).signals) await signalAll(intent);
    gateSignalsInFlight = false;
  }

  const suggested = (): boolean => workflowInfo().continueAsNewSuggested;

  async function continueAsNewIfSuggested(): Promise<void> {
    if (!suggested()) return;
    await condition(() => allHandlersFinished() && !gateSignalsInFlight);
    await continueAsNew<typeof directiveCampaign>({ ...input, state });
  }

  // Fan-out: BATCH children at a time, each awaited until started, so a thousand agencies stay within the limits.
  // Continue-as-new only between batches with no amendment waiting: those wait for the fan-out to finish.
  const toStart = agencies.filter((a) => !state.started.includes(a.id));
  for (let i = 0; i < toStart.length; i += BATCH) {
    await Promise.all(toStart.slice(i, i + BATCH).map(startObligation));
    if (allHandlersFinished()) await continueAsNewIfSuggested();
  }
  fannedOut = true;

  const closed = (): boolean => allClosed(state);
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
  if (state.decision === 'rescind') {
    // Give the obligations time to confirm; the campaign ends either way.
    await condition(closed, '1 hour', { summary: 'rescinded: waiting for every obligation to confirm' });
  }
  return campaignView(ctx, state);
}

/**
 * The newest campaign rules this workflow's history allows: a new campaign records the marker and runs the current
 * rules; a replayed one started before finds no marker and keeps version 1.
 */
function chooseCampaignRules(): number {
  return patched('campaign-rules-v2') ? 2 : 1;
}

function rowOf(s: ObligationStatus, agency: Agency, workflowId: string): CampaignAgencyRow {
  return {
    agencyId: agency.id,
    name: agency.name,
    workflowId,
    phase: s.phase,
    nextDeadline: s.nextDeadline,
    overdue: s.overdue,
    escalationLevel: s.escalationLevel,
  };
}

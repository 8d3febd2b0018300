import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Agency } from '../domain/agency';
import type { Schedule } from '../domain/calculus';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import { describeIssues } from '../domain/zod-issues';
import type { ObligationStatus } from '../domain/obligation/view';
import {
  AmendDirectiveInput,
  amendDirectiveUpdate,
  campaignStatusQuery,
  obligationProgressSignal,
  obligationWorkflowId,
  requestProgressSignal,
  type AmendDirectiveResult,
  type CampaignAgencyRow,
  type CampaignStatus,
} from './campaign-messages';
import { amendSignal, type AmendInput } from './messages';
import { agencyObligation } from './obligation';
import { AgencyIdKey, DirectiveIdKey } from './search-attributes';

export interface CampaignInput {
  definition: DirectiveDefinition;
  agencies: Agency[];
  /** Absolute instants from the deadline calculus, shared by every obligation. */
  schedule: Schedule;
  /** Present after continue-as-new: the whole state, carried over. */
  state?: CampaignState;
}

/**
 * Everything a campaign knows, as one serialisable value. The obligations are abandoned children (they outlive the
 * campaign and its restarts), so the campaign holds no handles worth keeping: its state is the rows they report,
 * which agencies' obligations exist, and the amendments and decision it has handled.
 */
export interface CampaignState {
  /** Agencies whose obligation exists: started by this campaign, or found already started (a restart). */
  started: string[];
  /** One per agency, in the order of `CampaignInput.agencies`; `phase: 'starting'` until the obligation reports. */
  rows: CampaignAgencyRow[];
  /** amendmentIds handled, in order (including the campaign's own vendor-response hold). */
  amendments: string[];
  decision: 'pending' | 'uphold' | 'rescind';
  /** When the campaign held the gated milestone for every agency (ms since epoch), if it did. */
  gateHeldAt?: number;
}

/** Children started (and signals sent) per workflow task: well below the 2,000 pending children/signals limit. */
export const BATCH = 50;
/** At the latest, the campaign holds an undecided gate this long before it opens, so it never opens undecided. */
export const GATE_LEAD_MS = 60_000;
export const GATE_HOLD_REASON = "awaiting the issuer's decision on the vendor's response";

const TERMINAL = new Set(['completed', 'rescinded']);

/**
 * One issued directive: starts one `agencyObligation` per agency, keeps a row per agency from their progress signals,
 * fans amendments out to them, and runs the vendor-response gate (the issuer's decision that lets the gated milestone
 * open, or rescinds the directive).
 *
 * Continue-as-new: the campaign's history grows with every progress signal (a thousand agencies report for months),
 * so when the server suggests it, the campaign continues as new carrying its input and its whole state. The state is
 * rows of a few hundred bytes each (a thousand agencies ≈ 0.5 MB with the input), well under the 2 MB payload limit;
 * obligations address their campaign by workflow id only, so their signals reach the new run.
 */
export async function directiveCampaign(input: CampaignInput): Promise<CampaignStatus> {
  const { definition, agencies, schedule } = input;
  const directiveId = definition.id;
  const state: CampaignState = input.state ?? initialCampaign(input);
  const indexOf = new Map(agencies.map((a, i) => [a.id, i]));
  const started = new Set(state.started);
  const gate = gateOf(definition, schedule);
  let fannedOut = false;
  let gateSignalsInFlight = false;

  const view = (): CampaignStatus => {
    const countsByPhase: Record<string, number> = {};
    for (const r of state.rows) countsByPhase[r.phase] = (countsByPhase[r.phase] ?? 0) + 1;
    return {
      directiveId,
      issuedAt: schedule.issuedAt,
      agencies: state.rows.map((r) => ({ ...r })),
      countsByPhase,
      overdue: state.rows.filter((r) => r.overdue).length,
      vendorResponse: definition.vendorResponse
        ? {
            dueAt: schedule.vendorResponseDueAt ?? null,
            decision: state.decision,
            gates: definition.vendorResponse.gates,
            heldSince: toIso(state.gateHeldAt),
          }
        : undefined,
      amendments: [...state.amendments],
    };
  };

  const setRow = (row: CampaignAgencyRow): void => {
    const i = indexOf.get(row.agencyId);
    if (i === undefined) return log.warn('Progress from an agency outside the campaign', { agencyId: row.agencyId });
    state.rows[i] = { ...row, name: agencies[i]?.name ?? row.name };
  };

  setHandler(campaignStatusQuery, view);
  setHandler(obligationProgressSignal, setRow);
  setHandler(amendDirectiveUpdate, (raw) => amendDirective(raw), {
    validator: (raw: AmendDirectiveInput) => void validate(raw),
  });

  /** Synchronous: parses, names unknown agencies, refuses what the campaign cannot do. Returns the parsed input. */
  function validate(raw: AmendDirectiveInput): AmendDirectiveInput {
    const schema =
      (raw as { kind?: unknown } | null)?.kind === 'decide'
        ? AmendDirectiveInput.options[1]
        : AmendDirectiveInput.options[0];
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw ApplicationFailure.nonRetryable(describeIssues(parsed.error.issues).join('; '), 'InvalidAmendment');
    const a = parsed.data;
    if (state.amendments.includes(a.amendmentId)) return a; // answered `already-applied`
    if (a.kind === 'decide') {
      if (!definition.vendorResponse)
        throw ApplicationFailure.nonRetryable(`${directiveId} has no vendor response to decide on`, 'Refused');
      if (state.decision !== 'pending')
        throw ApplicationFailure.nonRetryable(
          `the issuer's decision on the vendor's response was already made: ${state.decision}`,
          'Refused',
        );
    } else {
      const unknown = (a.agencies ?? []).filter((id) => !indexOf.has(id));
      if (unknown.length)
        throw ApplicationFailure.nonRetryable(
          `unknown agencies: ${unknown.join(', ')} (not bound by ${directiveId} in this campaign)`,
          'Refused',
        );
    }
    if (state.decision === 'rescind') throw ApplicationFailure.nonRetryable(`${directiveId} was rescinded`, 'Refused');
    return a;
  }

  async function amendDirective(raw: AmendDirectiveInput): Promise<AmendDirectiveResult> {
    const a = validate(raw);
    const targets = a.kind === 'decide' || !a.agencies ? agencies.map((x) => x.id) : a.agencies;
    if (state.amendments.includes(a.amendmentId)) {
      return {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: targets.map((agencyId) => ({ agencyId, outcome: 'already-applied' })),
      };
    }
    state.amendments.push(a.amendmentId);
    await condition(() => fannedOut);

    if (a.kind !== 'decide') {
      const { agencies: _targets, ...amendment } = a;
      return { amendmentId: a.amendmentId, kind: a.kind, agencies: await signalAll(targets, () => amendment) };
    }
    if (a.decision === 'rescind') {
      state.decision = 'rescind';
      const rescind: AmendInput = {
        amendmentId: a.amendmentId,
        kind: 'rescind',
        reason: a.reason,
        directedBy: a.directedBy,
      };
      return {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: await signalAll(targets, () => rescind),
        detail: 'every obligation rescinded; the campaign ends',
      };
    }
    state.decision = 'uphold';
    await condition(() => !gateSignalsInFlight);
    if (state.gateHeldAt === undefined || !gate) {
      return {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: [],
        detail: `upheld before ${gate?.milestoneId ?? 'the gated milestone'} was held: it opens as scheduled`,
      };
    }
    // Reopened at its scheduled instant if that is still ahead, else now: the agencies owe it from the decision on.
    const reopensAt = Math.max(gate.dueAt, Date.now());
    const resume: AmendInput = {
      amendmentId: `${a.amendmentId}/resume`,
      kind: 'resume',
      milestoneId: gate.milestoneId,
      newDueAt: toIso(reopensAt),
      reason: a.reason,
      directedBy: a.directedBy,
    };
    return {
      amendmentId: a.amendmentId,
      kind: a.kind,
      agencies: await signalAll(targets, () => resume),
      detail: `${gate.milestoneId} resumed for every agency, due ${toIso(reopensAt)}`,
    };
  }

  /** Sends `amend` to each agency's obligation, BATCH at a time (pending signals are limited per workflow). */
  async function signalAll(
    agencyIds: string[],
    amendment: (agencyId: string) => AmendInput,
  ): Promise<AmendDirectiveResult['agencies']> {
    const out: AmendDirectiveResult['agencies'] = [];
    for (let i = 0; i < agencyIds.length; i += BATCH) {
      const batch = agencyIds.slice(i, i + BATCH);
      out.push(
        ...(await Promise.all(
          batch.map(async (agencyId) => {
            try {
              await getExternalWorkflowHandle(obligationWorkflowId(directiveId, agencyId)).signal(
                amendSignal,
                amendment(agencyId),
              );
              return { agencyId, outcome: 'signalled' as const };
            } catch (err) {
              log.warn('Could not signal an obligation', { agencyId, error: (err as Error).message });
              return { agencyId, outcome: 'not-delivered' as const, detail: (err as Error).message };
            }
          }),
        )),
      );
    }
    return out;
  }

  async function startObligation(agency: Agency): Promise<void> {
    const workflowId = obligationWorkflowId(directiveId, agency.id);
    try {
      const child = await startChild(agencyObligation, {
        workflowId,
        args: [{ definition, agency, schedule }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // An obligation that already ran to its end is not started again either.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: `${directiveId} · ${agency.id} · ${agency.name}`,
        staticDetails: `${definition.title}\n\nCampaign: ${workflowInfo().workflowId}`,
        typedSearchAttributes: [
          { key: DirectiveIdKey, value: directiveId },
          { key: AgencyIdKey, value: agency.id },
        ],
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
    started.add(agency.id);
    state.started.push(agency.id);
  }

  async function holdGate(g: Gate): Promise<void> {
    gateSignalsInFlight = true;
    state.gateHeldAt = Date.now();
    const amendmentId = `${directiveId}/vendor-response/hold`;
    if (!state.amendments.includes(amendmentId)) state.amendments.push(amendmentId);
    const hold: AmendInput = {
      amendmentId,
      kind: 'hold',
      milestoneId: g.milestoneId,
      reason: GATE_HOLD_REASON,
      directedBy: `${directiveId} campaign`,
    };
    await signalAll(state.started, () => hold);
    gateSignalsInFlight = false;
  }

  const allClosed = (): boolean => started.size === agencies.length && state.rows.every((r) => TERMINAL.has(r.phase));
  const suggested = (): boolean => workflowInfo().continueAsNewSuggested;

  async function continueAsNewIfSuggested(): Promise<void> {
    if (!suggested()) return;
    await condition(() => allHandlersFinished() && !gateSignalsInFlight);
    await continueAsNew<typeof directiveCampaign>({ ...input, state });
  }

  // Fan-out: BATCH children at a time, each awaited until started, so a thousand agencies stay within the limits.
  // Continue-as-new only between batches with no amendment waiting: those wait for the fan-out to finish.
  const toStart = agencies.filter((a) => !started.has(a.id));
  for (let i = 0; i < toStart.length; i += BATCH) {
    await Promise.all(toStart.slice(i, i + BATCH).map(startObligation));
    if (allHandlersFinished()) await continueAsNewIfSuggested();
  }
  fannedOut = true;

  for (;;) {
    if (state.decision === 'rescind' || allClosed()) break;
    await continueAsNewIfSuggested();
    if (gate && state.decision === 'pending' && state.gateHeldAt === undefined) {
      const holdAt = gate.holdAt;
      if (Date.now() >= holdAt) {
        await holdGate(gate);
        continue;
      }
      await condition(() => state.decision !== 'pending' || allClosed() || suggested(), holdAt - Date.now(), {
        summary: `vendor response window closes ${toIso(holdAt)}: unless decided, hold ${gate.milestoneId} for every agency`,
      });
      continue;
    }
    await condition(() => state.decision === 'rescind' || allClosed() || suggested());
  }

  await condition(() => allHandlersFinished() && !gateSignalsInFlight);
  if (state.decision === 'rescind') {
    // Give the obligations time to confirm; the campaign ends either way.
    await condition(allClosed, '1 hour', { summary: 'rescinded: waiting for every obligation to confirm' });
  }
  return view();
}

interface Gate {
  milestoneId: string;
  dueAt: number;
  /** When an undecided gate is held: as the vendor's response window closes, well before the gate would open. */
  holdAt: number;
}

function gateOf(definition: DirectiveDefinition, schedule: Schedule): Gate | undefined {
  const milestoneId = definition.vendorResponse?.gates;
  const due = milestoneId && schedule.milestones.find((m) => m.id === milestoneId)?.dueAt;
  if (!milestoneId || !due) return undefined;
  const dueAt = Date.parse(due);
  const windowCloses = schedule.vendorResponseDueAt ? Date.parse(schedule.vendorResponseDueAt) : dueAt;
  return { milestoneId, dueAt, holdAt: Math.min(windowCloses, dueAt - GATE_LEAD_MS) };
}

function initialCampaign(input: CampaignInput): CampaignState {
  const first = input.schedule.milestones.find((m) => m.dueAt !== null)?.dueAt ?? null;
  return {
    started: [],
    rows: input.agencies.map((a) => ({
      agencyId: a.id,
      name: a.name,
      workflowId: obligationWorkflowId(input.definition.id, a.id),
      phase: 'starting',
      nextDeadline: first,
      overdue: false,
      escalationLevel: 0,
    })),
    amendments: [],
    decision: 'pending',
  };
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

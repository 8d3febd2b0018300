import type { DirectiveDefinition } from '../directive';
import type { Schedule } from '../calculus';
import { toIso } from '../epoch';
import { CampaignRefusal, type CampaignEvent, type SignalIntent } from './events';
import {
  campaignRulesAtLeast,
  gateOf,
  recordGateHold,
  type AgencyAmendmentResult,
  type AmendDirectiveResult,
  type CampaignAmendment,
  type CampaignState,
  type ObligationAmendment,
  type OpenAmendment,
} from './state';

/** What the reducer sees of the campaign's input: fixed for the campaign's whole life. */
export interface CampaignContext {
  definition: DirectiveDefinition;
  schedule: Schedule;
}

export interface CampaignReduction {
  state: CampaignState;
  /** `amend` signals to send now, in order. */
  signals: SignalIntent[];
  /** The update's answer when it needs no signal (a repeated amendmentId, an uphold before the gate was held). */
  reply?: AmendDirectiveResult;
}

/**
 * The campaign's rules in one function: state' = reduce(context, state, event). Pure and synchronous, so the
 * `amendDirective` validator runs it and discards the result (same rule, same message), and the workflow applies it.
 * The input state is never mutated: what changes is copied (rows are a thousand entries; a progress signal copies
 * the array of references, not the rows).
 */
export function reduceCampaign(ctx: CampaignContext, current: CampaignState, event: CampaignEvent): CampaignReduction {
  const state: CampaignState = { ...current };
  switch (event.type) {
    case 'started':
      if (!state.started.includes(event.agencyId)) state.started = [...state.started, event.agencyId];
      return { state, signals: [] };
    case 'progress': {
      const i = state.rows.findIndex((r) => r.agencyId === event.row.agencyId);
      if (i < 0) return { state, signals: [] };
      const rows = [...state.rows];
      // The campaign's agency name stands: an obligation's row cannot rename the agency.
      rows[i] = { ...event.row, name: rows[i]!.name };
      state.rows = rows;
      return { state, signals: [] };
    }
    case 'amend':
      return amend(ctx, state, event.at, event.amendment);
    case 'hold-gate':
      return holdGate(ctx, state, event.at);
    case 'delivery':
      return {
        state: withOutcome(state, event.amendmentId, event.agencyId, (o) => {
          if (o.outcome !== 'pending' && o.outcome !== 'awaiting') return o; // its answer came first
          if (!event.delivered) return { agencyId: o.agencyId, outcome: 'not-delivered', detail: event.detail };
          return { agencyId: o.agencyId, outcome: campaignRulesAtLeast(state, 2) ? 'awaiting' : 'signalled' };
        }),
        signals: [],
      };
    case 'outcome':
      return {
        state: withOutcome(state, event.amendmentId, event.agencyId, (o) =>
          o.outcome === 'pending' || o.outcome === 'awaiting'
            ? { agencyId: o.agencyId, outcome: event.outcome, detail: event.reason }
            : o,
        ),
        signals: [],
      };
    case 'answered': {
      const open = (state.open ?? []).find((a) => a.amendmentId === event.amendmentId);
      if (!open) return { state, signals: [] };
      state.open = (state.open ?? []).filter((a) => a !== open);
      return { state, signals: [], reply: resultOf(open) };
    }
  }
}

/** Whether an open amendment still waits for an agency's answer (false once answered or unknown). */
export function awaitingOutcomes(state: CampaignState, amendmentId: string): boolean {
  const open = (state.open ?? []).find((a) => a.amendmentId === amendmentId);
  return !!open && open.agencies.some((a) => a.outcome === 'pending' || a.outcome === 'awaiting');
}

/** The answer of an open amendment as it stands; agencies that have not answered are `no-answer`. */
function resultOf(open: OpenAmendment): AmendDirectiveResult {
  const agencies = open.agencies.map((a): AgencyAmendmentResult => {
    if (a.outcome === 'pending' || a.outcome === 'awaiting')
      return {
        agencyId: a.agencyId,
        outcome: 'no-answer',
        detail:
          a.outcome === 'awaiting'
            ? 'delivered, but the obligation did not confirm in time: see its history'
            : 'not sent',
      };
    return a.detail === undefined
      ? { agencyId: a.agencyId, outcome: a.outcome }
      : { agencyId: a.agencyId, outcome: a.outcome, detail: a.detail };
  });
  const result: AmendDirectiveResult = { amendmentId: open.amendmentId, kind: open.kind, agencies };
  if (open.detail !== undefined) result.detail = open.detail;
  return result;
}

function withOutcome(
  state: CampaignState,
  amendmentId: string,
  agencyId: string,
  update: (o: OpenAmendment['agencies'][number]) => OpenAmendment['agencies'][number],
): CampaignState {
  const open = state.open ?? [];
  const i = open.findIndex((a) => a.amendmentId === amendmentId || a.signalledAs === amendmentId);
  if (i < 0) return state; // not awaited (e.g. the campaign's own gate hold): nothing to record
  const amendment = open[i]!;
  const j = amendment.agencies.findIndex((a) => a.agencyId === agencyId);
  if (j < 0) return state;
  const agencies = [...amendment.agencies];
  agencies[j] = update(agencies[j]!);
  const next = [...open];
  next[i] = { ...amendment, agencies };
  return { ...state, open: next };
}

/** Checks an `amendDirective` (throws CampaignRefusal), then records it and says whom to signal. */
function amend(ctx: CampaignContext, state: CampaignState, at: number, a: CampaignAmendment): CampaignReduction {
  const { definition } = ctx;
  const directiveId = definition.id;
  const allAgencies = state.rows.map((r) => r.agencyId);
  const targets = a.kind === 'decide' || !a.agencies ? allAgencies : a.agencies;
  if (state.amendments.includes(a.amendmentId)) {
    const v2 = campaignRulesAtLeast(state, 2);
    return {
      state,
      signals: [],
      reply: {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: targets.map((agencyId) => ({ agencyId, outcome: v2 ? 'unchanged' : 'already-applied' })),
        ...(v2 ? { detail: `amendment ${a.amendmentId} was handled before: nothing changed` } : {}),
      },
    };
  }
  if (a.kind === 'decide') {
    if (!definition.vendorResponse) throw new CampaignRefusal(`${directiveId} has no vendor response to decide on`);
    if (state.decision !== 'pending')
      throw new CampaignRefusal(`the issuer's decision on the vendor's response was already made: ${state.decision}`);
  } else {
    const known = new Set(allAgencies);
    const unknown = (a.agencies ?? []).filter((id) => !known.has(id));
    if (unknown.length)
      throw new CampaignRefusal(
        `unknown agencies: ${unknown.join(', ')} (not bound by ${directiveId} in this campaign)`,
      );
  }
  if (state.decision === 'rescind') throw new CampaignRefusal(`${directiveId} was rescinded`);

  state.amendments = [...state.amendments, a.amendmentId];
  if (a.kind !== 'decide') {
    const { agencies: _targets, ...amendment } = a;
    return fanOut(state, a.amendmentId, a.kind, targets, amendment);
  }
  if (a.decision === 'rescind') {
    state.decision = 'rescind';
    const rescind: ObligationAmendment = {
      amendmentId: a.amendmentId,
      kind: 'rescind',
      reason: a.reason,
      directedBy: a.directedBy,
    };
    return fanOut(state, a.amendmentId, a.kind, targets, rescind, 'every obligation rescinded; the campaign ends');
  }
  state.decision = 'uphold';
  const gate = gateOf(definition, ctx.schedule);
  if (state.gateHeldAt === undefined || !gate) {
    return {
      state,
      signals: [],
      reply: {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: [],
        detail: `upheld before ${gate?.milestoneId ?? 'the gated milestone'} was held: it opens as scheduled`,
      },
    };
  }
  const resume: ObligationAmendment = {
    amendmentId: `${a.amendmentId}/resume`,
    kind: 'resume',
    milestoneId: gate.milestoneId,
    reason: a.reason,
    directedBy: a.directedBy,
  };
  if (!campaignRulesAtLeast(state, 2)) {
    // Version 1: reopened at its scheduled instant if that is still ahead, else now (every agency due at once).
    const reopensAt = Math.max(gate.dueAt, at);
    resume.newDueAt = toIso(reopensAt);
    return fanOut(
      state,
      a.amendmentId,
      a.kind,
      targets,
      resume,
      `${gate.milestoneId} resumed for every agency, due ${toIso(reopensAt)}`,
    );
  }
  // Version 2: no new date. Each obligation keeps its own deadline (an agency's extension stands) and moves it by
  // the time held, so a late decision never makes the milestone due at once; the obligation records the resume.
  return fanOut(
    state,
    a.amendmentId,
    a.kind,
    targets,
    resume,
    `${gate.milestoneId} resumed for every agency: each keeps its own deadline, moved by the days it was held`,
  );
}

function fanOut(
  state: CampaignState,
  amendmentId: string,
  kind: string,
  agencies: string[],
  amendment: ObligationAmendment,
  detail?: string,
): CampaignReduction {
  const open: OpenAmendment = {
    amendmentId,
    kind,
    agencies: agencies.map((agencyId) => ({ agencyId, outcome: 'pending' })),
  };
  if (detail !== undefined) open.detail = detail;
  if (amendment.amendmentId !== amendmentId) open.signalledAs = amendment.amendmentId;
  state.open = [...(state.open ?? []), open];
  return { state, signals: [{ amendmentId: amendment.amendmentId, agencies, amendment }] };
}

/** The window closed undecided: hold the gated milestone for every agency whose obligation exists. */
function holdGate(ctx: CampaignContext, state: CampaignState, at: number): CampaignReduction {
  const amendment = recordGateHold(ctx.definition, ctx.schedule, state, at);
  if (!amendment) return { state, signals: [] };
  return { state, signals: [{ amendmentId: amendment.amendmentId, agencies: [...state.started], amendment }] };
}

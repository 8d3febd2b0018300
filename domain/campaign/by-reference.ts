/**
 * A campaign whose agencies come by reference (a stored agencies file named by its SHA-256, read in pages): its state
 * holds only what stays small whatever the number of agencies — how far the fan-out got, how many obligations ended,
 * the amendments handled and the issuer's decision. Per-agency rows are where the obligations publish them (Temporal
 * visibility: DirectiveId, AgencyId, ObligationPhase, NextDeadline, Overdue), so nothing here is per agency.
 * Plain data and exact instants only (epoch ms): workflow code imports this.
 */
import type { Agency } from '../agency';
import type { Schedule } from '../calculus';
import type { DirectiveDefinition } from '../directive';
import { CampaignRefusal } from './events';
import {
  CAMPAIGN_RULES,
  TERMINAL_PHASES,
  gateOf,
  recordGateHold,
  type AmendDirectiveResult,
  type CampaignAgencyRow,
  type CampaignAmendment,
  type ObligationAmendment,
} from './state';
import { vendorResponseView, type CampaignStatus } from './view';

/** The agencies file a campaign reads: its content's SHA-256 (hex) and how many agencies it lists. */
export interface AgenciesRef {
  sha256: string;
  count: number;
}

/** The most agencies one page holds (about 200 bytes each: a page stays near 100 KB). */
export const MAX_AGENCY_PAGE = 500;

export interface AgencyPageRequest {
  sha256: string;
  offset: number;
  limit: number;
}
export interface AgencyPage {
  agencies: Agency[];
  total: number;
}
/** Why a page read from the store is not from the file the campaign counted; undefined when it is. */
export function agencyPageMismatch(ref: AgenciesRef, offset: number, page: AgencyPage): string | undefined {
  if (page.total === ref.count && (page.agencies.length > 0 || offset >= ref.count)) return undefined;
  return `agencies ${ref.sha256} list ${page.total} agencies, the campaign expected ${ref.count}`;
}

export interface UnknownAgenciesRequest {
  sha256: string;
  agencyIds: string[];
}

export interface ReferenceCampaignState {
  /** Agencies whose obligation exists (started, or found already started), counted in the file's order. */
  started: number;
  /** Obligations known to have ended: they reported a closing phase, or a restarted campaign found them ended. */
  closed: number;
  /** amendmentIds handled, in order (including the campaign's own vendor-response hold). */
  amendments: string[];
  decision: 'pending' | 'uphold' | 'rescind';
  gateHeldAt?: number;
  /** The campaign rules (see CampaignState.rulesVersion); by-reference campaigns start at version 2. */
  rulesVersion: number;
}

export interface ReferenceContext {
  definition: DirectiveDefinition;
  schedule: Schedule;
  agencies: AgenciesRef;
}

export type ReferenceEvent =
  /** These many more agencies, the next in the file, have an obligation. */
  | { type: 'started'; count: number }
  /** An obligation's row (its progress signal): a closing phase means it has ended. */
  | { type: 'progress'; row: CampaignAgencyRow }
  /** A restarted campaign found an obligation already ended. */
  | { type: 'found-closed' }
  | { type: 'amend'; at: number; amendment: CampaignAmendment }
  | { type: 'hold-gate'; at: number };

/** Whom an amendment goes to: every agency of the file (paged), or the named ones. */
export interface ReferenceSignalIntent {
  amendmentId: string;
  targets: 'all' | string[];
  amendment: ObligationAmendment;
  /** What the answer says beyond the outcomes. */
  detail?: string;
}

export interface ReferenceReduction {
  state: ReferenceCampaignState;
  signals: ReferenceSignalIntent[];
  reply?: AmendDirectiveResult;
}

export function initialReferenceCampaign(rulesVersion: number = CAMPAIGN_RULES): ReferenceCampaignState {
  return { started: 0, closed: 0, amendments: [], decision: 'pending', rulesVersion };
}

/** The by-reference campaign's rules: pure and synchronous, so the update's validator runs them on a copy. */
export function reduceReference(
  ctx: ReferenceContext,
  current: ReferenceCampaignState,
  event: ReferenceEvent,
): ReferenceReduction {
  const state: ReferenceCampaignState = { ...current };
  const total = ctx.agencies.count;
  switch (event.type) {
    case 'started':
      state.started = Math.min(total, state.started + event.count);
      return { state, signals: [] };
    case 'progress':
      // Only a closing phase counts: an obligation ends once, and its last row is the one that says so.
      if (TERMINAL_PHASES.includes(event.row.phase)) state.closed = Math.min(total, state.closed + 1);
      return { state, signals: [] };
    case 'found-closed':
      state.closed = Math.min(total, state.closed + 1);
      return { state, signals: [] };
    case 'amend':
      return amend(ctx, state, event.amendment);
    case 'hold-gate':
      return holdGate(ctx, state, event.at);
  }
}

function amend(ctx: ReferenceContext, state: ReferenceCampaignState, a: CampaignAmendment): ReferenceReduction {
  const { definition } = ctx;
  const directiveId = definition.id;
  const named = a.kind !== 'decide' && a.agencies ? a.agencies : undefined;
  if (state.amendments.includes(a.amendmentId)) {
    const count = named?.length ?? ctx.agencies.count;
    return {
      state,
      signals: [],
      reply: {
        amendmentId: a.amendmentId,
        kind: a.kind,
        agencies: (named ?? []).slice(0, MAX_ANSWER_ROWS).map((agencyId) => ({ agencyId, outcome: 'unchanged' })),
        outcomes: { unchanged: count },
        omitted: Math.max(0, (named?.length ?? 0) - MAX_ANSWER_ROWS),
        detail: `amendment ${a.amendmentId} was handled before: nothing changed`,
      },
    };
  }
  if (state.decision === 'rescind') throw new CampaignRefusal(`${directiveId} was rescinded`);
  if (a.kind === 'decide') {
    if (!definition.vendorResponse) throw new CampaignRefusal(`${directiveId} has no vendor response to decide on`);
    if (state.decision !== 'pending')
      throw new CampaignRefusal(`the issuer's decision on the vendor's response was already made: ${state.decision}`);
  }
  state.amendments = [...state.amendments, a.amendmentId];
  if (a.kind !== 'decide') {
    const { agencies: _named, ...amendment } = a;
    return { state, signals: [{ amendmentId: a.amendmentId, targets: named ?? 'all', amendment }] };
  }
  if (a.decision === 'rescind') {
    state.decision = 'rescind';
    const rescind: ObligationAmendment = {
      amendmentId: a.amendmentId,
      kind: 'rescind',
      reason: a.reason,
      directedBy: a.directedBy,
    };
    return {
      state,
      signals: [
        {
          amendmentId: a.amendmentId,
          targets: 'all',
          amendment: rescind,
          detail: 'every obligation rescinded; the campaign ends',
        },
      ],
    };
  }
  state.decision = 'uphold';
  const gate = gateOf(definition, ctx.schedule);
  if (state.gateHeldAt === undefined || !gate)
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
  // Rules version 2 (the only ones a by-reference campaign runs): no new date, each obligation moves its own deadline
  // by the days held.
  return {
    state,
    signals: [
      {
        amendmentId: a.amendmentId,
        targets: 'all',
        amendment: {
          amendmentId: `${a.amendmentId}/resume`,
          kind: 'resume',
          milestoneId: gate.milestoneId,
          reason: a.reason,
          directedBy: a.directedBy,
        },
        detail: `${gate.milestoneId} resumed for every agency: each keeps its own deadline, moved by the days it was held`,
      },
    ],
  };
}

function holdGate(ctx: ReferenceContext, state: ReferenceCampaignState, at: number): ReferenceReduction {
  const amendment = recordGateHold(ctx.definition, ctx.schedule, state, at);
  if (!amendment) return { state, signals: [] };
  return { state, signals: [{ amendmentId: amendment.amendmentId, targets: 'all', amendment }] };
}

/** At most this many agencies are named in an `amendDirective` answer (exceptions first); the rest are counted. */
export const MAX_ANSWER_ROWS = 500;

/** Every obligation exists and has ended: the campaign is over. */
export function allReferenceClosed(ctx: ReferenceContext, state: ReferenceCampaignState): boolean {
  return state.started >= ctx.agencies.count && state.closed >= ctx.agencies.count;
}

/**
 * The `campaignStatus` answer of a by-reference campaign: what the campaign itself knows. Rows, counts by phase and
 * the overdue count are in visibility (`rowsFrom: 'visibility'`); `directive campaign status` adds them.
 */
export function referenceView(ctx: ReferenceContext, state: ReferenceCampaignState): CampaignStatus {
  const { definition, schedule } = ctx;
  const notStarted = ctx.agencies.count - state.started;
  return {
    directiveId: definition.id,
    issuedAt: schedule.issuedAt,
    agencies: [],
    countsByPhase: notStarted > 0 ? { starting: notStarted } : {},
    overdue: null,
    vendorResponse: vendorResponseView(definition, schedule, state),
    amendments: [...state.amendments],
    rowsFrom: 'visibility',
    nextCursor: null,
    agencyCount: ctx.agencies.count,
    started: state.started,
    closed: state.closed,
    agenciesSha256: ctx.agencies.sha256,
  };
}

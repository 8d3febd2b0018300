/**
 * The whole state of one directive's campaign: one serialisable value, carried whole across continue-as-new. Like the
 * obligation's (domain/obligation/), the rules live in a pure reducer over it; the workflow starts the obligations,
 * sends the signals the reducer asks for and feeds it what comes back.
 * Plain data and exact instants only (epoch ms): workflow code imports this.
 */
import type { Agency } from '../agency';
import type { Schedule } from '../calculus';
import type { DirectiveDefinition } from '../directive';
import type { AmendmentKind } from '../vocabulary';

/** One agency's row, as its obligation reports it (the `obligationProgress` signal) and `campaignStatus` shows it. */
export interface CampaignAgencyRow {
  agencyId: string;
  name: string;
  workflowId: string;
  phase: string;
  nextDeadline: string | null;
  overdue: boolean;
  escalationLevel: number;
}

/**
 * What an amendment did to one agency's obligation. Rules version 2: `applied`; `unchanged` (this amendmentId was
 * applied before, so nothing changed); `refused` (the obligation's reducer refused it: `detail` is its reason);
 * `not-delivered` (the obligation has ended); `no-answer` (delivered, but the obligation did not confirm in time:
 * its history says what happened). Version 1 campaigns answer `signalled` and `already-applied` instead.
 */
export type AgencyOutcome = 'applied' | 'unchanged' | 'refused' | 'not-delivered' | 'no-answer';
export type LegacyAgencyOutcome = 'signalled' | 'already-applied';
/** What an obligation tells its campaign after handling an amendment (the `amendmentOutcome` signal). */
export type ObligationAmendmentOutcome = Extract<AgencyOutcome, 'applied' | 'unchanged' | 'refused'>;

export interface AgencyAmendmentResult {
  agencyId: string;
  outcome: AgencyOutcome | LegacyAgencyOutcome;
  detail?: string;
}

/** The `amendDirective` update's answer: what the amendment did, agency by agency. */
export interface AmendDirectiveResult {
  amendmentId: string;
  kind: string;
  agencies: AgencyAmendmentResult[];
  /** Anything worth telling beyond the per-agency outcomes, e.g. "uphold before the gate: remove opens as scheduled". */
  detail?: string;
  /** By-reference campaigns: how many agencies had each outcome (all of them, named in `agencies` or not). */
  outcomes?: Partial<Record<AgencyOutcome, number>>;
  /** By-reference campaigns: agencies left out of `agencies` to keep the answer small (counted in `outcomes`). */
  omitted?: number;
}

/**
 * An amendment the campaign fanned out and whose outcomes it is collecting. `awaiting` agencies were signalled and
 * have not answered yet; `pending` ones have not been signalled yet.
 */
export interface OpenAmendment {
  amendmentId: string;
  /** The id the obligations see, when it is not `amendmentId` (an uphold resumes as `<amendmentId>/resume`). */
  signalledAs?: string;
  kind: string;
  detail?: string;
  agencies: {
    agencyId: string;
    outcome: AgencyOutcome | LegacyAgencyOutcome | 'pending' | 'awaiting';
    detail?: string;
  }[];
}

/** The `amend` signal's payload, as the campaign sends it to one obligation (workflows/messages.ts `AmendInput`). */
export interface ObligationAmendment {
  amendmentId: string;
  kind: AmendmentKind;
  milestoneId?: string;
  /** ISO-8601 date or date-time: the obligation's resolveDeadline activity reads it. */
  newDueAt?: string;
  extendByDays?: number;
  reason: string;
  directedBy: string;
}

/** An `amendDirective` payload after parsing: a per-agency kind for all or the named agencies, or the decision. */
export type CampaignAmendment =
  | (ObligationAmendment & { agencies?: string[] })
  | {
      amendmentId: string;
      kind: 'decide';
      decision: 'uphold' | 'rescind';
      reason: string;
      directedBy: string;
    };

/**
 * Everything a campaign knows. The obligations are abandoned children (they outlive the campaign and its restarts),
 * so the campaign holds no handles worth keeping: its state is the rows they report, which agencies' obligations
 * exist, and the amendments and decision it has handled. Fields added later are optional, so a state carried over
 * from an older run still reads.
 */
export interface CampaignState {
  /** Agencies whose obligation exists: started by this campaign, or found already started (a restart). */
  started: string[];
  /** One per agency, in the order of the campaign's agencies; `phase: 'starting'` until the obligation reports. */
  rows: CampaignAgencyRow[];
  /** amendmentIds handled, in order (including the campaign's own vendor-response hold). */
  amendments: string[];
  decision: 'pending' | 'uphold' | 'rescind';
  /** When the campaign held the gated milestone for every agency (ms since epoch), if it did. */
  gateHeldAt?: number;
  /**
   * The rules this campaign started under; absent means 1. Version 2 (issue 9): amendments report each obligation's
   * outcome (`applied`, `unchanged`, `refused` with its reason) and an uphold resumes the held milestone without a
   * new date, so each obligation keeps its own deadline (moved by the time held). Chosen with
   * `patched('campaign-rules-v2')`, so a campaign started before keeps version 1 and its history replays.
   */
  rulesVersion?: number;
  /** Version 2: amendments being fanned out, whose outcomes the update handler is waiting for. */
  open?: OpenAmendment[];
}

export const CAMPAIGN_RULES = 2;

export const campaignRulesAtLeast = (state: CampaignState, version: number): boolean =>
  (state.rulesVersion ?? 1) >= version;

/** Phases of an obligation that has ended. */
export const TERMINAL_PHASES: readonly string[] = ['completed', 'rescinded'];

/** At the latest, the campaign holds an undecided gate this long before it opens, so it never opens undecided. */
export const GATE_LEAD_MS = 60_000;
export const GATE_HOLD_REASON = "awaiting the issuer's decision on the vendor's response";

/**
 * Public workflow ids, by which operators and the CLI address workflows: `<directiveId>` for a campaign,
 * `<directiveId>/<agencyId>` for an obligation.
 */
export const campaignWorkflowId = (directiveId: string): string => directiveId;
export const obligationWorkflowId = (directiveId: string, agencyId: string): string => `${directiveId}/${agencyId}`;

/** The campaign's id for the hold it puts on the gated milestone when the vendor-response window closes undecided. */
export const gateHoldAmendmentId = (directiveId: string): string => `${directiveId}/vendor-response/hold`;

/** The vendor-response gate: the milestone the issuer's decision opens, and when an undecided one is held. */
export interface Gate {
  milestoneId: string;
  dueAt: number;
  /** When an undecided gate is held: as the vendor's response window closes, well before the gate would open. */
  holdAt: number;
}

export function gateOf(definition: DirectiveDefinition, schedule: Schedule): Gate | undefined {
  const milestoneId = definition.vendorResponse?.gates;
  const due = milestoneId && schedule.milestones.find((m) => m.id === milestoneId)?.dueAt;
  if (!milestoneId || !due) return undefined;
  const dueAt = Date.parse(due);
  const windowCloses = schedule.vendorResponseDueAt ? Date.parse(schedule.vendorResponseDueAt) : dueAt;
  return { milestoneId, dueAt, holdAt: Math.min(windowCloses, dueAt - GATE_LEAD_MS) };
}

/**
 * The window closed undecided: records the hold on the campaign's state (inline or by reference) and returns the
 * amendment that holds the gated milestone; undefined, and nothing recorded, when there is nothing to hold.
 */
export function recordGateHold(
  definition: DirectiveDefinition,
  schedule: Schedule,
  state: Pick<CampaignState, 'decision' | 'gateHeldAt' | 'amendments'>,
  at: number,
): ObligationAmendment | undefined {
  const gate = gateOf(definition, schedule);
  if (!gate || state.decision !== 'pending' || state.gateHeldAt !== undefined) return undefined;
  const directiveId = definition.id;
  const amendmentId = gateHoldAmendmentId(directiveId);
  state.gateHeldAt = at;
  if (!state.amendments.includes(amendmentId)) state.amendments = [...state.amendments, amendmentId];
  return {
    amendmentId,
    kind: 'hold',
    milestoneId: gate.milestoneId,
    reason: GATE_HOLD_REASON,
    directedBy: `${directiveId} campaign`,
  };
}

/** The state at the start of a campaign: a `starting` row per agency, showing the first deadline. */
export function initialCampaign(
  definition: DirectiveDefinition,
  agencies: Agency[],
  schedule: Schedule,
  rulesVersion: number = CAMPAIGN_RULES,
): CampaignState {
  const first = schedule.milestones.find((m) => m.dueAt !== null)?.dueAt ?? null;
  return {
    started: [],
    rows: agencies.map((a) => ({
      agencyId: a.id,
      name: a.name,
      workflowId: obligationWorkflowId(definition.id, a.id),
      phase: 'starting',
      nextDeadline: first,
      overdue: false,
      escalationLevel: 0,
    })),
    amendments: [],
    decision: 'pending',
    rulesVersion,
    open: rulesVersion >= 2 ? [] : undefined,
  };
}

import { toIso } from '../epoch';
import type { CampaignContext } from './reduce';
import { TERMINAL_PHASES, type CampaignAgencyRow, type CampaignState } from './state';

/** The `campaignStatus` query's answer (public: `directive campaign status --json` prints it). */
export interface CampaignStatus {
  directiveId: string;
  issuedAt: string;
  agencies: CampaignAgencyRow[];
  countsByPhase: Record<string, number>;
  overdue: number;
  /** `gates`: the milestone the decision opens; `heldSince`: when the campaign held it, undecided (null if not). */
  vendorResponse?: {
    dueAt: string | null;
    decision: 'pending' | 'uphold' | 'rescind';
    gates?: string;
    heldSince?: string | null;
  };
  amendments: string[];
}

export function campaignView(ctx: CampaignContext, state: CampaignState): CampaignStatus {
  const { definition, schedule } = ctx;
  const countsByPhase: Record<string, number> = {};
  for (const r of state.rows) countsByPhase[r.phase] = (countsByPhase[r.phase] ?? 0) + 1;
  return {
    directiveId: definition.id,
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
}

/** Every agency's obligation exists and has ended (completed or rescinded): the campaign is over. */
export function allClosed(state: CampaignState): boolean {
  return state.started.length >= state.rows.length && state.rows.every((r) => TERMINAL_PHASES.includes(r.phase));
}

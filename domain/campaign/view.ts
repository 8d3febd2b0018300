import type { Schedule } from '../calculus';
import type { DirectiveDefinition } from '../directive';
import { toIso } from '../epoch';
import type { CampaignContext } from './reduce';
import { TERMINAL_PHASES, type CampaignAgencyRow, type CampaignState } from './state';

/** The `campaignStatus` query's answer (public: `directive campaign status --json` prints it). */
export interface CampaignStatus {
  directiveId: string;
  issuedAt: string;
  agencies: CampaignAgencyRow[];
  countsByPhase: Record<string, number>;
  /** null when the campaign does not hold rows (`rowsFrom: 'visibility'`): count `Overdue=true` there. */
  overdue: number | null;
  /** `gates`: the milestone the decision opens; `heldSince`: when the campaign held it, undecided (null if not). */
  vendorResponse?: {
    dueAt: string | null;
    decision: 'pending' | 'uphold' | 'rescind';
    gates?: string;
    heldSince?: string | null;
  };
  amendments: string[];
  /**
   * Where the per-agency rows are: `campaign` (this answer, a page at a time: `nextCursor` asks for the next) or
   * `visibility` (a by-reference campaign: the obligations' search attributes; `directive campaign status` reads them).
   */
  rowsFrom?: 'campaign' | 'visibility';
  /** The cursor of the next page of `agencies`, or null after the last. */
  nextCursor?: string | null;
  /** By-reference campaigns: agencies in the stored file, obligations started and obligations ended. */
  agencyCount?: number;
  started?: number;
  closed?: number;
  /** By-reference campaigns: the stored agencies file (AGENCIES_STORE_DIR/<sha256>.jsonl). */
  agenciesSha256?: string;
}

/** The `campaignStatus` query's optional argument: a page of rows. */
export interface CampaignStatusPage {
  /** From a previous answer's `nextCursor`; absent = the first page. */
  cursor?: string;
  /** Rows per page: 1 to MAX_STATUS_ROWS, default DEFAULT_STATUS_ROWS. */
  limit?: number;
}
export const DEFAULT_STATUS_ROWS = 1000;
export const MAX_STATUS_ROWS = 5000;

/**
 * The `campaignStatus` answer of a campaign that holds its rows (agencies given inline): counts over every row, the
 * rows a page at a time. The cursor is the offset of the page's first row; one that is not is refused by name.
 */
export function campaignView(
  ctx: CampaignContext,
  state: CampaignState,
  page: CampaignStatusPage = {},
): CampaignStatus {
  const { definition, schedule } = ctx;
  const countsByPhase: Record<string, number> = {};
  for (const r of state.rows) countsByPhase[r.phase] = (countsByPhase[r.phase] ?? 0) + 1;
  const { offset, limit } = pageBounds(page);
  const next = offset + limit;
  return {
    directiveId: definition.id,
    issuedAt: schedule.issuedAt,
    agencies: state.rows.slice(offset, next).map((r) => ({ ...r })),
    countsByPhase,
    overdue: state.rows.filter((r) => r.overdue).length,
    vendorResponse: vendorResponseView(definition, schedule, state),
    amendments: [...state.amendments],
    rowsFrom: 'campaign',
    nextCursor: next < state.rows.length ? String(next) : null,
  };
}

/** The vendor-response part of a `campaignStatus` answer (inline or by reference), when the directive has one. */
export function vendorResponseView(
  definition: DirectiveDefinition,
  schedule: Schedule,
  state: Pick<CampaignState, 'decision' | 'gateHeldAt'>,
): CampaignStatus['vendorResponse'] {
  if (!definition.vendorResponse) return undefined;
  return {
    dueAt: schedule.vendorResponseDueAt ?? null,
    decision: state.decision,
    gates: definition.vendorResponse.gates,
    heldSince: toIso(state.gateHeldAt),
  };
}

function pageBounds(page: CampaignStatusPage | null | undefined): { offset: number; limit: number } {
  const cursor = page?.cursor ?? '0';
  if (!/^\d{1,9}$/.test(cursor)) throw new TypeError(`cursor: "${cursor}" is not a cursor from a previous answer`);
  const limit = page?.limit ?? DEFAULT_STATUS_ROWS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STATUS_ROWS)
    throw new TypeError(`limit: expected a whole number from 1 to ${MAX_STATUS_ROWS} (got ${String(limit)})`);
  return { offset: Number(cursor), limit };
}

/** Every agency's obligation exists and has ended (completed or rescinded): the campaign is over. */
export function allClosed(state: CampaignState): boolean {
  return state.started.length >= state.rows.length && state.rows.every((r) => TERMINAL_PHASES.includes(r.phase));
}

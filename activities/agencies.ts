/**
 * The campaign's window on its agencies: pages of the stored agencies file (activities/agencies-store.ts), so the
 * workflow holds one page at a time and its history records pages, never the whole list.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Agency } from '../domain/agency';
import {
  MAX_AGENCY_PAGE,
  type AgencyPage,
  type AgencyPageRequest,
  type UnknownAgenciesRequest,
} from '../domain/campaign';
import { AgenciesStoreError, agenciesCache } from './agencies-store';

export const AgenciesNotStored = 'AgenciesNotStored';

export function createAgencyActivities(storeDir: string) {
  const load = agenciesCache(storeDir);

  /** A missing or mismatched file is retried: an operator can copy the right one into place. */
  async function stored(sha256: string): Promise<Agency[]> {
    try {
      return await load(sha256);
    } catch (err) {
      if (err instanceof AgenciesStoreError) throw ApplicationFailure.retryable(err.message, AgenciesNotStored);
      throw err;
    }
  }

  return {
    /** At most `limit` (≤ MAX_AGENCY_PAGE) agencies from `offset`, in the file's order, and how many there are. */
    async readAgencyPage(req: AgencyPageRequest): Promise<AgencyPage> {
      const all = await stored(req.sha256);
      const limit = Math.max(0, Math.min(req.limit, MAX_AGENCY_PAGE));
      return { agencies: all.slice(req.offset, req.offset + limit), total: all.length };
    },
    /** The ids among `agencyIds` that the stored file does not list (an amendment naming them is refused). */
    async unknownAgencies(req: UnknownAgenciesRequest): Promise<string[]> {
      const ids = new Set((await stored(req.sha256)).map((a) => a.id));
      return req.agencyIds.filter((id) => !ids.has(id));
    },
  };
}

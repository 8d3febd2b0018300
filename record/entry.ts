/**
 * What the compliance record keeps of an obligation's history: one entry per history entry, in order, with who did it
 * and the evidence it came with (names and SHA-256 of the files, never their bytes). Pure and free of Node: the
 * workflow bundle imports it to turn the new history entries of a step into a batch for the `appendRecord` activity.
 */
import type { Actor } from '../domain/actor';
import { toIso } from '../domain/epoch';
import type { Evidence } from '../domain/evidence';
import type { HistoryEntry, ObligationState } from '../domain/obligation/state';

/** The evidence a report named: its summary and link, and each file's name, size, media type and SHA-256. */
export interface RecordEvidence {
  summary: string;
  uri?: string;
  sha256?: string;
  files?: { name: string; size: number; mediaType: string; sha256: string }[];
}

/** An entry as the workflow sends it: everything the hash covers. */
export interface RecordEntryBody {
  /** The obligation's workflow id, `<directiveId>/<agencyId>` (e.g. `BOD-17-01/DOJ`). */
  obligationId: string;
  directiveId: string;
  agencyId: string;
  /** The entry's index in the obligation's history, from 0 (`issued`): the event's idempotency key. */
  seq: number;
  /** ISO-8601 UTC. */
  at: string;
  /** The history's event: issued, submitted, rejected, approved, completed, amended:extend, escalated, notice:… */
  event: string;
  milestoneId?: string;
  detail?: string;
  actor?: Actor;
  evidence?: RecordEvidence;
}

/** An entry as the store keeps it: the body, chained to the entry before it. */
export interface RecordEntry extends RecordEntryBody {
  /** The previous entry's hash, or GENESIS_HASH for seq 0. */
  previousHash: string;
  /** SHA-256, hex, of previousHash ‖ the body's RFC 8785 canonical JSON. */
  hash: string;
}

/** The previous hash of an obligation's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The record entries for history entries `from` up to `to` (exclusive; default all), none when there are none. */
export function recordEntries(
  state: ObligationState,
  obligationId: string,
  from: number,
  to = state.history.length,
): RecordEntryBody[] {
  return state.history.slice(from, to).map((h, i) => entryBody(state, obligationId, from + i, h));
}

function entryBody(state: ObligationState, obligationId: string, seq: number, h: HistoryEntry): RecordEntryBody {
  const evidence = evidenceOf(state, h);
  return {
    obligationId,
    directiveId: state.directiveId,
    agencyId: state.agencyId,
    seq,
    at: toIso(h.at),
    event: h.event,
    ...(h.milestoneId !== undefined && { milestoneId: h.milestoneId }),
    ...(h.detail !== undefined && { detail: h.detail }),
    ...(h.actor !== undefined && { actor: h.actor }),
    ...(evidence && { evidence }),
  };
}

/** A report's history entry (submitted, or completed without review) is paired with the round it recorded. */
function evidenceOf(state: ObligationState, h: HistoryEntry): RecordEvidence | undefined {
  if (h.milestoneId === undefined || (h.event !== 'submitted' && h.event !== 'completed')) return undefined;
  const m = state.milestones.find((x) => x.id === h.milestoneId);
  const round = m?.submissions?.find((s) => s.reportedAt === h.at);
  return round?.evidence && recordEvidence(round.evidence);
}

function recordEvidence(e: Evidence): RecordEvidence {
  return {
    summary: e.summary,
    ...(e.uri !== undefined && { uri: e.uri }),
    ...(e.sha256 !== undefined && { sha256: e.sha256 }),
    ...(e.files !== undefined && {
      files: e.files.map((f) => ({ name: f.name, size: f.size, mediaType: f.mediaType, sha256: f.sha256 })),
    }),
  };
}

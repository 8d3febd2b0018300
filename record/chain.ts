/**
 * The hash chain: each entry's hash covers the previous entry's hash and the entry's canonical JSON, so changing,
 * removing or reordering any entry changes every hash after it, and the head hash vouches for the whole record.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, type RecordEntry, type RecordEntryBody } from './entry';

/** SHA-256, hex, of `previousHash` (its 64 hex characters) followed by the body's RFC 8785 canonical JSON, UTF-8. */
export function entryHash(previousHash: string, body: RecordEntryBody): string {
  return createHash('sha256').update(previousHash, 'utf8').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The body an entry's hash covers: the entry without its two chain fields. */
export function bodyOf(entry: RecordEntry): RecordEntryBody {
  const { previousHash: _previous, hash: _hash, ...body } = entry;
  return body;
}

export function chained(previousHash: string, body: RecordEntryBody): RecordEntry {
  return { ...body, previousHash, hash: entryHash(previousHash, body) };
}

/** The last entry of a chain: what the portal shows and exports name. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Why a chain does not hold, naming the entry (its position in the file, counted from 1, and its seq). */
export interface ChainFault {
  line: number;
  seq?: number;
  problem: string;
}

/**
 * Checks a whole chain from its first entry: seqs 0, 1, 2… in order, each previousHash the hash before it, each hash
 * recomputed. Returns the first fault, or none.
 */
export function checkChain(entries: RecordEntry[], obligationId?: string): ChainFault | undefined {
  let previous = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    const at = { line: i + 1, seq: typeof e.seq === 'number' ? e.seq : undefined };
    if (obligationId !== undefined && e.obligationId !== obligationId)
      return { ...at, problem: `belongs to obligation ${String(e.obligationId)}, not ${obligationId}` };
    if (e.seq !== i) return { ...at, problem: `has seq ${String(e.seq)} where seq ${i} belongs (missing or moved)` };
    if (e.previousHash !== previous)
      return { ...at, problem: `previousHash does not match the hash of the entry before it` };
    if (entryHash(previous, bodyOf(e)) !== e.hash)
      return { ...at, problem: `hash does not match its content (the entry was altered)` };
    previous = e.hash;
  }
  return undefined;
}

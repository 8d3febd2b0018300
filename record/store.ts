/**
 * The record store's contract, kept by every backend (a directory of JSON Lines files, PostgreSQL): append-only, one
 * chain per obligation, idempotent by (obligation, seq). An entry already recorded is never rewritten; a batch that
 * repeats it with the same content changes nothing, with other content it is refused.
 */
import { canonicalJson } from './canonical-json';
import { bodyOf, chained, type ChainHead } from './chain';
import { GENESIS_HASH, type RecordEntry, type RecordEntryBody } from './entry';

export interface AppendResult {
  /** How many entries this call added (0 when a retried batch found them all recorded). */
  appended: number;
  head: ChainHead;
}

export interface RecordStore {
  /** Where the record lives, for messages: "directory /srv/record" or "PostgreSQL". */
  readonly description: string;
  /** Appends one obligation's entries, in seq order; entries already recorded are checked, not written again. */
  append(batch: RecordEntryBody[]): Promise<AppendResult>;
  /** The obligation's whole chain, oldest first (empty when nothing is recorded). */
  entries(obligationId: string): Promise<RecordEntry[]>;
  /** The obligation's last entry, or none. */
  head(obligationId: string): Promise<ChainHead | undefined>;
  /** The obligations recorded for a directive (and agency), sorted. */
  obligations(filter: { directiveId: string; agencyId?: string }): Promise<string[]>;
  close(): Promise<void>;
}

/** A batch that contradicts the record: an entry already recorded with other content. Retrying cannot help. */
export class RecordConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordConflictError';
  }
}

/** A batch that does not follow the record (entries before it are missing) or is malformed. */
export class RecordBatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordBatchError';
  }
}

/** The obligation of a batch, after checking that it is one obligation's entries with consecutive seqs. */
export function batchObligation(batch: RecordEntryBody[]): string {
  const first = batch[0];
  if (!first) throw new RecordBatchError('an empty batch');
  batch.forEach((b, i) => {
    if (b.obligationId !== first.obligationId)
      throw new RecordBatchError(`a batch mixes obligations ${first.obligationId} and ${b.obligationId}`);
    if (!Number.isInteger(b.seq) || b.seq !== first.seq + i)
      throw new RecordBatchError(`${first.obligationId}: seq ${b.seq} breaks the batch's order`);
  });
  return first.obligationId;
}

/**
 * What to write for a batch, given the chain's head and its recorded entries from the batch's first seq on: the
 * entries after the head, chained. Recorded ones must match exactly (a retry); a batch starting past the head is
 * refused (entries would be missing).
 */
export function entriesToAppend(
  head: ChainHead | undefined,
  recorded: Map<number, RecordEntry>,
  batch: RecordEntryBody[],
): RecordEntry[] {
  const obligationId = batchObligation(batch);
  let next = head ? head.seq + 1 : 0;
  let previous = head?.hash ?? GENESIS_HASH;
  const fresh: RecordEntry[] = [];
  for (const body of batch) {
    if (body.seq < next) {
      const kept = recorded.get(body.seq);
      if (!kept || canonicalJson(bodyOf(kept)) !== canonicalJson(body))
        throw new RecordConflictError(`${obligationId}: entry ${body.seq} is already recorded with other content`);
      continue;
    }
    if (body.seq > next)
      throw new RecordBatchError(`${obligationId}: entry ${body.seq} would follow ${next - 1}; entries are missing`);
    const entry = chained(previous, body);
    fresh.push(entry);
    previous = entry.hash;
    next++;
  }
  return fresh;
}

/** The head after appending `fresh` to a chain whose head was `head`. */
export function headAfter(head: ChainHead | undefined, fresh: RecordEntry[]): ChainHead {
  const last = fresh[fresh.length - 1];
  if (last) return { seq: last.seq, hash: last.hash };
  if (!head) throw new RecordBatchError('nothing recorded and nothing to append');
  return head;
}

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { fileStemFor } from './notice-key';

/** What the ledger remembers about a notice that must never go out again. */
export type SentRecord = {
  key: string;
  kind: string;
  /** `sent`: a server accepted it (or it was written to the outbox); `rejected`: refused for good, not to be retried. */
  outcome: 'sent' | 'rejected';
  messageId: string;
  rejected: string[];
  detail?: string;
  transport: 'smtp' | 'outbox';
  recordedAt: string;
};

export type SentInfo = Omit<SentRecord, 'key' | 'recordedAt'>;

export interface SentLedger {
  has(key: string): Promise<boolean>;
  get(key: string): Promise<SentRecord | undefined>;
  record(key: string, info: SentInfo): Promise<SentRecord>;
}

/**
 * A durable sent-ledger: one small JSON file per notice key in `dir`. Files rather than a database because the worker
 * needs nothing else on disk, the entries are written once and never updated, and an operator can read or delete one
 * (to force a resend) with ordinary tools.
 */
export function createSentLedger(dir: string): SentLedger {
  const fileFor = (key: string) => path.join(dir, `${fileStemFor(key)}.json`);

  async function get(key: string): Promise<SentRecord | undefined> {
    let text: string;
    try {
      text = await fs.readFile(fileFor(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const entry = JSON.parse(text) as SentRecord;
    // The name is a hash of the key; the stored key guards against a file copied in under the wrong name.
    return entry.key === key ? entry : undefined;
  }

  return {
    get,
    has: async (key) => (await get(key)) !== undefined,
    async record(key, info) {
      const entry: SentRecord = { key, ...info, recordedAt: new Date().toISOString() };
      await writeFileAtomic(fileFor(key), `${JSON.stringify(entry, null, 2)}\n`);
      return entry;
    },
  };
}

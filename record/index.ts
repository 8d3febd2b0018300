/**
 * The compliance record: an append-only hash chain per obligation, outside Temporal, so what an obligation's history
 * said stays provable after the namespace's retention deletes it. Backends: a directory of JSON Lines files (`npm
 * start`) or PostgreSQL (RECORD_DATABASE_URL). Exports (`directive audit export`) carry the chains, the evidence files
 * and a signed manifest; `directive audit verify` checks them.
 */
import { createDirectoryRecordStore } from './directory-store';
import { openPostgresRecordStore } from './postgres-store';
import type { RecordConfig } from './config';
import type { RecordStore } from './store';

export * from './entry';
export * from './chain';
export * from './store';
export { canonicalJson } from './canonical-json';
export { ENGINE_VERSION } from './engine-version';
export { RecordEnv, recordConfig, type RecordConfig } from './config';
export { chainFile, createDirectoryRecordStore, parseChain } from './directory-store';
export { openPostgresRecordStore } from './postgres-store';
export * from './manifest';
export { ExportError, exportRecord, type ExportRequest } from './export';
export { verifyExport, type VerifyReport } from './verify';
export {
  DEFAULT_SIGNING_KEY_FILE,
  SigningKeyError,
  ensureSigningKeyFile,
  fingerprintOf,
  loadSigningKey,
  publicKeyFrom,
  type SigningKey,
} from './signing';

/** PostgreSQL when RECORD_DATABASE_URL is set, otherwise the directory. */
export async function openRecordStore(config: RecordConfig): Promise<RecordStore> {
  return config.databaseUrl ? openPostgresRecordStore(config.databaseUrl) : createDirectoryRecordStore(config.dir);
}

/**
 * An obligation's head hash, for the portal's obligation page: the last entry's seq and hash, or none when nothing is
 * recorded yet (an obligation started before the record store, until its next step).
 */
export async function obligationHead(
  store: RecordStore,
  directiveId: string,
  agencyId: string,
): Promise<{ seq: number; hash: string } | undefined> {
  return store.head(`${directiveId}/${agencyId}`);
}

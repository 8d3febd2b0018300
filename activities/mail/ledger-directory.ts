/**
 * The sent-ledger in a local directory, shared by every worker on the host. Per notice key (file stem from
 * notice-key.ts):
 *
 * - `<stem>.json`: the record of a completed send, the same format as before claims existed (an entry without claim
 *   fields is simply "sent"). An operator reads it, or deletes it to force a resend.
 * - `<stem>.claim`: a claim in progress. Its successors `<stem>.claim.<token of the previous claim>` are the takeovers
 *   of stale claims (or a takeover given back after a failed send): a chain, so no claim file is ever overwritten.
 *
 * Every file is created exclusively (a hard link of a fully written temp file, which fails when the name exists): of
 * two workers creating the same name exactly one succeeds, and nobody reads half a claim. A record is always written
 * before any claim is removed, so a worker that wins a claim and then finds the record knows the key was done.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, writeTempBeside } from './atomic-file';
import {
  DEFAULT_CLAIM_TIMEOUT_SECONDS,
  defaultClaimant,
  recordFor,
  type ClaimResult,
  type ClaimTicket,
  type LedgerOptions,
  type SentLedger,
  type SentRecord,
  type StaleClaim,
} from './ledger';
import { fileStemFor } from './notice-key';

/** What a claim file holds. */
type ClaimFile = {
  key: string;
  token: string;
  claimedBy: string;
  claimedAt: string;
  takeover?: StaleClaim;
  /** A takeover given back after a failed send: the next claimant takes it over at once, still a possible duplicate. */
  released?: true;
};

/** Claims change hands only by takeover; more rounds than this in one call means something is badly wrong. */
const MAX_ROUNDS = 20;

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/** Creates `target` with `data` unless it exists: false when it does. Readers see the whole content or no file. */
async function createExclusive(target: string, data: string): Promise<boolean> {
  const temp = await writeTempBeside(target, data);
  try {
    await fs.link(temp, target);
    return true;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  } finally {
    await unlinkIfPresent(temp);
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function createDirectoryLedger(dir: string, options: LedgerOptions = {}): SentLedger {
  const claimTimeoutSeconds = options.claimTimeoutSeconds ?? DEFAULT_CLAIM_TIMEOUT_SECONDS;
  const claimant = options.claimant ?? defaultClaimant();
  const now = options.now ?? Date.now;
  const recordPath = (key: string) => path.join(dir, `${fileStemFor(key)}.json`);
  const rootPath = (key: string) => path.join(dir, `${fileStemFor(key)}.claim`);
  const successorPath = (key: string, token: string) => path.join(dir, `${fileStemFor(key)}.claim.${token}`);
  let ready: Promise<unknown> | undefined;

  async function get(key: string): Promise<SentRecord | undefined> {
    const entry = await readJson<SentRecord>(recordPath(key));
    // The name is a hash of the key; the stored key guards against a file copied in under the wrong name.
    return entry?.key === key ? entry : undefined;
  }

  /** The last claim of the key's chain, or none. */
  async function chainTail(key: string): Promise<{ claim: ClaimFile; file: string } | undefined> {
    let file = rootPath(key);
    let claim = await readJson<ClaimFile>(file);
    if (!claim) return undefined;
    for (;;) {
      const next = successorPath(key, claim.token);
      const successor = await readJson<ClaimFile>(next);
      if (!successor) return { claim, file };
      claim = successor;
      file = next;
    }
  }

  async function chainFiles(key: string): Promise<string[]> {
    const files: string[] = [];
    let file = rootPath(key);
    let claim = await readJson<ClaimFile>(file);
    while (claim) {
      files.push(file);
      file = successorPath(key, claim.token);
      claim = await readJson<ClaimFile>(file);
    }
    return files;
  }

  function newClaim(key: string, takeover?: StaleClaim): ClaimFile {
    return {
      key,
      token: randomUUID(),
      claimedBy: claimant,
      claimedAt: new Date(now()).toISOString(),
      ...(takeover ? { takeover } : {}),
    };
  }

  /** A claim just created: it counts only if the key was not completed in the meantime. */
  async function settle(claim: ClaimFile, file: string): Promise<ClaimResult> {
    const done = await get(claim.key);
    if (done) {
      await unlinkIfPresent(file);
      return { status: 'done', record: done };
    }
    const { key, token, claimedAt, takeover } = claim;
    return { status: 'won', ticket: { key, token, claimedAt, ...(takeover ? { takeover } : {}) } };
  }

  async function claim(key: string): Promise<ClaimResult> {
    ready ??= fs.mkdir(dir, { recursive: true });
    await ready;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const done = await get(key);
      if (done) return { status: 'done', record: done };
      const fresh = newClaim(key);
      if (await createExclusive(rootPath(key), json(fresh))) return settle(fresh, rootPath(key));

      const tail = await chainTail(key);
      if (!tail) continue; // completed or given back since our attempt: look again
      const ageSeconds = (now() - Date.parse(tail.claim.claimedAt)) / 1000;
      if (!tail.claim.released && ageSeconds < claimTimeoutSeconds) {
        return { status: 'busy', claimedBy: tail.claim.claimedBy, claimedAt: tail.claim.claimedAt, ageSeconds };
      }
      // Stale (its worker died before completing it) or given back: take it over; of several workers trying, the
      // one that creates the successor's name wins.
      const stale = tail.claim.released
        ? (tail.claim.takeover ?? { claimedBy: tail.claim.claimedBy, claimedAt: tail.claim.claimedAt })
        : { claimedBy: tail.claim.claimedBy, claimedAt: tail.claim.claimedAt };
      const takeover = newClaim(key, stale);
      const file = successorPath(key, tail.claim.token);
      if (await createExclusive(file, json(takeover))) return settle(takeover, file);
    }
    throw new Error(`the claim on notice ${key} changed hands ${MAX_ROUNDS} times while this worker looked`);
  }

  async function complete(ticket: ClaimTicket, info: Parameters<SentLedger['complete']>[1]): Promise<SentRecord> {
    const record = recordFor(ticket, info, new Date(now()).toISOString());
    const file = recordPath(ticket.key);
    if (!(await createExclusive(file, json(record)))) {
      // Both sends happened: the worker whose stale claim we took over finished after all, or our claim went stale
      // and was taken over. Whichever comes second makes sure the record says so.
      const existing = await get(ticket.key);
      if (existing?.possibleDuplicate || !record.possibleDuplicate) return existing ?? record;
      await writeFileAtomic(file, json(record));
      return record;
    }
    await Promise.all((await chainFiles(ticket.key)).map(unlinkIfPresent));
    return record;
  }

  async function release(ticket: ClaimTicket): Promise<void> {
    if (!ticket.takeover) {
      // A plain claim: gone, as if never made (only its owner removes it; a takeover would have added a successor).
      const current = await readJson<ClaimFile>(rootPath(ticket.key));
      if (current?.token === ticket.token) await unlinkIfPresent(rootPath(ticket.key));
      return;
    }
    // A takeover stays a possible duplicate: hand it on through a released successor instead of removing it.
    const handedOn: ClaimFile = { ...newClaim(ticket.key, ticket.takeover), released: true };
    await createExclusive(successorPath(ticket.key, ticket.token), json(handedOn));
  }

  return {
    claimTimeoutSeconds,
    get,
    has: async (key) => (await get(key)) !== undefined,
    claim,
    complete,
    release,
    close: () => Promise.resolve(),
  };
}

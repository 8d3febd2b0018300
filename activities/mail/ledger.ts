/**
 * The sent-ledger: what makes a notice go out at most once per business key, across retries, restarts and several
 * workers. Each send is a claim, then the email, then the claim's completion:
 *
 * 1. `claim(key)` atomically: exactly one caller wins (`won`); the others learn that the key is `done` (its record)
 *    or `busy` (another worker holds a claim younger than the claim timeout: fail retryably and come back later).
 * 2. The winner sends, then `complete`s the claim with the outcome (or `release`s it when the send failed and will be
 *    retried).
 * 3. A claim older than the claim timeout was left by a worker that died before it could complete it, perhaps after
 *    the server had accepted the email. It is taken over (`won` with `takeover`): the email goes out again with the
 *    same Message-ID and the record says `possibleDuplicate`, so duplicates can be counted, not guessed.
 *
 * Two stores: a directory (ledger-directory.ts, the default) and PostgreSQL (ledger-postgres.ts, several hosts).
 */
import { hostname } from 'node:os';

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
  /** Present (true) when this send took over a stale claim: the worker that left it may have sent the email too. */
  possibleDuplicate?: true;
  /** The stale claim this send took over. */
  takeover?: StaleClaim;
};

export type SentInfo = Omit<SentRecord, 'key' | 'recordedAt' | 'possibleDuplicate' | 'takeover'>;

/** Who held a claim that went stale, and since when: enough for an operator to find the worker's logs. */
export type StaleClaim = { claimedBy: string; claimedAt: string };

/** The winner's proof of its claim: completing or releasing a claim needs it. */
export type ClaimTicket = {
  key: string;
  token: string;
  claimedAt: string;
  /** Set when this claim replaced a stale one. */
  takeover?: StaleClaim;
};

export type ClaimResult =
  | { status: 'won'; ticket: ClaimTicket }
  | { status: 'done'; record: SentRecord }
  | { status: 'busy'; claimedBy: string; claimedAt: string; ageSeconds: number };

export interface SentLedger {
  /** A claim older than this is taken over (see the file comment). */
  readonly claimTimeoutSeconds: number;
  get(key: string): Promise<SentRecord | undefined>;
  has(key: string): Promise<boolean>;
  claim(key: string): Promise<ClaimResult>;
  /** Records the outcome of a won claim. Returns the record the ledger keeps for the key. */
  complete(ticket: ClaimTicket, info: SentInfo): Promise<SentRecord>;
  /** Gives a won claim back after a failed send, so that a retry (on any worker) can claim the key at once. */
  release(ticket: ClaimTicket): Promise<void>;
  close(): Promise<void>;
}

/**
 * A claim younger than this is never taken over. It covers one SMTP attempt's own limits added up (30 s to connect,
 * 30 s for the greeting, 60 s of silence: activities/mail/mailer.ts); a live worker slower than that can see its claim
 * taken over, and the resend is then counted as a possible duplicate like any other.
 */
export const DEFAULT_CLAIM_TIMEOUT_SECONDS = 120;

export type LedgerOptions = {
  claimTimeoutSeconds?: number;
  /** Names the claimant in claims, for operators; defaults to host and process id. */
  claimant?: string;
  /** The clock (ms) used for claims; tests pass their own. */
  now?: () => number;
};

export function defaultClaimant(): string {
  return `${hostname()}:${process.pid}`;
}

/** The record a completed claim leaves: the takeover fields only when there was one, so old entries read the same. */
export function recordFor(ticket: ClaimTicket, info: SentInfo, recordedAt: string): SentRecord {
  return {
    key: ticket.key,
    ...info,
    recordedAt,
    ...(ticket.takeover ? { possibleDuplicate: true as const, takeover: ticket.takeover } : {}),
  };
}

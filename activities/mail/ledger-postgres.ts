/**
 * The sent-ledger in PostgreSQL (`LEDGER_DATABASE_URL`), for workers on several hosts. One row per notice key: a claim
 * is an `INSERT ... ON CONFLICT DO NOTHING` of a row in state `claimed`, so exactly one worker inserts it; completion
 * and takeover are conditional UPDATEs on the claim's token, so each succeeds for one worker only. Ages are measured
 * with the database's clock, so hosts whose clocks disagree still agree on which claim is stale.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  DEFAULT_CLAIM_TIMEOUT_SECONDS,
  defaultClaimant,
  recordFor,
  type ClaimResult,
  type ClaimTicket,
  type LedgerOptions,
  type SentInfo,
  type SentLedger,
  type SentRecord,
} from './ledger';

export const LEDGER_TABLE = 'directive_sent_ledger';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  key text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('claimed', 'sent', 'rejected')),
  claim_token text NOT NULL,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL,
  -- a takeover given back after a failed send: the next claimant takes it over at once
  released boolean NOT NULL DEFAULT false,
  possible_duplicate boolean NOT NULL DEFAULT false,
  takeover_claimed_by text,
  takeover_claimed_at timestamptz,
  kind text,
  transport text,
  message_id text,
  rejected jsonb,
  detail text,
  recorded_at timestamptz
)`;

/** Claims change hands only by takeover; more rounds than this in one call means something is badly wrong. */
const MAX_ROUNDS = 20;

type Row = {
  key: string;
  state: 'claimed' | 'sent' | 'rejected';
  claim_token: string;
  claimed_by: string;
  claimed_at: Date;
  released: boolean;
  possible_duplicate: boolean;
  takeover_claimed_by: string | null;
  takeover_claimed_at: Date | null;
  kind: string | null;
  transport: 'smtp' | 'outbox' | null;
  message_id: string | null;
  rejected: string[] | null;
  detail: string | null;
  recorded_at: Date | null;
  age_seconds?: number;
};

function recordOf(row: Row): SentRecord {
  return {
    key: row.key,
    kind: row.kind ?? '',
    outcome: row.state === 'rejected' ? 'rejected' : 'sent',
    messageId: row.message_id ?? '',
    rejected: row.rejected ?? [],
    ...(row.detail === null ? {} : { detail: row.detail }),
    transport: row.transport ?? 'smtp',
    recordedAt: (row.recorded_at ?? row.claimed_at).toISOString(),
    ...(row.possible_duplicate
      ? {
          possibleDuplicate: true as const,
          takeover: {
            claimedBy: row.takeover_claimed_by ?? '',
            claimedAt: (row.takeover_claimed_at ?? row.claimed_at).toISOString(),
          },
        }
      : {}),
  };
}

/** Connects, creates the table if it is missing, and returns the ledger; `close()` ends the connections. */
export async function openPostgresLedger(databaseUrl: string, options: LedgerOptions = {}): Promise<SentLedger> {
  const claimTimeoutSeconds = options.claimTimeoutSeconds ?? DEFAULT_CLAIM_TIMEOUT_SECONDS;
  const claimant = options.claimant ?? defaultClaimant();
  const pool = new Pool({ connectionString: databaseUrl, max: 10, allowExitOnIdle: true });
  // An idle connection dropped by the server must not crash the worker: the next query reconnects or fails retryably.
  pool.on('error', () => undefined);

  try {
    const client = await pool.connect();
    try {
      // Workers starting together would race on CREATE TABLE IF NOT EXISTS (a duplicate type error): one at a time.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LEDGER_TABLE]);
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new Error(`LEDGER_DATABASE_URL: could not prepare the sent-ledger table: ${(err as Error).message}`, {
      cause: err,
    });
  }

  let closed: Promise<void> | undefined;

  async function get(key: string): Promise<SentRecord | undefined> {
    const { rows } = await pool.query<Row>(
      `SELECT * FROM ${LEDGER_TABLE} WHERE key = $1 AND state IN ('sent', 'rejected')`,
      [key],
    );
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

  async function claim(key: string): Promise<ClaimResult> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const token = randomUUID();
      const inserted = await pool.query<{ claimed_at: Date }>(
        `INSERT INTO ${LEDGER_TABLE} (key, state, claim_token, claimed_by, claimed_at)
         VALUES ($1, 'claimed', $2, $3, now())
         ON CONFLICT (key) DO NOTHING
         RETURNING claimed_at`,
        [key, token, claimant],
      );
      if (inserted.rows[0]) {
        return { status: 'won', ticket: { key, token, claimedAt: inserted.rows[0].claimed_at.toISOString() } };
      }

      const { rows } = await pool.query<Row>(
        `SELECT *, EXTRACT(EPOCH FROM now() - claimed_at)::float8 AS age_seconds FROM ${LEDGER_TABLE} WHERE key = $1`,
        [key],
      );
      const row = rows[0];
      if (!row) continue; // given back since our insert: try again
      if (row.state !== 'claimed') return { status: 'done', record: recordOf(row) };
      const ageSeconds = row.age_seconds ?? 0;
      if (!row.released && ageSeconds < claimTimeoutSeconds) {
        return { status: 'busy', claimedBy: row.claimed_by, claimedAt: row.claimed_at.toISOString(), ageSeconds };
      }

      // Stale (its worker died before completing it) or given back: take it over, if nobody did since we looked.
      const taken = await pool.query<Row>(
        `UPDATE ${LEDGER_TABLE} SET
           claim_token = $3, claimed_by = $4, claimed_at = now(), released = false, possible_duplicate = true,
           takeover_claimed_by = CASE WHEN released THEN COALESCE(takeover_claimed_by, claimed_by) ELSE claimed_by END,
           takeover_claimed_at = CASE WHEN released THEN COALESCE(takeover_claimed_at, claimed_at) ELSE claimed_at END
         WHERE key = $1 AND state = 'claimed' AND claim_token = $2
           AND (released OR claimed_at <= now() - make_interval(secs => $5))
         RETURNING *`,
        [key, row.claim_token, token, claimant, claimTimeoutSeconds],
      );
      const won = taken.rows[0];
      if (won) {
        return {
          status: 'won',
          ticket: {
            key,
            token,
            claimedAt: won.claimed_at.toISOString(),
            takeover: {
              claimedBy: won.takeover_claimed_by ?? row.claimed_by,
              claimedAt: (won.takeover_claimed_at ?? row.claimed_at).toISOString(),
            },
          },
        };
      }
    }
    throw new Error(`the claim on notice ${key} changed hands ${MAX_ROUNDS} times while this worker looked`);
  }

  async function complete(ticket: ClaimTicket, info: SentInfo): Promise<SentRecord> {
    const { rows } = await pool.query<Row>(
      `UPDATE ${LEDGER_TABLE} SET
         state = $3, kind = $4, transport = $5, message_id = $6, rejected = $7::jsonb, detail = $8, recorded_at = now()
       WHERE key = $1 AND claim_token = $2 AND state = 'claimed'
       RETURNING *`,
      [
        ticket.key,
        ticket.token,
        info.outcome,
        info.kind,
        info.transport,
        info.messageId,
        JSON.stringify(info.rejected),
        info.detail ?? null,
      ],
    );
    if (rows[0]) return recordOf(rows[0]);
    // Our claim went stale and was taken over: the taker sends too, and its row says possibleDuplicate.
    return (await get(ticket.key)) ?? recordFor(ticket, info, new Date().toISOString());
  }

  async function release(ticket: ClaimTicket): Promise<void> {
    // A plain claim is removed, as if never made; a takeover stays a possible duplicate, so it is only marked given
    // back and the next claimant takes it over at once.
    await pool.query(
      ticket.takeover
        ? `UPDATE ${LEDGER_TABLE} SET released = true WHERE key = $1 AND claim_token = $2 AND state = 'claimed'`
        : `DELETE FROM ${LEDGER_TABLE} WHERE key = $1 AND claim_token = $2 AND state = 'claimed'`,
      [ticket.key, ticket.token],
    );
  }

  return {
    claimTimeoutSeconds,
    get,
    has: async (key) => (await get(key)) !== undefined,
    claim,
    complete,
    release,
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * The record in PostgreSQL (RECORD_DATABASE_URL), for workers on several hosts. One row per entry, the primary key
 * (obligation_id, seq) making a retried append a no-op; the entry's canonical JSON is kept as text, byte for byte what
 * its hash covers. A trigger refuses UPDATE and DELETE, so not even a mistaken script rewrites the record through
 * this schema (a superuser can still drop the trigger: the chain and the signed exports are what prove the record).
 */
import { Pool, type PoolClient } from 'pg';
import { canonicalJson } from './canonical-json';
import type { ChainHead } from './chain';
import type { RecordEntry, RecordEntryBody } from './entry';
import { batchObligation, entriesToAppend, headAfter, type RecordStore } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS compliance_record (
  obligation_id text NOT NULL,
  seq integer NOT NULL CHECK (seq >= 0),
  directive_id text NOT NULL,
  agency_id text NOT NULL,
  body text NOT NULL,
  previous_hash char(64) NOT NULL,
  hash char(64) NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (obligation_id, seq)
);
CREATE INDEX IF NOT EXISTS compliance_record_directive ON compliance_record (directive_id, agency_id);
CREATE OR REPLACE FUNCTION compliance_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'compliance_record is append-only: % refused', TG_OP;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'compliance_record_append_only') THEN
    CREATE TRIGGER compliance_record_append_only BEFORE UPDATE OR DELETE ON compliance_record
      FOR EACH ROW EXECUTE FUNCTION compliance_record_append_only();
  END IF;
END $$;
`;

interface Row {
  body: string;
  previous_hash: string;
  hash: string;
}

const entryOf = (r: Row): RecordEntry => ({
  ...(JSON.parse(r.body) as RecordEntryBody),
  previousHash: r.previous_hash,
  hash: r.hash,
});

/** Connects, creates the schema if it is missing (concurrent starts serialise on an advisory lock), and returns the store. */
export async function openPostgresRecordStore(url: string): Promise<RecordStore> {
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle client's network error would otherwise be an uncaught 'error' event; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await transaction(pool, async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('compliance_record schema'))`);
      await c.query(SCHEMA);
    });
  } catch (err) {
    await pool.end();
    throw new Error(`RECORD_DATABASE_URL: cannot prepare the compliance record: ${(err as Error).message}`, {
      cause: err,
    });
  }

  const head = async (c: Pool | PoolClient, obligationId: string): Promise<ChainHead | undefined> => {
    const r = await c.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM compliance_record WHERE obligation_id = $1 ORDER BY seq DESC LIMIT 1',
      [obligationId],
    );
    return r.rows[0] && { seq: r.rows[0].seq, hash: r.rows[0].hash };
  };

  return {
    description: 'PostgreSQL (RECORD_DATABASE_URL)',
    async append(batch) {
      const obligationId = batchObligation(batch);
      return transaction(pool, async (c) => {
        // One appender per obligation at a time, in every worker: the head read here stays the head until commit.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`compliance_record ${obligationId}`]);
        const current = await head(c, obligationId);
        const recorded = await c.query<Row & { seq: number }>(
          'SELECT seq, body, previous_hash, hash FROM compliance_record WHERE obligation_id = $1 AND seq >= $2 ORDER BY seq',
          [obligationId, batch[0]!.seq],
        );
        const fresh = entriesToAppend(current, new Map(recorded.rows.map((r) => [r.seq, entryOf(r)])), batch);
        for (const e of fresh) {
          const { previousHash, hash, ...body } = e;
          await c.query(
            `INSERT INTO compliance_record (obligation_id, seq, directive_id, agency_id, body, previous_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (obligation_id, seq) DO NOTHING`,
            [e.obligationId, e.seq, e.directiveId, e.agencyId, canonicalJson(body), previousHash, hash],
          );
        }
        return { appended: fresh.length, head: headAfter(current, fresh) };
      });
    },
    async entries(obligationId) {
      const r = await pool.query<Row>(
        'SELECT body, previous_hash, hash FROM compliance_record WHERE obligation_id = $1 ORDER BY seq',
        [obligationId],
      );
      return r.rows.map(entryOf);
    },
    head: (obligationId) => head(pool, obligationId),
    async obligations({ directiveId, agencyId }) {
      const r = await pool.query<{ obligation_id: string }>(
        `SELECT obligation_id FROM compliance_record
         WHERE seq = 0 AND directive_id = $1 AND ($2::text IS NULL OR agency_id = $2) ORDER BY obligation_id COLLATE "C"`,
        [directiveId, agencyId ?? null],
      );
      return r.rows.map((row) => row.obligation_id);
    },
    close: () => pool.end(),
  };
}

async function transaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

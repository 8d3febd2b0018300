/**
 * The PostgreSQL record store against a real PostgreSQL: a database of its own in the one the integration harness
 * starts (test/integration/harness/postgres.ts), dropped afterwards.
 */
import { Client } from 'pg';
import { openPostgresRecordStore } from '../../../record';
import { entryBodies } from '../../fixtures/record';
import { recordStoreContract } from '../../unit/record/store-contract';
import { postgresDatabase, type TestDatabase } from '../harness/postgres';

let db: TestDatabase;
let url: string;
beforeAll(async () => {
  db = await postgresDatabase('record-store');
  url = db.url;
});
afterAll(() => db?.drop());

describe('the PostgreSQL record store keeps the record store contract', () => {
  recordStoreContract(() => openPostgresRecordStore(url));
});

describe('the PostgreSQL record store', () => {
  test('the database itself refuses to update or delete a recorded entry', async () => {
    const store = await openPostgresRecordStore(url);
    const obligation = `BOD-17-01/PG${process.pid}-${Date.now()}`;
    await store.append(entryBodies(obligation, 0, 1));
    await store.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await expect(
        client.query(`UPDATE compliance_record SET body = '{}' WHERE obligation_id = $1`, [obligation]),
      ).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(
        client.query('DELETE FROM compliance_record WHERE obligation_id = $1', [obligation]),
      ).rejects.toThrow(/append-only: DELETE refused/);
    } finally {
      await client.end();
    }
  });

  test('opening the store twice keeps the schema and the entries', async () => {
    const obligation = `BOD-17-01/PG${process.pid}-${Date.now()}-again`;
    const first = await openPostgresRecordStore(url);
    await first.append(entryBodies(obligation, 0, 2));
    await first.close();
    const second = await openPostgresRecordStore(url);
    expect(await second.entries(obligation)).toHaveLength(2);
    await second.close();
  });
});

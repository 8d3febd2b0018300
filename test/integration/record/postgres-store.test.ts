/**
 * The PostgreSQL record store against a real PostgreSQL: DIRECTIVE_TEST_POSTGRES_URL, set by the integration harness
 * once it starts one. Without it the suite says so by name instead of passing quietly.
 */
import { Client } from 'pg';
import { openPostgresRecordStore } from '../../../record';
import { entryBodies } from '../../fixtures/record';
import { recordStoreContract } from '../../unit/record/store-contract';

const url = process.env.DIRECTIVE_TEST_POSTGRES_URL;

if (!url) {
  test.skip('the PostgreSQL record store (skipped: DIRECTIVE_TEST_POSTGRES_URL is not set, no PostgreSQL started)', () => {});
} else {
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
}

/** The composition root with LEDGER_DATABASE_URL: the worker's notices are claimed and recorded in PostgreSQL. */
import './quiet-runtime';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { LEDGER_TABLE } from '../../../activities/mail/ledger-postgres';
import { fileStemFor } from '../../../activities/mail/notice-key';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { tempDir } from '../../fixtures/notices';
import { postgresDatabase, type TestDatabase } from '../harness/postgres';
import { devServerAddress } from '../harness/servers';
import { unusedPort } from '../harness/smtp-sink';
import { burstNotice } from './drill';
import { sendNoticeTwice } from './workflows';

let db: TestDatabase;
beforeAll(async () => {
  db = await postgresDatabase('ledger_worker');
});
afterAll(async () => {
  await db?.drop();
});

test('a worker started with LEDGER_DATABASE_URL creates its table and records each notice there, none in the ledger directory', async () => {
  const dir = tempDir('worker-pg');
  const taskQueue = `ledger-worker-pg-${process.pid}`;
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: devServerAddress(),
    DIRECTIVES_TASK_QUEUE: taskQueue,
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    RECORD_DIR: path.join(dir, 'record'),
    LEDGER_DATABASE_URL: db.url,
  });
  const connection = await connectWorker(config.connection);
  // The drill's workflow instead of the engine's: it calls the worker's own sendNotice activity.
  const { worker, close } = await createWorker(config, connection, { workflowsPath: require.resolve('./workflows') });
  const clientConnection = await Connection.connect({ address: devServerAddress() });
  const notice = burstNotice(7);
  try {
    const results = await worker.runUntil(
      new Client({ connection: clientConnection }).workflow.execute(sendNoticeTwice, {
        taskQueue,
        workflowId: `${taskQueue}-${Date.now()}`,
        args: [notice],
      }),
    );
    expect(results.map((r) => r.outcome).sort()).toEqual(['already-sent', 'sent']);
  } finally {
    close();
    await clientConnection.close();
    await connection.close();
  }

  expect(fs.readdirSync(path.join(dir, 'outbox'))).toEqual([`${fileStemFor(notice.key)}.eml`]);
  expect(fs.existsSync(path.join(dir, 'ledger'))).toBe(false);
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  try {
    const { rows } = await pg.query(`SELECT key, state, transport FROM ${LEDGER_TABLE}`);
    expect(rows).toEqual([{ key: notice.key, state: 'sent', transport: 'outbox' }]);
  } finally {
    await pg.end();
  }
});

test('a worker whose ledger database cannot be reached stops at start, naming LEDGER_DATABASE_URL', async () => {
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: devServerAddress(),
    LEDGER_DATABASE_URL: `postgres://ledger:pw@127.0.0.1:${await unusedPort()}/ledger`,
  });
  const connection = await connectWorker(config.connection);
  try {
    await expect(createWorker(config, connection)).rejects.toThrow(
      /^LEDGER_DATABASE_URL: could not prepare the sent-ledger table: .*ECONNREFUSED/,
    );
  } finally {
    await connection.close();
  }
});

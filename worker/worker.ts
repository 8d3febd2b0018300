import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { SentLedger } from '../activities/mail/ledger';
import { createDirectoryLedger } from '../activities/mail/ledger-directory';
import { openPostgresLedger } from '../activities/mail/ledger-postgres';
import { createMailer } from '../activities/mail/mailer';
import type { ConnectionConfig } from '../client/config';
import { openRecordStore } from '../record';
import type { MailConfig, WorkerConfig } from './config';

/** Where the workflow code is: bundled by the SDK into its deterministic sandbox. */
export const workflowsPath = require.resolve('../workflows');

export async function connectWorker(config: ConnectionConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
}

/** PostgreSQL when LEDGER_DATABASE_URL is set (workers on several hosts), otherwise the local directory. */
export async function openLedger(mail: MailConfig): Promise<SentLedger> {
  const options = { claimTimeoutSeconds: mail.claimTimeoutSeconds };
  return mail.ledgerDatabaseUrl
    ? openPostgresLedger(mail.ledgerDatabaseUrl, options)
    : createDirectoryLedger(mail.ledgerDir, options);
}

/** The composition root: configuration in, a worker polling the directives queue out. */
export async function createWorker(
  config: WorkerConfig,
  connection: NativeConnection,
  overrides: Partial<WorkerOptions> = {},
): Promise<{ worker: Worker; close: () => void }> {
  const ledger = await openLedger(config.mail);
  const record = await openRecordStore(config.record).catch(async (err: unknown) => {
    await ledger.close().catch(() => undefined);
    throw err;
  });
  const mailer = createMailer({ ...config.mail, ledger });
  // Campaigns start and amend their obligations from activities, through a client of the worker's own: connected
  // on first use, so a worker that runs no campaign opens no second connection.
  const { address, tls, apiKey, namespace } = config.connection;
  const clientConnection = Connection.lazy({ address, tls, apiKey });
  const client = new Client({ connection: clientConnection, namespace });
  const close = (): void => {
    mailer.close();
    clientConnection.close().catch(() => undefined);
    // Ends the database connections, if any; nothing is left to write by now.
    ledger.close().catch(() => undefined);
    record.close().catch(() => undefined);
  };
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.connection.namespace,
      taskQueue: config.connection.taskQueue,
      workflowsPath,
      activities: createActivities({
        mailer,
        portalUrl: config.mail.portalUrl,
        agenciesStoreDir: config.agenciesStoreDir,
        record,
        client,
      }),
      maxCachedWorkflows: config.maxCachedWorkflows,
      ...overrides,
    });
    return { worker, close };
  } catch (err) {
    close();
    throw err;
  }
}

import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createMailer } from '../activities/mail/mailer';
import type { ConnectionConfig } from '../client/config';
import type { WorkerConfig } from './config';

/** Where the workflow code is: bundled by the SDK into its deterministic sandbox. */
export const workflowsPath = require.resolve('../workflows');

export async function connectWorker(config: ConnectionConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
}

/** The composition root: configuration in, a worker polling the directives queue out. */
export async function createWorker(
  config: WorkerConfig,
  connection: NativeConnection,
  overrides: Partial<WorkerOptions> = {},
): Promise<{ worker: Worker; close: () => void }> {
  const mailer = createMailer(config.mail);
  const worker = await Worker.create({
    connection,
    namespace: config.connection.namespace,
    taskQueue: config.connection.taskQueue,
    workflowsPath,
    activities: createActivities({ mailer, portalUrl: config.mail.portalUrl }),
    maxCachedWorkflows: config.maxCachedWorkflows,
    ...overrides,
  });
  return { worker, close: () => mailer.close() };
}

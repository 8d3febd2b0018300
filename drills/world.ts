/** What every drill needs: a Temporal server (its own, unless given one), a client, and a scratch folder. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer } from '../scripts/servers/dev-server';
import { freePort } from '../scripts/servers/process';

export interface DrillOptions {
  /** The Temporal CLI that runs dev servers (scripts/servers/temporal-cli.ts obtains it). */
  cliPath: string;
  /** An existing dev server to use instead of starting one (drills that kill the server always start their own). */
  serverAddress?: string;
  say: (line: string) => void;
}

export interface DrillWorld {
  address: string;
  client: Client;
  dir: string;
  close(): Promise<void>;
}

export async function openWorld(opts: DrillOptions, tag: string): Promise<DrillWorld> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `drill-${tag}-`));
  let stopServer = (): Promise<void> => Promise.resolve();
  let address = opts.serverAddress;
  if (!address) {
    const server = await startDevServer({ cliPath: opts.cliPath, port: await freePort() });
    address = server.address;
    stopServer = () => server.stop();
  }
  const connection = await Connection.connect({ address });
  return {
    address,
    client: new Client({ connection }),
    dir,
    async close() {
      await connection.close();
      await stopServer();
    },
  };
}

/** The worker's environment: the public variables (README), nothing drill-specific. */
export function workerEnv(opts: {
  address: string;
  taskQueue: string;
  dir: string;
  smtpUrl?: string;
  cachedWorkflows: number;
}): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: opts.address,
    TEMPORAL_NAMESPACE: 'default',
    DIRECTIVES_TASK_QUEUE: opts.taskQueue,
    MAIL_OUTBOX_DIR: path.join(opts.dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(opts.dir, 'sent-ledger'),
    RECORD_DIR: path.join(opts.dir, 'record'),
    AGENCIES_STORE_DIR: path.join(opts.dir, 'agencies'),
    WORKER_MAX_CACHED_WORKFLOWS: String(opts.cachedWorkflows),
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : { SMTP_URL: '' }),
  };
}

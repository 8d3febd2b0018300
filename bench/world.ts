/**
 * What the dev-server benchmarks share: a dev server of their own, a client, a scratch folder, and the engine's and the
 * baseline's workers run in this process when asked (the engine's made by worker/worker.ts `createWorker`, configured
 * through the same variables as `npm run worker`).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { startDevServer } from '../scripts/servers/dev-server';
import { freePort } from '../scripts/servers/process';
import { obtainTemporalCli } from '../scripts/servers/temporal-cli';
import { loadWorkerConfig } from '../worker/config';
import { connectWorker, createWorker } from '../worker/worker';
import { createBaselineWorker, type BaselineWorkerOptions } from './baseline/worker';

export interface BenchWorld {
  address: string;
  client: Client;
  dir: string;
  close(): Promise<void>;
}

export async function openBenchWorld(tag: string): Promise<BenchWorld> {
  const cli = await obtainTemporalCli();
  const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
  const connection = await Connection.connect({ address: server.address });
  return {
    address: server.address,
    client: new Client({ connection }),
    dir: mkdtempSync(path.join(os.tmpdir(), `bench-${tag}-`)),
    async close() {
      await connection.close();
      await server.stop();
    },
  };
}

/** A worker polling until `stop()`, which drains it and closes what it opened. */
export interface RunningWorker {
  stop(): Promise<void>;
}

function running(worker: Worker, close: () => Promise<void> | void): RunningWorker {
  const done = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await done;
      await close();
    },
  };
}

/** The engine's worker with these variables on top of the world's address (MAIL_OUTBOX_DIR, SMTP_URL, ...). */
export async function runEngineWorker(world: BenchWorld, env: Record<string, string>): Promise<RunningWorker> {
  // A record of its own unless given: the default (.data/record) keeps earlier runs' chains under the same ids.
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: world.address,
    RECORD_DIR: path.join(world.dir, 'record'),
    ...env,
  });
  const connection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, connection);
  return running(worker, async () => {
    close();
    await connection.close();
  });
}

export async function runBaselineWorker(world: BenchWorld, opts: BaselineWorkerOptions): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: world.address });
  return running(await createBaselineWorker(connection, opts), () => connection.close());
}

/**
 * A campaign at the scale the issue asks for: N agencies (default 1,000; `-- --agencies 10000`) on a real dev server
 * with a real worker, driven through the CLI (bench/campaign-scale.ts): the fan-out time, status paged, the report, a
 * bulk amendment, and the largest payload and message the campaign produced, beside Temporal's limits.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { findDirective } from '../domain/library';
import { startDevServer } from '../scripts/servers/dev-server';
import { freePort } from '../scripts/servers/process';
import { obtainTemporalCli } from '../scripts/servers/temporal-cli';
import { loadWorkerConfig } from '../worker/config';
import { connectWorker, createWorker } from '../worker/worker';
import { describeFigures, runCampaignAtScale, type ScaleFigures } from './campaign-scale';

export async function benchCampaignFanOut(count: number, fanOutOnly = false): Promise<ScaleFigures> {
  const cli = await obtainTemporalCli();
  const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-campaign-'));
  const env = { TEMPORAL_ADDRESS: server.address, AGENCIES_STORE_DIR: path.join(dir, 'agencies') };
  const config = loadWorkerConfig({
    ...env,
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    RECORD_DIR: path.join(dir, 'record'),
    // A cache for every obligation would cost about 1 MB each; a thousand keeps the fan-out's working set.
    WORKER_MAX_CACHED_WORKFLOWS: String(Math.min(count + 10, 1000)),
  });
  const workerConnection = await connectWorker(config.connection);
  // BENCH_DEBUG_MODE=1: the SDK's debugMode, without deadlock detection, for a machine so loaded that activations
  // take over 2 s (there, interrupted activations have crashed the workflow thread: "async hook stack corrupted").
  const { worker, close } = await createWorker(config, workerConnection, {
    debugMode: process.env.BENCH_DEBUG_MODE === '1',
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  try {
    // Issued today: its first reminders are three weeks away, so the run measures the campaign alone.
    const figures = await runCampaignAtScale({
      client: new Client({ connection }),
      env,
      directive: findDirective('BOD-17-01')!,
      issuedAt: new Date().toISOString(),
      agencies: count,
      dir,
      log: (line) => console.log(`  ${line}`),
      fanOutOnly,
    });
    for (const line of describeFigures(figures)) console.log(line);
    return figures;
  } finally {
    await connection.close();
    worker.shutdown();
    await running;
    close();
    await workerConnection.close();
    await server.stop();
  }
}

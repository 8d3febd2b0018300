/**
 * A campaign at the scale the issue asks to stay within Temporal's limits for: N agencies (default 1,000) on a real
 * dev server with a real worker. Measures the fan-out (until every obligation runs and has reported to its campaign)
 * and the campaign's history size afterwards.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCampaign } from '../client/campaign';
import type { Agency } from '../domain/agency';
import { findDirective } from '../domain/library';
import { campaignStatusQuery } from '../workflows/campaign-messages';
import { startDevServer } from '../scripts/servers/dev-server';
import { freePort } from '../scripts/servers/process';
import { obtainTemporalCli } from '../scripts/servers/temporal-cli';
import { loadWorkerConfig } from '../worker/config';
import { connectWorker, createWorker } from '../worker/worker';

export async function benchCampaignFanOut(count: number): Promise<void> {
  const cli = await obtainTemporalCli();
  const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'bench-outbox-'));
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: server.address,
    MAIL_OUTBOX_DIR: outbox,
    MAIL_LEDGER_DIR: path.join(outbox, 'ledger'),
    WORKER_MAX_CACHED_WORKFLOWS: String(count + 10),
  });
  const workerConnection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, workerConnection);
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection });
    const agencies: Agency[] = Array.from({ length: count }, (_, i) => ({
      id: `A${String(i).padStart(4, '0')}`,
      name: `Agency ${i}`,
      contacts: { complianceOfficer: `o${i}@example.gov`, cio: `c${i}@example.gov`, head: `h${i}@example.gov` },
    }));
    const started = Date.now();
    const { workflowId } = await startCampaign(client, {
      directive: findDirective('BOD-17-01')!,
      agencies,
      issuedAt: new Date().toISOString(),
      taskQueue: config.connection.taskQueue,
    });
    const handle = client.workflow.getHandle(workflowId);
    for (;;) {
      const status = await handle.query(campaignStatusQuery);
      if (!status.countsByPhase.starting) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - started) / 1000;
    const { historyLength, historySize } = await handle.describe();
    console.log(
      `campaign fan-out, ${count} agencies: every obligation running and reported in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} obligations/s); campaign history ${historyLength} events, ${((historySize ?? 0) / 1024).toFixed(0)} KiB`,
    );
  } finally {
    await connection.close();
    worker.shutdown();
    await running;
    close();
    await workerConnection.close();
    await server.stop();
  }
}

/**
 * The portal's response time with many obligations running: a campaign of N agencies (default 1,000) on a real dev
 * server, the portal in-process, DOJ's officer signed in through the development identity provider in Chromium, then
 * the inbox and the obligation page requested one after another with that session (server time: request to last
 * byte, no browser rendering). Target: p99 under 300 ms on a two-core machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { chromium } from 'playwright-core';
import { startCampaign } from '../client/campaign';
import type { Agency } from '../domain/agency';
import { findDirective } from '../domain/library';
import { loadPortalConfig } from '../portal/config';
import { signInWithDevIdp } from '../scripts/servers/dev-sign-in';
import { startPortal } from '../portal/main';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/servers/chromium';
import { startDevServer } from '../scripts/servers/dev-server';
import { freePort } from '../scripts/servers/process';
import { obtainTemporalCli } from '../scripts/servers/temporal-cli';
import { loadWorkerConfig } from '../worker/config';
import { connectWorker, createWorker } from '../worker/worker';
import { printTable, quantile, writeResults, type Figure } from './results';

const agency = (id: string, i: number): Agency => ({
  id,
  name: `Agency ${id}`,
  contacts: { complianceOfficer: `o${i}@example.gov`, cio: `c${i}@example.gov`, head: `h${i}@example.gov` },
});

async function timed(url: string, cookie: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export async function benchPortalPages(count: number, requests: number): Promise<Figure[]> {
  const cli = await obtainTemporalCli();
  const server = await startDevServer({ cliPath: cli.path, port: await freePort() });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-portal-'));
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: server.address,
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    RECORD_DIR: path.join(dir, 'record'),
    AGENCIES_STORE_DIR: path.join(dir, 'agencies'),
  });
  const workerConnection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, workerConnection);
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const agencies = [
    agency('DOJ', 0),
    ...Array.from({ length: count - 1 }, (_, i) => agency(`A${String(i).padStart(5, '0')}`, i + 1)),
  ];
  const bod = findDirective('BOD-17-01')!;
  const port = await freePort();
  const portal = await startPortal(
    loadPortalConfig({
      TEMPORAL_ADDRESS: server.address,
      PORTAL_PORT: String(port),
      DEV_IDP_PORT: String(await freePort()),
      EVIDENCE_DIR: path.join(dir, 'evidence'),
      PORTAL_SESSION_KEY: randomBytes(32).toString('hex'),
    }),
    { agencies, log: () => undefined, logLevel: 'warn' },
  );
  const browser = await chromium.launch({ executablePath: ensureChromium(console.log), args: CHROMIUM_ARGS });
  try {
    await startCampaign(client, {
      directive: bod,
      agencies,
      issuedAt: new Date().toISOString(),
      taskQueue: config.connection.taskQueue,
      agenciesStoreDir: config.agenciesStoreDir,
    });
    const deadline = Date.now() + 15 * 60_000;
    while (
      (await client.workflow.count(`WorkflowType="agencyObligation" AND ExecutionStatus="Running"`)).count < count
    ) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} obligations running after 15 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithDevIdp(page, portal.url, 'o0@example.gov');
    const cookie = (await context.cookies(portal.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const figures: Figure[] = [];
    for (const [label, route] of [
      ['inbox', '/'],
      ['obligation page', '/obligations/BOD-17-01/DOJ'],
    ] as const) {
      await timed(`${portal.url}${route}`, cookie, 5); // warm-up
      const times = await timed(`${portal.url}${route}`, cookie, requests);
      const p99 = quantile(times, 0.99);
      figures.push({ name: `${label} p50`, value: quantile(times, 0.5), unit: 'ms' });
      figures.push({ name: `${label} p99`, value: p99, unit: 'ms', target: 'p99 < 300 ms', met: p99 < 300 });
    }
    printTable(`portal pages, DOJ's officer, ${count} obligations running, ${requests} requests each`, figures);
    const file = writeResults('portal-pages', figures, { obligationsRunning: count, requestsPerPage: requests });
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
    return figures;
  } finally {
    await browser.close();
    await portal.stop();
    await connection.close();
    worker.shutdown();
    await running;
    close();
    await workerConnection.close();
    await server.stop();
  }
}

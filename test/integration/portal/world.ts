/**
 * A whole portal world for the officers' and reviewers' flows: its own dev server (the built-in BOD-17-01 id must not
 * collide with other files' workflows), a worker whose emails link to the portal, a BOD 17-01 campaign over DOJ and
 * SBA issued today (nothing due yet), the portal as a separate process, and Chromium.
 */
import '../harness/quiet-runtime';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCampaign } from '../../../client/campaign';
import { obligationWorkflowId } from '../../../domain/campaign/state';
import { findDirective } from '../../../domain/library';
import type { ObligationStatus } from '../../../domain/obligation/view';
import { startDevServer, type RunningDevServer } from '../../../scripts/servers/dev-server';
import { freePort } from '../../../scripts/servers/process';
import { statusQuery } from '../../../workflows/messages';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';
import { TEST_AGENCIES, launchChromium, signIn, startPortalProcess, type PortalProcess } from './harness';

export const BOD = findDirective('BOD-17-01')!;
export const DOJ_OFFICER = TEST_AGENCIES[0]!.contacts.complianceOfficer;
export const SBA_OFFICER = TEST_AGENCIES[1]!.contacts.complianceOfficer;
export const REVIEWER = BOD.contacts.reviewer.email;

export interface PortalWorld {
  portal: PortalProcess;
  client: Client;
  browser: Browser;
  outbox: string;
  /** The compliance record the worker appends to and the portal reads (RECORD_DIR of both). */
  recordDir: string;
  status(agencyId: string): Promise<ObligationStatus>;
  /** A fresh browser context signed in as `email` (no cookie shared with another person). */
  as(email: string): Promise<{ context: BrowserContext; page: Page }>;
  /** The text of every email written to the outbox so far. */
  emails(): string[];
  stop(): Promise<void>;
}

export async function startPortalWorld(portalEnv: Record<string, string> = {}): Promise<PortalWorld> {
  const server: RunningDevServer = await startDevServer({
    cliPath: process.env.DIRECTIVE_TEST_CLI_PATH!,
    port: await freePort(),
  });
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'portal-outbox-'));
  const recordDir = mkdtempSync(path.join(os.tmpdir(), 'portal-record-'));
  const portalPort = await freePort();
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: server.address,
    MAIL_OUTBOX_DIR: outbox,
    MAIL_LEDGER_DIR: path.join(outbox, 'ledger'),
    AGENCIES_STORE_DIR: path.join(outbox, 'agencies'),
    PORTAL_URL: portalUrl,
    RECORD_DIR: recordDir,
  });
  const workerConnection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, workerConnection);
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  await startCampaign(client, {
    directive: BOD,
    agencies: TEST_AGENCIES,
    issuedAt: issuanceWhere(BOD, SCENARIOS.nothingDue),
    taskQueue: config.connection.taskQueue,
    agenciesStoreDir: config.agenciesStoreDir,
  });
  const deadline = Date.now() + 60_000;
  while ((await client.workflow.count(`DirectiveId="BOD-17-01" AND WorkflowType="agencyObligation"`)).count < 2) {
    if (Date.now() > deadline) throw new Error('the obligations did not become visible within 60 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  const [portal, browser] = await Promise.all([
    startPortalProcess({
      TEMPORAL_ADDRESS: server.address,
      PORTAL_PORT: String(portalPort),
      PORTAL_URL: portalUrl,
      RECORD_DIR: recordDir,
      ...portalEnv,
    }),
    launchChromium(),
  ]);
  return {
    portal,
    client,
    browser,
    outbox,
    recordDir,
    status: (agencyId) => client.workflow.getHandle(obligationWorkflowId('BOD-17-01', agencyId)).query(statusQuery),
    async as(email) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, portal.url, email);
      return { context, page };
    },
    emails: () =>
      readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(path.join(outbox, f), 'utf8')),
    async stop() {
      await browser.close();
      await portal.stop();
      await connection.close();
      worker.shutdown();
      await running;
      close();
      await workerConnection.close();
      await server.stop();
    },
  };
}

/**
 * What an operator sees in the Temporal Web UI, checked in a real browser: a dev server with its UI, a worker, a
 * small BOD 17-01 campaign issued so that `identify` is overdue everywhere (by a whole day at least) while `plan` is not
 * yet due (test/fixtures/issuance.ts: a date from the calendar, not "45 × 24 h ago"), and Chromium driven by Playwright.
 */
import '../harness/quiet-runtime';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser } from 'playwright-core';
import { startCampaign } from '../../../client/campaign';
import { findDirective } from '../../../domain/library';
import type { Agency } from '../../../domain/agency';
import { startDevServer, type RunningDevServer } from '../../../scripts/servers/dev-server';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/servers/chromium';
import { freePort } from '../../../scripts/servers/process';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';

const ARTIFACTS = path.resolve('test-artifacts');
const agencies: Agency[] = ['NRC', 'SBA', 'NSF'].map((id) => ({
  id,
  name: `${id} (test agency)`,
  contacts: {
    complianceOfficer: `officer@${id.toLowerCase()}.example.gov`,
    cio: `cio@${id.toLowerCase()}.example.gov`,
    head: `head@${id.toLowerCase()}.example.gov`,
  },
}));

let server: RunningDevServer;
let browser: Browser;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  const executablePath = ensureChromium((line) => console.log(line));
  server = await startDevServer({
    cliPath: process.env.DIRECTIVE_TEST_CLI_PATH!,
    port: await freePort(),
    uiPort: await freePort(),
  });
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'ui-outbox-'));
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: server.address,
    MAIL_OUTBOX_DIR: outbox,
    MAIL_LEDGER_DIR: path.join(outbox, 'ledger'),
    RECORD_DIR: path.join(outbox, 'record'),
  });
  const connection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, connection);
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    close();
    await connection.close();
  };
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection });
  const directive = findDirective('BOD-17-01')!;
  const issuedAt = issuanceWhere(directive, SCENARIOS.identifyOverdue);
  await startCampaign(client, {
    directive,
    agencies,
    issuedAt,
    taskQueue: config.connection.taskQueue,
  });
  // Visibility is eventually consistent: wait until every obligation shows as overdue.
  const deadline = Date.now() + 60_000;
  while ((await client.workflow.count('DirectiveId="BOD-17-01" AND Overdue=true')).count < agencies.length) {
    if (Date.now() > deadline) throw new Error('obligations did not become visible as overdue within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  await clientConnection.close();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stopWorker?.();
  await server?.stop();
});

test('the saved view DirectiveId="BOD-17-01" AND Overdue=true lists every overdue agency', async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const query = encodeURIComponent('DirectiveId="BOD-17-01" AND Overdue=true');
  await page.goto(`${server.uiUrl}/namespaces/default/workflows?query=${query}`);
  for (const a of agencies)
    await page.getByText(`BOD-17-01/${a.id}`, { exact: true }).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'operator-overdue-list.png'), fullPage: true });
  await page.close();
});

test("an obligation's page shows its summary and the current details table", async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.goto(`${server.uiUrl}/namespaces/default/workflows/${encodeURIComponent('BOD-17-01/NRC')}`);
  await page.getByText('BOD-17-01 · NRC · NRC (test agency)').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'operator-obligation.png'), fullPage: true });
  await page
    .getByRole('tab', { name: 'User Metadata' })
    .or(page.getByText('User Metadata', { exact: true }))
    .first()
    .click();
  // Current details come from the running worker (a query) and render as Markdown inside a sandboxed frame.
  // The UI renders each Markdown block in its own frame: summary, static details, then the current details table.
  const details = page.frameLocator('iframe[src*="milestone"]');
  await details.getByRole('cell', { name: 'identify', exact: true }).waitFor({ timeout: 30_000 });
  await expect(details.getByRole('row').filter({ hasText: 'identify' }).first().textContent()).resolves.toMatch(
    /pending, overdue/,
  );
  await expect(details.getByRole('cell', { name: 'status-1', exact: true }).count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'operator-obligation-details.png'), fullPage: true });
  await page.close();
});

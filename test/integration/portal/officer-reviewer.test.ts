/**
 * The portal as its users meet it, end to end: DOJ's compliance officer reports with evidence, the issuer's reviewer
 * sends the plan back and then approves it, and every refusal a user could provoke by editing a URL, dropping a
 * token, sending too large a file or pressing Send twice. Real dev server, worker, identity provider and Chromium.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { extract as extractTar } from 'tar';
import { createDirectoryRecordStore } from '../../../record';
import { cli } from '../cli/harness';
import { DOJ_OFFICER, REVIEWER, SBA_OFFICER, startPortalWorld, type PortalWorld } from './world';

const EVIDENCE_MAX_BYTES = 64 * 1024;
const scan = Buffer.from('Endpoint scan of 14,210 hosts, 2017-10-02: no Kaspersky-branded products found.\n');
const scanSha = createHash('sha256').update(scan).digest('hex');
const plan = Buffer.from('Plan of action: nothing to remove; monitoring continues.\n');

let world: PortalWorld;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  world = await startPortalWorld({ EVIDENCE_MAX_BYTES: String(EVIDENCE_MAX_BYTES) });
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const ARTIFACTS = path.resolve('test-artifacts');
/** Screenshots for people (the README's tour uses them): test-artifacts/portal-*.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `portal-${name}.png`) });

const evidenceFiles = () => readdirSync(path.join(world.portal.dir, 'evidence')).filter((f) => !f.startsWith('.'));

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function fillReport(page: Page, summary: string, file?: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('What was done, and how it was verified').fill(summary);
  // USWDS's file input replaces the label's name with its own instructions ("Drag files here or choose from folder").
  if (file) await page.locator('input#files').setInputFiles(file);
  // USWDS draws its own checkbox and radio buttons and moves the real inputs off-screen: people click the label.
  await page.getByText('I attest that this report is accurate and complete.').click();
}

test("DOJ's officer sees BOD-17-01 in the inbox, reports identify with a file, and gets a receipt with its SHA-256", async () => {
  const { context, page } = await world.as(DOJ_OFFICER);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'inbox');
  const row = page.getByRole('row').filter({ hasText: 'BOD-17-01 — DOJ' });
  await expect(row.textContent()).resolves.toContain('Identify Kaspersky-branded products');
  await expect(page.getByText('BOD-17-01 — SBA').count()).resolves.toBe(0);

  await row.getByRole('link', { name: 'BOD-17-01 — DOJ' }).click();
  await page.getByRole('heading', { name: 'BOD-17-01 — DOJ' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Report Identify Kaspersky-branded products' }).click();
  await page.getByRole('heading', { name: 'Report: Identify Kaspersky-branded products' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'report-form');

  await fillReport(page, 'Scanned every endpoint; none found.', {
    name: 'scan.txt',
    mimeType: 'text/plain',
    buffer: scan,
  });
  await page.getByRole('button', { name: 'Send the report' }).click();
  await page.getByRole('heading', { name: 'Received: Identify Kaspersky-branded products' }).waitFor();
  await expect(page.getByRole('status').textContent()).resolves.toContain(`scan.txt: SHA-256 ${scanSha}`);
  await shot(page, 'receipt');
  await context.close();

  const status = await world.status('DOJ');
  const identify = status.milestones.find((m) => m.id === 'identify')!;
  expect(identify.state).toBe('completed');
  expect(identify.completedBy).toBe(DOJ_OFFICER);
  const [round] = identify.submissions;
  expect(round?.actor).toMatchObject({ channel: 'portal', email: DOJ_OFFICER, issuer: world.portal.idpUrl });
  expect(round?.actor?.subject).toMatch(/\S/);
  expect(round?.evidence?.files).toEqual([
    { name: 'scan.txt', size: scan.length, mediaType: 'text/plain', sha256: scanSha },
  ]);
  expect(status.history.find((h) => h.event === 'completed')?.actor?.channel).toBe('portal');
  expect(evidenceFiles()).toEqual([scanSha]);
});

test("the receipt email links back to the obligation's page in the portal", async () => {
  const deadline = Date.now() + 30_000;
  let receipt: string | undefined;
  while (!receipt && Date.now() < deadline) {
    const mails = await Promise.all(world.emails().map((raw) => simpleParser(raw)));
    receipt = mails.find((m) => m.subject === '[BOD-17-01] Completed: identify (DOJ)')?.text;
    if (!receipt) await new Promise((r) => setTimeout(r, 300));
  }
  expect(receipt).toContain(
    `Open it in the portal (sign in required):\n  ${world.portal.url}/obligations/BOD-17-01/DOJ\n`,
  );
});

test("the evidence downloads as an attachment with nosniff, for DOJ's officer and the reviewer only", async () => {
  const url = `${world.portal.url}/evidence/${scanSha}?directive=BOD-17-01&agency=DOJ`;
  for (const email of [DOJ_OFFICER, REVIEWER]) {
    const { context, page } = await world.as(email);
    const response = await page.request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="scan.txt"/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(await response.body()).equals(scan)).toBe(true);
    await context.close();
  }
  const { context, page } = await world.as(SBA_OFFICER);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(url.replace('agency=DOJ', 'agency=SBA'))).status()).toBe(404);
  await context.close();
});

test("DOJ's officer editing the URL to SBA's obligation, report form or report action gets 404, never SBA's data", async () => {
  const { context, page } = await world.as(DOJ_OFFICER);
  for (const route of [
    '/obligations/BOD-17-01/SBA',
    '/obligations/BOD-17-01/SBA/milestones/identify/report',
    '/obligations/BOD-17-01/NOPE',
    '/obligations/BOD-17-01/..%2FSBA',
  ]) {
    const response = await page.goto(`${world.portal.url}${route}`);
    expect({ route, status: response?.status() }).toEqual({ route, status: 404 });
    await expect(page.locator('body').textContent()).resolves.not.toContain('SBA (test agency)');
  }
  await context.close();
});

test('a report form posted without its CSRF token is refused and nothing is recorded', async () => {
  const { context, page } = await world.as(DOJ_OFFICER);
  const before = await world.status('DOJ');
  const response = await page.request.post(`${world.portal.url}/obligations/BOD-17-01/DOJ/milestones/plan/report`, {
    multipart: {
      requestId: '7d0c6f5e-0000-4000-8000-000000000001',
      summary: 'forged',
      attest: 'yes',
      files: { name: 'plan.txt', mimeType: 'text/plain', buffer: plan },
    },
  });
  expect(response.status()).toBe(403);
  const after = await world.status('DOJ');
  expect(after.history).toEqual(before.history);
  expect(evidenceFiles()).toEqual([scanSha]);
  await context.close();
});

test('a file over the limit is refused with a message next to the field, the input kept and nothing recorded', async () => {
  const { context, page } = await world.as(DOJ_OFFICER);
  await page.goto(`${world.portal.url}/obligations/BOD-17-01/DOJ/milestones/plan/report`);
  await fillReport(page, 'Our plan, with the inventory attached.', {
    name: 'inventory.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 1),
  });
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.locator('#files-error').textContent()).resolves.toBe(
    'inventory.bin is larger than the limit of 64 KB: nothing was recorded',
  );
  await expect(page.getByLabel('What was done, and how it was verified').inputValue()).resolves.toBe(
    'Our plan, with the inventory attached.',
  );
  const plan = (await world.status('DOJ')).milestones.find((m) => m.id === 'plan')!;
  expect(plan.state).toBe('pending');
  expect(plan.submissions).toEqual([]);
  expect(evidenceFiles()).toEqual([scanSha]);
  await context.close();
});

test('a report sent twice (double-click, resent form) is applied once', async () => {
  const { context, page } = await world.as(DOJ_OFFICER);
  await page.goto(`${world.portal.url}/obligations/BOD-17-01/DOJ/milestones/plan/report`);
  await fillReport(page, 'Plan of action, first round.', { name: 'plan.txt', mimeType: 'text/plain', buffer: plan });
  // The same form, sent twice at once: same request id, same token, same file.
  // Browser code as a string: the project compiles without the DOM's types.
  const statuses = await page.evaluate(`(async () => {
    const form = document.querySelector('form[enctype="multipart/form-data"]');
    const send = () => fetch(form.action, { method: 'POST', body: new FormData(form) }).then((r) => r.status);
    return Promise.all([send(), send()]);
  })()`);
  expect(statuses).toEqual([200, 200]);
  const status = await world.status('DOJ');
  const planView = status.milestones.find((m) => m.id === 'plan')!;
  expect(planView.state).toBe('submitted');
  expect(planView.submissions).toHaveLength(1);
  expect(status.history.filter((h) => h.event === 'submitted' && h.milestoneId === 'plan')).toHaveLength(1);
  await context.close();
});

test('the reviewer sends the plan back with a comment; the officer sees "changes requested", resubmits, and the reviewer approves', async () => {
  const reviewer = await world.as(REVIEWER);
  await reviewer.page.goto(`${world.portal.url}/review`);
  expect(await seriousViolations(reviewer.page)).toEqual([]);
  await reviewer.page.getByRole('link', { name: 'BOD-17-01 — DOJ' }).click();
  await reviewer.page.getByRole('button', { name: 'Send the review' }).waitFor();
  expect(await seriousViolations(reviewer.page)).toEqual([]);
  await shot(reviewer.page, 'review');
  await reviewer.page.getByText('Request changes', { exact: true }).click();
  await reviewer.page.getByLabel('Comment to the agency').fill('The timeline for monitoring is missing.');
  await reviewer.page.getByRole('button', { name: 'Send the review' }).click();
  await reviewer.page.getByText('Changes requested by').first().waitFor();

  const officer = await world.as(DOJ_OFFICER);
  const row = officer.page.getByRole('row').filter({ hasText: 'BOD-17-01 — DOJ' });
  await expect(row.textContent()).resolves.toContain('Changes requested');
  await row.getByRole('link', { name: 'BOD-17-01 — DOJ' }).click();
  await expect(officer.page.locator('main').textContent()).resolves.toContain(
    'The timeline for monitoring is missing.',
  );
  await officer.page.getByRole('link', { name: /Report again/ }).click();
  await fillReport(officer.page, 'Plan of action, with a monitoring timeline.');
  await officer.page.getByRole('button', { name: 'Send the report' }).click();
  await officer.page.getByRole('heading', { name: 'Received: Plan of action for removal' }).waitFor();

  await reviewer.page.goto(`${world.portal.url}/review`);
  await expect(reviewer.page.getByRole('row').filter({ hasText: 'BOD-17-01 — DOJ' }).textContent()).resolves.toContain(
    'round 2',
  );
  await reviewer.page.getByRole('link', { name: 'BOD-17-01 — DOJ' }).click();
  await reviewer.page.getByText('Approve', { exact: true }).click();
  await reviewer.page.getByLabel('Comment to the agency').fill('Thank you.');
  await reviewer.page.getByRole('button', { name: 'Send the review' }).click();
  await reviewer.page.getByText('Approved by').first().waitFor();

  const planView = (await world.status('DOJ')).milestones.find((m) => m.id === 'plan')!;
  expect(planView.state).toBe('completed');
  expect(planView.submissions.map((s) => [s.actor?.channel, s.review?.decision, s.review?.reviewer])).toEqual([
    ['portal', 'reject', REVIEWER],
    ['portal', 'approve', REVIEWER],
  ]);
  expect(planView.submissions[1]?.review?.actor).toMatchObject({ channel: 'portal', email: REVIEWER });
  await officer.page.reload();
  await shot(officer.page, 'obligation');
  await reviewer.context.close();
  await officer.context.close();
});

test("the obligation page shows the compliance record's head hash, and the agency's signed export downloads and verifies; SBA's officer gets 404", async () => {
  const store = createDirectoryRecordStore(world.recordDir);
  // The workflow appends in the background: wait until the record holds the whole history.
  const recordedLength = async () => ((await store.head('BOD-17-01/DOJ'))?.seq ?? -1) + 1;
  const deadline = Date.now() + 30_000;
  while ((await recordedLength()) < (await world.status('DOJ')).history.length) {
    if (Date.now() > deadline) throw new Error('the record did not catch up with the history within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const head = (await store.head('BOD-17-01/DOJ'))!;

  const { context, page } = await world.as(DOJ_OFFICER);
  await page.goto(`${world.portal.url}/obligations/BOD-17-01/DOJ`);
  await expect(page.locator('main').textContent()).resolves.toContain(head.hash);
  const href = await page.getByRole('link', { name: 'Download the signed export' }).getAttribute('href');
  expect(href).toBe('/obligations/BOD-17-01/DOJ/record.tar.gz');
  const response = await page.request.get(`${world.portal.url}${href!}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toBe('attachment; filename="BOD-17-01-DOJ-record.tar.gz"');
  const out = mkdtempSync(path.join(os.tmpdir(), 'portal-export-'));
  writeFileSync(path.join(out, 'record.tar.gz'), await response.body());
  await context.close();

  await extractTar({ file: path.join(out, 'record.tar.gz'), cwd: out });
  const exported = path.join(out, 'BOD-17-01-DOJ-record');
  const verified = await cli(['audit', 'verify', exported], {});
  expect(verified.stdout).toContain(`verified: ${exported}`);
  const manifest = JSON.parse(readFileSync(path.join(exported, 'manifest.json'), 'utf8')) as {
    chains: { obligationId: string; headHash: string }[];
    evidence: { sha256: string }[];
  };
  expect(manifest.chains).toEqual([expect.objectContaining({ obligationId: 'BOD-17-01/DOJ', headHash: head.hash })]);
  // The file DOJ's officer uploaded travels with the export, named by its SHA-256.
  expect(manifest.evidence.map((e) => e.sha256)).toContain(scanSha);

  const sba = await world.as(SBA_OFFICER);
  expect((await sba.page.request.get(`${world.portal.url}${href!}`)).status()).toBe(404);
  await sba.context.close();
});

test("a reviewer cannot report an agency's milestone, and an officer has no review queue", async () => {
  const reviewer = await world.as(REVIEWER);
  const form = await reviewer.page.goto(`${world.portal.url}/obligations/BOD-17-01/SBA/milestones/identify/report`);
  expect(form?.status()).toBe(404);
  await reviewer.context.close();
  const officer = await world.as(SBA_OFFICER);
  expect((await officer.page.goto(`${world.portal.url}/review`))?.status()).toBe(404);
  await officer.context.close();
});

test("SBA's officer reports identify with the keyboard alone", async () => {
  const { context, page } = await world.as(SBA_OFFICER);
  await page.goto(`${world.portal.url}/obligations/BOD-17-01/SBA/milestones/identify/report`);
  await page.getByLabel('What was done, and how it was verified').focus();
  await page.keyboard.type('Scanned; none found.');
  // Tab through the date and the file input to the attestation, tick it with the space bar, then send with Enter.
  for (let i = 0; i < 10 && !(await page.evaluate("document.activeElement?.id === 'attest'")); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement?.textContent?.trim()')).resolves.toBe('Send the report');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Received: Identify Kaspersky-branded products' }).waitFor();
  await context.close();
});

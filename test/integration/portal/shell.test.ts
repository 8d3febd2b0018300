/**
 * The portal's shell as people meet it: signing in through the development identity provider, the no-access page,
 * CSRF refusals, signing out, off-site return addresses, and accessibility of the pages everyone sees first.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn, startPortalProcess, type PortalProcess } from './harness';

let portal: PortalProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [portal, browser] = await Promise.all([startPortalProcess(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

// Each test is a different person in a fresh browser: no cookie carries over.
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

async function seriousViolations(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('an agency officer signs in through the identity provider and lands on the inbox, under their own address', async () => {
  await page.goto(portal.url);
  // Not signed in: the portal sends the browser to the identity provider's login page.
  await page.getByRole('heading', { name: 'Development sign-in — not for production' }).waitFor();
  expect(new URL(page.url()).origin).toBe(portal.idpUrl);

  await signIn(page, portal.url, 'Officer@DOJ.example.gov');
  expect(page.url()).toBe(`${portal.url}/`);
  await expect(page.locator('body').textContent()).resolves.toContain('officer@doj.example.gov');
  // The log names the person by the provider's subject only.
  const log = await portal.waitForOutput(/"action":"sign-in","outcome":"ok"/);
  expect(log).not.toMatch(/officer@doj/i);
});

test('someone on no roster sees only the no-access page, whatever address they type', async () => {
  await signIn(page, portal.url, 'stranger@example.com');
  await page.getByRole('heading', { name: 'You have no access to the portal' }).waitFor();
  await expect(page.locator('main').textContent()).resolves.toContain('stranger@example.com');
  for (const route of ['/', '/review', '/obligations/BOD-17-01/DOJ', '/evidence/' + 'a'.repeat(64), '/no-such-page']) {
    const response = await page.goto(`${portal.url}${route}`);
    expect({ route, status: response?.status() }).toEqual({ route, status: 403 });
    await page.getByRole('heading', { name: 'You have no access to the portal' }).waitFor();
  }
  // A form posted to any address gets the same answer.
  const posted = await page.request.post(`${portal.url}/obligations/BOD-17-01/DOJ`, { form: { summary: 'x' } });
  expect(posted.status()).toBe(403);
  await expect(posted.text()).resolves.toContain('You have no access to the portal');
});

test('a form posted without its CSRF token is refused with 403, and nothing happens', async () => {
  await signIn(page, portal.url, 'officer@sba.example.gov');
  const forms: Record<string, string>[] = [{}, { _csrf: 'forged-token' }];
  for (const form of forms) {
    const refused = await page.request.post(`${portal.url}/sign-out`, { form, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    await expect(refused.text()).resolves.toContain('This form was refused');
  }
  // Still signed in: the refused sign-out did nothing.
  const inbox = await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
  expect(inbox.status()).toBe(200);
  await portal.waitForOutput(/"action":"POST \/sign-out","outcome":"refused"/);
});

test('signing out ends the session: the next page asks to sign in again', async () => {
  await signIn(page, portal.url, 'cio@doj.example.gov');
  // Every signed-in page carries the header's sign-out button; the 404 page has no content of its own.
  await page.goto(`${portal.url}/no-such-page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Signed out' }).waitFor();

  const next = await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
  expect(next.status()).toBe(303);
  expect(next.headers().location).toBe('/sign-in?returnTo=%2F');
});

test('a return address off the site is ignored after sign-in; one on the site is honoured', async () => {
  for (const returnTo of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
    await context.clearCookies();
    await signIn(page, portal.url, 'head@doj.example.gov', returnTo);
    expect(page.url()).toBe(`${portal.url}/`);
  }
  await context.clearCookies();
  await signIn(page, portal.url, 'head@doj.example.gov', '/no-such-page?tab=1');
  expect(page.url()).toBe(`${portal.url}/no-such-page?tab=1`);
});

test('the sign-in page and the no-access page have no serious or critical accessibility violation', async () => {
  await page.goto(`${portal.url}/sign-in`);
  await page.getByRole('heading', { name: 'Development sign-in — not for production' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await signIn(page, portal.url, 'nobody@example.org');
  await page.getByRole('heading', { name: 'You have no access to the portal' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the signed-in layout (the 404 page: header, navigation, sign-out) has no serious or critical violation', async () => {
  await signIn(page, portal.url, 'officer@doj.example.gov', '/no-such-page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the sign-in page works with the keyboard alone', async () => {
  await page.goto(`${portal.url}/sign-in`);
  await page.getByRole('heading', { name: 'Development sign-in — not for production' }).waitFor();
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement.id')).resolves.toBe('email');
  await page.keyboard.type('officer@doj.example.gov');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${portal.url}/`);
});

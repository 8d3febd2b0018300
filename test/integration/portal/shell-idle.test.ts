/** A session ends after PORTAL_IDLE_MINUTES without a request (a fraction here: 3 seconds), and not while in use. */
import type { Browser } from 'playwright-core';
import { launchChromium, signIn, startPortalProcess, type PortalProcess } from './harness';

let portal: PortalProcess;
let browser: Browser;

beforeAll(async () => {
  [portal, browser] = await Promise.all([startPortalProcess({ PORTAL_IDLE_MINUTES: '0.05' }), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a session in use stays open; left idle past the timeout, the next page asks to sign in again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, portal.url, 'officer@doj.example.gov');

  // Each request resets the idle clock: 4.5 s of activity, never 3 s apart.
  for (let i = 0; i < 3; i++) {
    await sleep(1_500);
    const inUse = await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
    expect(inUse.status()).toBe(200);
  }

  await sleep(3_500);
  const idle = await page.request.get(`${portal.url}/`, { maxRedirects: 0 });
  expect(idle.status()).toBe(303);
  expect(idle.headers().location).toBe('/sign-in?returnTo=%2F');
  await context.close();
});

import type { Page } from 'playwright-core';

/**
 * Signs in to the portal through the real redirect flow of the development identity provider: the portal's /sign-in,
 * the provider's login page (types the address, presses Sign in), and back through the callback. Resolves on the
 * first portal page after the callback. For tests and benchmarks, in the system's Chromium.
 */
export async function signInWithDevIdp(page: Page, portalUrl: string, email: string, returnTo?: string): Promise<void> {
  const start = `${portalUrl}/sign-in${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
  await page.goto(start);
  await page.getByRole('heading', { name: 'Development sign-in — not for production' }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const origin = new URL(portalUrl).origin;
  await page.waitForURL((url) => url.origin === origin && !url.pathname.startsWith('/auth/'));
}

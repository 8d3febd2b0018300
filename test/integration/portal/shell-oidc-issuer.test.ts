/**
 * With OIDC_ISSUER_URL set, the development identity provider never starts; a provider that cannot be reached makes
 * sign-in fail with a page that reveals nothing, and the portal keeps serving.
 */
import { freePort, isPortFree } from '../../../scripts/servers/process';
import { startPortalProcess, type PortalProcess } from './harness';

let portal: PortalProcess;
let devIdpPort: number;

beforeAll(async () => {
  devIdpPort = await freePort();
  // Nothing listens at the issuer: discovery happens at the first sign-in, not at start.
  const issuerPort = await freePort();
  portal = await startPortalProcess({
    OIDC_ISSUER_URL: `http://127.0.0.1:${issuerPort}`,
    OIDC_CLIENT_ID: 'portal',
    OIDC_CLIENT_SECRET: 'a-secret-from-the-real-provider',
    DEV_IDP_PORT: String(devIdpPort),
  });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
});

test('the development identity provider is not started when OIDC_ISSUER_URL is set', async () => {
  expect(portal.output()).toContain(`Portal: ${portal.url}`);
  expect(portal.output()).not.toMatch(/Development sign-in/);
  expect(portal.idpUrl).toBeUndefined();
  await expect(isPortFree(devIdpPort)).resolves.toBe(true);
});

test('an unreachable identity provider fails the sign-in with an error page that reveals nothing', async () => {
  const response = await fetch(`${portal.url}/sign-in`, { redirect: 'manual' });
  expect(response.status).toBe(500);
  const body = await response.text();
  expect(body).toContain('Something went wrong');
  expect(body).not.toMatch(/discovery|127\.0\.0\.1|Error|at .*\.ts/);
  // The cause is in the server's log, for the operator.
  await portal.waitForOutput(/discovery at http:\/\/127\.0\.0\.1:\d+\/ failed/);
});

test('too many sign-ins or form posts from one place get a clear 429 page', async () => {
  const statuses = async (count: number, send: () => Promise<Response>): Promise<number[]> => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await send()).status);
    return seen;
  };
  // 30 sign-ins a minute (the test above may have made one), then 429.
  const signIns = await statuses(31, () => fetch(`${portal.url}/sign-in`, { redirect: 'manual' }));
  const firstRefused = signIns.indexOf(429);
  expect(firstRefused).toBeGreaterThanOrEqual(29);
  expect(signIns.slice(0, firstRefused).every((s) => s === 500)).toBe(true);
  const limited = await fetch(`${portal.url}/sign-in`, { redirect: 'manual' });
  expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  await expect(limited.text()).resolves.toContain('Too many requests');

  // 60 posts a minute.
  const post = () =>
    fetch(`${portal.url}/sign-out`, {
      method: 'POST',
      body: new URLSearchParams({}),
      redirect: 'manual',
    });
  const posts = await statuses(61, post);
  expect(posts.slice(0, 60).every((s) => s === 303)).toBe(true);
  expect(posts[60]).toBe(429);
});

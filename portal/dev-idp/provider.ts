/**
 * An embedded OpenID Connect provider for development and tests (oidc-provider): one client, the portal, with PKCE
 * required and consent given automatically. It listens on 127.0.0.1 only, and `main` never starts it when
 * OIDC_ISSUER_URL is set.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import Provider, { type Configuration, type OidcContext } from 'oidc-provider';
import { z } from 'zod';
import type { OidcConfig } from '../config';
import { uswdsDist } from '../http/assets';
import { devSubject, type DevAccount } from './accounts';
import { loginPage, messagePage } from './login-page';

export const DEV_CLIENT_ID = 'portal';
const SCOPE = 'openid email profile';
const MAX_FORM_BYTES = 16 * 1024;
const Email = z.email().max(254);
const USWDS_DIST = uswdsDist();

export interface RunningDevIdp {
  oidc: OidcConfig;
  stop(): Promise<void>;
}

export async function startDevIdp(input: {
  port: number;
  /** The portal's callback, e.g. http://127.0.0.1:8080/auth/callback. */
  redirectUri: string;
  accounts: readonly DevAccount[];
}): Promise<RunningDevIdp> {
  const issuer = `http://127.0.0.1:${input.port}`;
  const clientSecret = randomBytes(32).toString('hex');
  const bySubject = new Map<string, { email: string; name?: string }>();
  const remember = (email: string, name?: string): string => {
    const subject = devSubject(email);
    if (!bySubject.has(subject)) bySubject.set(subject, { email: email.toLowerCase(), name });
    return subject;
  };
  for (const a of input.accounts) remember(a.email, a.name);

  const provider = new Provider(issuer, configuration({ redirectUri: input.redirectUri, clientSecret, bySubject }));
  const handleProvider = provider.callback();
  const portalOrigin = new URL(input.redirectUri).origin;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname.startsWith('/assets/')) return serveAsset(url.pathname.slice('/assets/'.length), res);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return handleProvider(req, res);
    void interaction(req, res, Boolean(match[2])).catch((err: Error) => {
      if (!res.headersSent) send(res, 400, messagePage('Sign-in did not complete', err.message));
    });
  });

  async function interaction(req: IncomingMessage, res: ServerResponse, isLogin: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const action = `/interaction/${details.uid}/login`;
    if (details.prompt.name === 'consent') {
      // Consent is automatic: this provider serves the portal alone (loadExistingGrant normally covers it).
      const grant = new provider.Grant({ clientId: DEV_CLIENT_ID, accountId: details.session!.accountId });
      grant.addOIDCScope(SCOPE);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (!isLogin || req.method !== 'POST') return send(res, 200, loginPage({ action, accounts: input.accounts }));
    const typed = new URLSearchParams(await readBody(req)).get('email')?.trim() ?? '';
    const email = Email.safeParse(typed);
    if (!email.success)
      return send(
        res,
        400,
        loginPage({
          action,
          accounts: input.accounts,
          email: typed,
          error: 'Enter an email address, e.g. officer@doj.example.gov',
        }),
      );
    const accountId = remember(email.data);
    return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }

  function send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The form's redirects end at the portal's callback, which form-action must allow too.
      'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self' ${portalOrigin}; frame-ancestors 'none'; base-uri 'none'`,
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port, '127.0.0.1', () => resolve());
  });
  return {
    oidc: { issuerUrl: issuer, clientId: DEV_CLIENT_ID, clientSecret },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function configuration(input: {
  redirectUri: string;
  clientSecret: string;
  bySubject: ReadonlyMap<string, { email: string; name?: string }>;
}): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        client_secret: input.clientSecret,
        redirect_uris: [input.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount(_ctx, sub) {
      const person = input.bySubject.get(sub);
      if (!person) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: sub,
        claims: () => ({
          sub,
          email: person.email,
          email_verified: true,
          ...(person.name ? { name: person.name } : {}),
        }),
      });
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { methods: ['S256'], required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'dev-idp' }] },
    async loadExistingGrant(ctx: OidcContext) {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session?.accountId;
      if (!clientId || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(SCOPE);
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = messagePage('Sign-in error (development provider)', Object.values(out).join(' — '));
      return Promise.resolve();
    },
  };
}

const ASSET_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The login page's USWDS stylesheet and what it references, from the same files the portal serves. */
function serveAsset(relative: string, res: ServerResponse): void {
  const file = path.resolve(USWDS_DIST, decodeURIComponent(relative));
  const type = ASSET_TYPES[path.extname(file)];
  if (!file.startsWith(USWDS_DIST + path.sep) || !type || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600', 'x-content-type-options': 'nosniff' });
  createReadStream(file).pipe(res);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

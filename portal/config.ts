/**
 * The portal's configuration, read once from the environment and validated together, so one start reports every bad
 * variable at once, each problem naming its variable. The Temporal connection reuses the CLI's and worker's variables.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, collectConnectionConfig, definedEnv, type ConnectionConfig } from '../client/config';
import { describeIssues } from '../domain/zod-issues';
import {
  DEFAULT_SIGNING_KEY_FILE,
  loadSigningKey,
  RecordEnv,
  recordConfig,
  SigningKeyError,
  type RecordConfig,
  type SigningKey,
} from '../record';

const MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024; // 1 GiB: larger files belong in a document system, linked by URL

const port = z.coerce
  .number({ error: 'expected a port number (1-65535)' })
  .int('expected a port number (1-65535)')
  .min(1, 'expected a port number (1-65535)')
  .max(65535, 'expected a port number (1-65535)');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An http(s) origin; http only on a loopback host (the embedded development provider, a local proxy). */
const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `expected an http(s) URL of ${what}` }).superRefine((value, ctx) => {
    if (!URL.canParse(value)) return; // already refused by z.url()
    const url = new URL(value);
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
      ctx.addIssue({ code: 'custom', message: `https required (http only on 127.0.0.1 or localhost): ${value}` });
    if (url.search || url.hash || url.username || url.password)
      ctx.addIssue({ code: 'custom', message: 'no query, fragment or credentials in this URL' });
  });

/** 32 bytes, as 64 hex digits or base64 (what `openssl rand -hex 32` / `-base64 32` print). */
const sessionKey = z.string().transform((value, ctx) => {
  const text = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && bytes.toString('base64') !== text)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32)',
    });
    return z.NEVER;
  }
  return bytes;
});

const PortalEnv = z.object({
  PORTAL_PORT: port.default(8080),
  PORTAL_HOST: z
    .string()
    .regex(/^[^\s/]+$/, 'expected a host name or address, e.g. 127.0.0.1')
    .default('127.0.0.1'),
  PORTAL_URL: httpUrl('the portal, e.g. https://directives.example.gov')
    .refine(
      (v) => !URL.canParse(v) || new URL(v).pathname === '/',
      'expected an origin without a path, e.g. https://directives.example.gov',
    )
    .optional(),
  OIDC_ISSUER_URL: httpUrl('the OpenID Connect issuer').optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
  EVIDENCE_MAX_BYTES: z.coerce
    .number({ error: 'expected a number of bytes' })
    .int('expected a whole number of bytes')
    .min(1, 'expected at least 1 byte')
    .max(MAX_EVIDENCE_BYTES, `at most ${MAX_EVIDENCE_BYTES} bytes (1 GiB)`)
    .default(25 * 1024 * 1024),
  PORTAL_AGENCIES_FILE: z.string().min(1).default('data/agencies/cfo-act.json'),
  PORTAL_ROSTER_FILE: z.string().min(1).optional(),
  PORTAL_SESSION_KEY: sessionKey.optional(),
  // A fraction is allowed (0.05 = 3 s), so tests can watch a session expire.
  PORTAL_IDLE_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .positive('expected more than 0 minutes')
    .max(24 * 60, 'at most 1440 minutes (a day)')
    .default(30),
  DEV_IDP_PORT: port.optional(),
});

const OIDC_VARIABLES = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface PortalConfig {
  connection: ConnectionConfig;
  host: string;
  port: number;
  /** The public base URL, without trailing slash: redirect URI, links in pages, and cookies' Secure flag. */
  url: string;
  /** Unset: the embedded development identity provider runs on `devIdpPort`. */
  oidc?: OidcConfig;
  devIdpPort: number;
  evidenceDir: string;
  evidenceMaxBytes: number;
  agenciesFile: string;
  rosterFile?: string;
  /** Unset: `main` reads or creates `.data/portal-session.key`. */
  sessionKey?: Buffer;
  idleMs: number;
  /** The compliance record (RECORD_DATABASE_URL, else RECORD_DIR), read for its head hash and the agency's export. */
  record: RecordConfig;
  /** Unset when no key is configured: the obligation page then offers no export. */
  signingKey?: SigningKey;
}

export function loadPortalConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const problems: string[] = [];
  const connection = collectConnectionConfig(env, problems);
  const parsed = PortalEnv.safeParse(definedEnv(env));
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, '(environment)'));
  const e = parsed.success ? parsed.data : undefined;

  // From the raw values, so this is reported beside any other problem.
  const oidcSet = OIDC_VARIABLES.map((name) => definedEnv(env)[name] !== undefined);
  if (oidcSet.some(Boolean) && !oidcSet.every(Boolean))
    problems.push(
      'OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three, or none for the development sign-in',
    );
  const devIdpPort = e ? (e.DEV_IDP_PORT ?? e.PORTAL_PORT + 1) : 0;
  if (e && !e.OIDC_ISSUER_URL && devIdpPort > 65535) problems.push('DEV_IDP_PORT: expected a port number (1-65535)');
  if (e && !e.OIDC_ISSUER_URL && devIdpPort === e.PORTAL_PORT)
    problems.push('DEV_IDP_PORT: must differ from PORTAL_PORT');

  const record = RecordEnv.safeParse(definedEnv(env));
  if (!record.success) problems.push(...describeIssues(record.error.issues, '(environment)'));
  const signingKey = portalSigningKey(env, problems);

  if (problems.length > 0 || !connection || !e || !record.success) throw new ConfigError(problems);
  return {
    connection,
    host: e.PORTAL_HOST,
    port: e.PORTAL_PORT,
    url: (e.PORTAL_URL ?? `http://127.0.0.1:${e.PORTAL_PORT}`).replace(/\/+$/, ''),
    oidc: e.OIDC_ISSUER_URL
      ? { issuerUrl: e.OIDC_ISSUER_URL, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET! }
      : undefined,
    devIdpPort,
    evidenceDir: path.resolve(e.EVIDENCE_DIR),
    evidenceMaxBytes: e.EVIDENCE_MAX_BYTES,
    agenciesFile: path.resolve(e.PORTAL_AGENCIES_FILE),
    rosterFile: e.PORTAL_ROSTER_FILE ? path.resolve(e.PORTAL_ROSTER_FILE) : undefined,
    sessionKey: e.PORTAL_SESSION_KEY,
    idleMs: Math.round(e.PORTAL_IDLE_MINUTES * 60_000),
    record: recordConfig(record.data),
    signingKey,
  };
}

/** AUDIT_SIGNING_KEY, else the key `npm start` generated; none is not an error (no export is offered), a bad one is. */
function portalSigningKey(env: NodeJS.ProcessEnv, problems: string[]): SigningKey | undefined {
  if (definedEnv(env).AUDIT_SIGNING_KEY === undefined && !existsSync(DEFAULT_SIGNING_KEY_FILE)) return undefined;
  try {
    return loadSigningKey(env);
  } catch (err) {
    if (!(err instanceof SigningKeyError)) throw err;
    problems.push(err.message);
    return undefined;
  }
}

/** Secure cookies when the public URL is https (behind a TLS-terminating proxy, the portal itself may speak http). */
export function isHttps(config: Pick<PortalConfig, 'url'>): boolean {
  return config.url.startsWith('https:');
}

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../client/config';
import { loadOrCreateSessionKey } from '../../../portal/auth/session-key';
import { loadPortalConfig } from '../../../portal/config';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadPortalConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe("the portal's configuration", () => {
  it('defaults to 127.0.0.1:8080, the development sign-in on 8081, 25 MB of evidence and 30 idle minutes', () => {
    const config = loadPortalConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      url: 'http://127.0.0.1:8080',
      oidc: undefined,
      devIdpPort: 8081,
      evidenceDir: path.resolve('.data/evidence'),
      evidenceMaxBytes: 26_214_400,
      agenciesFile: path.resolve('data/agencies/cfo-act.json'),
      rosterFile: undefined,
      sessionKey: undefined,
      idleMs: 30 * 60_000,
    });
    expect(config.connection.address).toBe('127.0.0.1:7233');
  });

  it('takes every documented variable', () => {
    const key = 'ab'.repeat(32);
    const config = loadPortalConfig({
      PORTAL_PORT: '9090',
      PORTAL_HOST: '0.0.0.0',
      PORTAL_URL: 'https://directives.example.gov/',
      OIDC_ISSUER_URL: 'https://login.example.gov/realms/directives',
      OIDC_CLIENT_ID: 'portal',
      OIDC_CLIENT_SECRET: 'secret',
      EVIDENCE_DIR: '/srv/evidence',
      EVIDENCE_MAX_BYTES: '1048576',
      PORTAL_AGENCIES_FILE: '/srv/agencies.json',
      PORTAL_ROSTER_FILE: '/srv/roster.json',
      PORTAL_SESSION_KEY: key,
      PORTAL_IDLE_MINUTES: '0.05',
      DEV_IDP_PORT: '9999',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9090,
      url: 'https://directives.example.gov',
      oidc: { issuerUrl: 'https://login.example.gov/realms/directives', clientId: 'portal', clientSecret: 'secret' },
      devIdpPort: 9999,
      evidenceDir: '/srv/evidence',
      evidenceMaxBytes: 1_048_576,
      agenciesFile: '/srv/agencies.json',
      rosterFile: '/srv/roster.json',
      idleMs: 3_000,
    });
    expect(config.sessionKey?.toString('hex')).toBe(key);
  });

  it('follows PORTAL_PORT for the public URL and the development sign-in', () => {
    expect(loadPortalConfig({ PORTAL_PORT: '3000' })).toMatchObject({ url: 'http://127.0.0.1:3000', devIdpPort: 3001 });
  });

  it('accepts the session key as base64 too', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadPortalConfig({ PORTAL_SESSION_KEY: key.toString('base64') }).sessionKey).toEqual(key);
  });

  it.each([
    ['PORTAL_PORT', '80800'],
    ['PORTAL_PORT', 'http'],
    ['PORTAL_HOST', 'two words'],
    ['PORTAL_URL', 'directives.example.gov'],
    ['PORTAL_URL', 'http://directives.example.gov'],
    ['PORTAL_URL', 'https://directives.example.gov/portal'],
    ['EVIDENCE_MAX_BYTES', '0'],
    ['EVIDENCE_MAX_BYTES', '2000000000'],
    ['EVIDENCE_MAX_BYTES', 'lots'],
    ['PORTAL_SESSION_KEY', 'too-short'],
    ['PORTAL_IDLE_MINUTES', '0'],
    ['PORTAL_IDLE_MINUTES', '100000'],
    ['DEV_IDP_PORT', '0'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('refuses an http identity provider that is not on this machine', () => {
    const found = problems({
      OIDC_ISSUER_URL: 'http://login.example.gov',
      OIDC_CLIENT_ID: 'portal',
      OIDC_CLIENT_SECRET: 'secret',
    });
    expect(found).toEqual([expect.stringMatching(/^OIDC_ISSUER_URL: https required/)]);
  });

  it('refuses part of the OpenID Connect settings, naming all three', () => {
    expect(problems({ OIDC_ISSUER_URL: 'https://login.example.gov' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three/),
    ]);
  });

  it('refuses the development sign-in on the portal own port', () => {
    expect(problems({ PORTAL_PORT: '8080', DEV_IDP_PORT: '8080' })).toEqual([
      'DEV_IDP_PORT: must differ from PORTAL_PORT',
    ]);
  });

  it('reads the compliance record where the worker writes it, and signs exports with AUDIT_SIGNING_KEY', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const config = loadPortalConfig({ RECORD_DIR: '/srv/record', AUDIT_SIGNING_KEY: pem });
    expect(config.record.dir).toBe('/srv/record');
    expect(config.signingKey?.fingerprint).toMatch(/^SHA256:/);
    expect(loadPortalConfig({ RECORD_DATABASE_URL: 'postgres://u:p@db:5432/record' }).record.databaseUrl).toBe(
      'postgres://u:p@db:5432/record',
    );
  });

  it('refuses a signing key that is not one, and a record database URL that is not PostgreSQL', () => {
    expect(problems({ AUDIT_SIGNING_KEY: '/no/such/key.pem', RECORD_DATABASE_URL: 'mysql://db/record' })).toEqual([
      expect.stringMatching(/^RECORD_DATABASE_URL: expected postgres:/),
      'AUDIT_SIGNING_KEY: neither a PEM key nor an existing file (/no/such/key.pem)',
    ]);
  });

  it('reports every bad variable at once, the connection included', () => {
    const found = problems({ TEMPORAL_ADDRESS: 'nowhere', PORTAL_PORT: '-1', EVIDENCE_MAX_BYTES: '0' });
    expect(found.map((p) => p.split(':')[0])).toEqual(['TEMPORAL_ADDRESS', 'PORTAL_PORT', 'EVIDENCE_MAX_BYTES']);
  });
});

describe('the generated session key', () => {
  it('is created once, readable by its owner only, and reused', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-key-')), '.data', 'portal-session.key');
    const first = loadOrCreateSessionKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    expect(loadOrCreateSessionKey(file)).toEqual(first);
  });
});

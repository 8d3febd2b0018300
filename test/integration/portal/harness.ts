/**
 * The portal as users meet it: a separate process (`node -r ts-node/register/transpile-only portal/main.ts`;
 * openid-client and oidc-provider are ESM, which jest cannot load), against the shared dev server, with its embedded
 * development identity provider, driven through the real redirect flow in the system's Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Agency } from '../../../domain/agency';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/servers/chromium';
import { freePort } from '../../../scripts/servers/process';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The shared dev server's address, as `devServerAddress()` in ../harness/servers reads it; that module installs a
 * Temporal runtime on import, which this harness (no worker in this process) does not need and which keeps jest up.
 */
function devServerAddress(): string {
  const address = process.env.DIRECTIVE_TEST_DEV_SERVER;
  if (!address) throw new Error('DIRECTIVE_TEST_DEV_SERVER is not set: run the tests through jest (its globalSetup)');
  return address;
}

/** Agencies of the portal under test: DOJ's and SBA's contacts are officers; anyone else is on no roster. */
export const TEST_AGENCIES: Agency[] = ['DOJ', 'SBA'].map((id) => ({
  id,
  name: `${id} (test agency)`,
  contacts: {
    complianceOfficer: `officer@${id.toLowerCase()}.example.gov`,
    cio: `cio@${id.toLowerCase()}.example.gov`,
    head: `head@${id.toLowerCase()}.example.gov`,
  },
}));

export interface PortalProcess {
  url: string;
  /** The development identity provider's issuer (unset when OIDC_ISSUER_URL was given). */
  idpUrl?: string;
  /** The directory holding this run's agencies file and evidence. */
  dir: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the output once it matches (log lines reach the pipe a moment after the response). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a portal on free ports; `env` overrides or adds variables (e.g. PORTAL_IDLE_MINUTES, OIDC_ISSUER_URL). */
export async function startPortalProcess(env: Record<string, string> = {}): Promise<PortalProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-'));
  const agenciesFile = path.join(dir, 'agencies.json');
  writeFileSync(agenciesFile, JSON.stringify(TEST_AGENCIES));
  const port = Number(env.PORTAL_PORT ?? (await freePort()));
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_ADDRESS: devServerAddress(),
    PORTAL_PORT: String(port),
    PORTAL_URL: `http://127.0.0.1:${port}`,
    DEV_IDP_PORT: String(await freePort()),
    EVIDENCE_DIR: path.join(dir, 'evidence'),
    RECORD_DIR: path.join(dir, 'record'),
    // Never the checkout's .data key: each portal signs its exports with a key of its own.
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PORTAL_AGENCIES_FILE: agenciesFile,
    PORTAL_SESSION_KEY: randomBytes(32).toString('hex'),
    ...env,
  };
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'portal/main.ts'], {
    cwd: ROOT,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForStart(child, () => output);
  const idp = /Development sign-in at (\S+)/.exec(output)?.[1];
  return {
    url: fullEnv.PORTAL_URL!,
    idpUrl: idp,
    dir,
    output: () => output,
    waitForOutput: async (pattern, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`the portal printed nothing matching ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return output;
    },
    stop: () => stopProcess(child),
  };
}

function waitForStart(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the portal did not start within 90 s:\n${output()}`));
    }, 90_000);
    const check = (): void => {
      if (/^Portal: /m.test(output())) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited (${code}) before it started:\n${output()}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium((line) => console.log(line));
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Signs in through the real redirect flow (shared with `npm run bench`, which signs in the same way). */
export { signInWithDevIdp as signIn } from '../../../scripts/servers/dev-sign-in';

import { spawnSync } from 'node:child_process';
import { isExecutable, type Log } from './process';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The operator-view check drives the system's Chromium (no browser download: only package registries are reachable).
 * As root on Debian it installs the `chromium` package; elsewhere it says what to install.
 */
export function ensureChromium(log: Log): string {
  if (isExecutable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() === 0 && isExecutable('/usr/bin/apt-get')) {
    log("Installing Debian's chromium for the Web UI check (once per machine)...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (isExecutable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  }
  throw new Error(
    `Chromium not found at ${CHROMIUM_PATH}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

/** Flags for a headless Chromium on a closed network (no background fetches that would be refused). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

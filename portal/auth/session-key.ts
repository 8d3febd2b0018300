/**
 * The key that seals session cookies. Without PORTAL_SESSION_KEY, one is generated on first start and kept in a file
 * only the owner can read, so sessions survive a restart. Several portal instances must share one key: set it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../client/config';

export const DEFAULT_SESSION_KEY_FILE = '.data/portal-session.key';

export function loadOrCreateSessionKey(file = DEFAULT_SESSION_KEY_FILE): Buffer {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    if (!/^[0-9a-f]{64}$/.test(text))
      throw new ConfigError([`PORTAL_SESSION_KEY: ${file} holds no key (64 hex digits); delete it to generate one`]);
    return Buffer.from(text, 'hex');
  }
  const key = randomBytes(32);
  mkdirSync(path.dirname(file), { recursive: true });
  // 'wx': never overwrite a key another process wrote meanwhile.
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

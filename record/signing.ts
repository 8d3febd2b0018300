/**
 * The Ed25519 key that signs audit exports (node:crypto, no dependency). AUDIT_SIGNING_KEY holds the private key as
 * PEM, or the path of a PEM file; without it, `npm start` generates one into `.data/audit-signing-key.pem`. The
 * fingerprint names a key the way SSH does: `SHA256:` and the base64 of the SHA-256 of its public key (SPKI DER).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_SIGNING_KEY_FILE = '.data/audit-signing-key.pem';

/** A key that is missing or not an Ed25519 key: the message names where it came from. */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

export function fingerprintOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

export function publicKeyPem(key: SigningKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

function ed25519(key: KeyObject, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${source} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not an Ed25519 key`);
  return key;
}

function privateFrom(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new SigningKeyError(`${source} is not a PEM private key (${(err as Error).message})`);
  }
  ed25519(privateKey, source);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/**
 * The signing key: AUDIT_SIGNING_KEY (PEM text, or a file holding it), else the generated file. None at all is an
 * error that says how to get one.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv, defaultFile = DEFAULT_SIGNING_KEY_FILE): SigningKey {
  const value = env.AUDIT_SIGNING_KEY?.trim();
  if (value) {
    if (value.startsWith('-----BEGIN')) return privateFrom(value, 'AUDIT_SIGNING_KEY');
    if (!existsSync(value))
      throw new SigningKeyError(`AUDIT_SIGNING_KEY: neither a PEM key nor an existing file (${value})`);
    return privateFrom(readFileSync(value, 'utf8'), `AUDIT_SIGNING_KEY (${value})`);
  }
  if (existsSync(defaultFile)) return privateFrom(readFileSync(defaultFile, 'utf8'), defaultFile);
  throw new SigningKeyError(
    `no signing key: set AUDIT_SIGNING_KEY to an Ed25519 private key (PEM), or run \`npm start\` once to generate ${defaultFile}`,
  );
}

/** For `npm start`: the key in `file`, generated (owner-readable only) when there is none. */
export function ensureSigningKeyFile(file = DEFAULT_SIGNING_KEY_FILE): { key: SigningKey; created: boolean } {
  if (existsSync(file)) return { key: privateFrom(readFileSync(file, 'utf8'), file), created: false };
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return { key: privateFrom(readFileSync(file, 'utf8'), file), created: true };
}

export function signDetached(key: SigningKey, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

/** A public key from PEM (public, or private: its public half), for `verify --key`. */
export function publicKeyFrom(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new SigningKeyError(`${source} is not a PEM key (${(err as Error).message})`);
  }
  return ed25519(key, source);
}

export function verifyDetached(publicKey: KeyObject, data: Buffer, signatureBase64: string): boolean {
  try {
    return verify(null, data, publicKey, Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    return false;
  }
}

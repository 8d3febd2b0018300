/**
 * Sessions in sealed cookies (@fastify/secure-session: encrypted and authenticated with the portal's key), so the
 * portal keeps no session store. The session records its last activity; past the idle timeout it is dropped.
 */
import secureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Identity } from '../identity';

export const SESSION_COOKIE = 'dde_portal';
const MAX_SESSION_SECONDS = 12 * 60 * 60;

/** What a sign-in remembers between the redirect to the identity provider and its callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  startedAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    identity: Identity;
    lastSeen: number;
    signIn: PendingSignIn;
    _csrf: string;
  }
}

export async function registerSession(app: FastifyInstance, options: { key: Buffer; secure: boolean }): Promise<void> {
  await app.register(secureSession, {
    key: options.key,
    cookieName: SESSION_COOKIE,
    // An absolute lifetime (from the sign-in), on top of the idle timeout: a working day, then sign in again.
    expiry: MAX_SESSION_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure },
  });
}

/** The signed-in identity, if the session has one and has not been idle too long; touches the session. */
export function sessionIdentity(request: FastifyRequest, idleMs: number, now = Date.now()): Identity | undefined {
  const identity = request.session.get('identity');
  const lastSeen = request.session.get('lastSeen');
  if (!identity || typeof lastSeen !== 'number') return undefined;
  if (now - lastSeen > idleMs) {
    request.session.delete();
    return undefined;
  }
  request.session.set('lastSeen', now);
  return identity;
}

/** A fresh session for who just signed in: nothing from before (pending sign-in, CSRF secret) carries over. */
export function beginSession(request: FastifyRequest, identity: Identity, now = Date.now()): void {
  request.session.regenerate();
  request.session.set('identity', identity);
  request.session.set('lastSeen', now);
}

export function endSession(request: FastifyRequest): void {
  request.session.delete();
}

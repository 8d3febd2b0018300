/**
 * CSRF protection: @fastify/csrf-protection keeps the secret in the sealed session and makes tokens
 * (`reply.generateCsrf()`, in a hidden `_csrf` field of every form). Every state-changing request in the portal
 * is checked before its handler runs; a multipart form is checked by its handler, which reads the `_csrf` field before
 * any file (`verifyCsrf`), and only on routes that say so (`config: { multipartCsrf: true }`).
 */
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler reads `_csrf` from the multipart stream and calls `verifyCsrf` before it stores anything. */
    multipartCsrf?: boolean;
  }
}

// The plugin's own token maker with the same (default) options: a token it made verifies here.
const tokens = new Tokens({});

/** A form's token is missing, stale or forged: answered 403 with a page that says nothing changed. */
export class CsrfRefused extends Error {
  readonly statusCode = 403;
  constructor() {
    super('form refused: missing or invalid CSRF token');
    this.name = 'CsrfRefused';
  }
}

export function verifyCsrf(request: FastifyRequest, token: unknown): boolean {
  const secret = request.session.get('_csrf');
  return typeof secret === 'string' && typeof token === 'string' && tokens.verify(secret, token);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMultipart(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
}

/** preHandler: runs after the body is parsed, so a urlencoded form's `_csrf` field is there. */
export function csrfGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  done(checkCsrf(request) ? undefined : new CsrfRefused());
}

function checkCsrf(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  if (isMultipart(request)) return request.routeOptions.config.multipartCsrf === true;
  const body = request.body as Record<string, unknown> | undefined;
  return verifyCsrf(request, body?._csrf ?? request.headers['csrf-token'] ?? request.headers['x-csrf-token']);
}

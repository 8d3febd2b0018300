/**
 * The signed-in scope: a Fastify plugin context whose every route needs a live session. It decorates the request
 * with who is signed in and what the roster grants them; someone on no roster gets the no-access page from every
 * route, and nothing else. State-changing requests are checked for their CSRF token before any handler runs.
 */
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { Roster } from '../access/roster';
import { sessionIdentity } from '../auth/session';
import { noAccessPage, signInRequiredPage, type Contact } from '../views/errors';
import { accessLog } from './access-log';
import { csrfGuard } from './csrf';
import { sendHtml } from './render';

export interface ScopeOptions {
  roster: Roster;
  idleMs: number;
  /** Whom the no-access page names. */
  contacts: readonly Contact[];
}

export function signedInScope(options: ScopeOptions, pages: (app: FastifyInstance) => void): FastifyPluginCallback {
  return function scope(app, _opts, done) {
    app.addHook('onRequest', async (request, reply) => {
      const outcome = admit(request, reply, options);
      if (outcome) return outcome;
    });
    app.addHook('preHandler', csrfGuard);
    pages(app);
    done();
  };
}

/**
 * Decides whether a request may go on: sets `request.identity` and `request.access`, or answers it (sign-in
 * redirect, 401, no-access page) and returns the reply. Also used by the not-found handler, so an unknown address
 * reveals no more than a known one.
 */
export function admit(request: FastifyRequest, reply: FastifyReply, options: ScopeOptions): FastifyReply | undefined {
  const identity = sessionIdentity(request, options.idleMs);
  if (!identity) {
    if (request.method === 'GET' || request.method === 'HEAD')
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
    return sendHtml(reply, signInRequiredPage(), 401);
  }
  request.identity = identity;
  const access = options.roster.accessFor(identity.email);
  if (!access) {
    accessLog(request, { action: 'enter', outcome: 'denied' });
    const csrfToken = reply.generateCsrf();
    return sendHtml(reply, noAccessPage({ identity, csrfToken, contacts: options.contacts }), 403);
  }
  request.access = access;
  return undefined;
}

/**
 * Sign-in, its callback and sign-out: the only routes besides the assets that answer without a session. The
 * pending sign-in (state, nonce, PKCE verifier, where to return) waits in the sealed session cookie.
 */
import type { FastifyPluginCallback } from 'fastify';
import { accessLog } from '../http/access-log';
import { CsrfRefused, verifyCsrf } from '../http/csrf';
import { sendHtml } from '../http/render';
import { signInFailedPage, signedOutPage } from '../views/errors';
import { SignInRefused, type SignInProvider } from './oidc';
import { safeReturnTo } from './return-to';
import { beginSession, endSession, sessionIdentity } from './session';

/** A sign-in left at the provider's page longer than this starts over. */
const PENDING_SIGN_IN_MS = 15 * 60_000;
/** Per client address: enough for a whole office behind one NAT to sign in, not for guessing. */
export const SIGN_IN_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

export function authRoutes(options: {
  provider: SignInProvider;
  baseUrl: string;
  idleMs: number;
}): FastifyPluginCallback {
  return function routes(app, _opts, done) {
    const limited = { config: { rateLimit: SIGN_IN_RATE_LIMIT } };

    app.get('/sign-in', limited, async (request, reply) => {
      const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo);
      if (sessionIdentity(request, options.idleMs)) return reply.redirect(returnTo, 303);
      const { url, pending } = await options.provider.start(returnTo);
      request.session.set('signIn', pending);
      return reply.redirect(url.href, 303);
    });

    app.get('/auth/callback', limited, async (request, reply) => {
      const pending = request.session.get('signIn');
      request.session.set('signIn', undefined);
      if (!pending || Date.now() - pending.startedAt > PENDING_SIGN_IN_MS) {
        accessLog(request, { action: 'sign-in', outcome: 'refused' });
        return sendHtml(reply, signInFailedPage(), 400);
      }
      let identity;
      try {
        identity = await options.provider.finish(new URL(request.url, options.baseUrl), pending);
      } catch (err) {
        if (!(err instanceof SignInRefused)) throw err;
        request.log.warn({ reason: err.message }, 'sign-in refused');
        accessLog(request, { action: 'sign-in', outcome: 'refused' });
        return sendHtml(reply, signInFailedPage(), 400);
      }
      beginSession(request, identity);
      accessLog(request, { action: 'sign-in', outcome: 'ok', subject: identity.subject });
      return reply.redirect(pending.returnTo, 303);
    });

    app.post('/sign-out', async (request, reply) => {
      const identity = request.session.get('identity');
      if (identity) {
        if (!verifyCsrf(request, (request.body as { _csrf?: unknown } | undefined)?._csrf)) throw new CsrfRefused();
        accessLog(request, { action: 'sign-out', outcome: 'ok', subject: identity.subject });
        endSession(request);
      }
      return reply.redirect('/signed-out', 303);
    });

    app.get('/signed-out', async (_request, reply) => sendHtml(reply, signedOutPage()));
    done();
  };
}

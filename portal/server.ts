/**
 * The portal's web server: security headers, forms, uploads, assets, sessions and sign-in, then the signed-in scope
 * where every page lives. Nothing here knows a page; `pages(app)` registers them inside the scope.
 */
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Roster } from './access/roster';
import { uswdsDist } from './http/assets';
import { isHttps, type PortalConfig } from './config';
import type { SignInProvider } from './auth/oidc';
import { authRoutes } from './auth/routes';
import { registerSession } from './auth/session';
import { accessLog } from './http/access-log';
import { CsrfRefused } from './http/csrf';
import { sendHtml } from './http/render';
import { admit, signedInScope, type ScopeOptions } from './http/signed-in-scope';
import {
  badRequestPage,
  errorPage,
  formRefusedPage,
  notFoundPage,
  tooManyRequestsPage,
  type Chrome,
  type Contact,
} from './views/errors';

/** Per signed-in person (or client address): generous for a person, a wall for a script. */
export const POST_RATE_LIMIT = { max: 60, timeWindow: 60_000 };
const USWDS_DIST = uswdsDist();

export interface PortalServerInput {
  config: Pick<PortalConfig, 'url' | 'idleMs' | 'evidenceMaxBytes'>;
  sessionKey: Buffer;
  roster: Roster;
  provider: SignInProvider;
  /** Whom the no-access page names (the directives' issuer teams). */
  contacts: readonly Contact[];
  pages: (app: FastifyInstance) => void;
  /** Pino log level; `silent` in unit runs. */
  logLevel?: string;
}

export async function buildPortal(input: PortalServerInput): Promise<FastifyInstance> {
  const { config } = input;
  const app = Fastify({
    logger: {
      level: input.logLevel ?? 'info',
      // No personal data: never a query string (a returnTo can carry anything), a header or a cookie.
      serializers: {
        req: (req) => ({ method: req.method, path: req.url?.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    // The access log says what happened; a line per request and asset would bury it.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // The sign-in redirect goes to the identity provider; forms post here only.
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(isHttps(config) ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: isHttps(config),
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, {
    limits: { fileSize: config.evidenceMaxBytes, files: 10, fields: 20, fieldSize: 64 * 1024, parts: 40 },
  });
  await app.register(fastifyStatic, { root: USWDS_DIST, prefix: '/assets/', index: false, maxAge: '1h' });
  await registerSession(app, { key: input.sessionKey, secure: isHttps(config) });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  // Every state-changing route gets the POST limit unless it sets its own. Added before the rate-limit plugin, whose
  // own onRoute hook reads the route's config after this one has set it.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)) && route.config?.rateLimit === undefined)
      route.config = { ...route.config, rateLimit: POST_RATE_LIMIT };
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.session?.get('identity')?.subject ?? request.ip,
  });
  const scope: ScopeOptions = { roster: input.roster, idleMs: config.idleMs, contacts: input.contacts };
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/assets/')) return sendHtml(reply, notFoundPage(), 404);
    const answered = admit(request, reply, scope);
    if (answered) return answered;
    return sendHtml(reply, notFoundPage(chrome(request, reply)), 404);
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof CsrfRefused) {
      accessLog(request, { action: `${request.method} ${request.routeOptions.url ?? ''}`, outcome: 'refused' });
      return sendHtml(reply, formRefusedPage(), 403);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      const after = Number(reply.getHeader('retry-after') ?? 60);
      return sendHtml(reply, tooManyRequestsPage(after), 429);
    }
    if (status >= 400 && status < 500) return sendHtml(reply, badRequestPage(), status);
    request.log.error({ err: error }, 'request failed');
    return sendHtml(reply, errorPage(), 500);
  });

  await app.register(authRoutes({ provider: input.provider, baseUrl: config.url, idleMs: config.idleMs }));
  await app.register(signedInScope(scope, input.pages));
  return app;
}

/** The signed-in header for pages the shell renders itself (404), when the person is known and on the roster. */
function chrome(request: FastifyRequest, reply: FastifyReply): Chrome {
  if (!request.identity || !request.access) return {};
  return { identity: request.identity, access: request.access, csrfToken: reply.generateCsrf() };
}

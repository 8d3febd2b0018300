/** Sends a full page for the signed-in user: their header, navigation and a fresh CSRF token for the sign-out form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { page, type PageInput } from '../views/layout';
import { signedIn } from './request';

export function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: Omit<PageInput, 'identity' | 'access' | 'csrfToken'>,
  statusCode = 200,
): FastifyReply {
  const { identity, access } = signedIn(request);
  const csrfToken = reply.generateCsrf();
  return sendHtml(reply, page({ ...input, identity, access, csrfToken }), statusCode);
}

export function sendHtml(reply: FastifyReply, markup: string, statusCode = 200): FastifyReply {
  return reply.code(statusCode).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(markup);
}

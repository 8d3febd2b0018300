/**
 * What the sign-in scope attaches to each request. Pages read it through `signedIn()`, which fails loudly if a route
 * was registered outside that scope, rather than serving it to nobody in particular.
 */
import type { FastifyRequest } from 'fastify';
import type { Access } from '../access/roster';
import type { Identity } from '../identity';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
    access?: Access;
  }
}

export function signedIn(request: FastifyRequest): { identity: Identity; access: Access } {
  const { identity, access } = request;
  if (!identity || !access) throw new Error(`route ${request.routeOptions.url ?? ''} is outside the signed-in scope`);
  return { identity, access };
}

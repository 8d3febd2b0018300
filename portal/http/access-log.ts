/** PLACEHOLDER until the portal shell lands (wt-portal owns this file). */
import type { FastifyRequest } from 'fastify';
export function accessLog(
  request: FastifyRequest,
  entry: { action: string; obligation?: string; outcome: string },
): void {
  request.log.info({ who: request.identity?.subject, ...entry }, 'access');
}

/**
 * The portal's pages (inbox, obligation, report, review, evidence). Registered inside the signed-in scope: every
 * route here runs with `request.identity` and `request.access` already set, or never runs.
 */
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { DirectiveDefinition } from '../../domain/directive';
import type { Roster } from '../access/roster';
import { signedIn } from '../http/request';

export interface PagesContext {
  client: Client;
  taskQueue: string;
  directives: readonly DirectiveDefinition[];
  roster: Roster;
  evidenceDir: string;
  evidenceMaxBytes: number;
}

// Placeholder until the pages land: the inbox names who is signed in.
export function registerPages(app: FastifyInstance, _ctx: PagesContext): void {
  app.get('/', async (request, reply) => {
    return reply.type('text/plain').send(`Signed in as ${signedIn(request).access.email}`);
  });
}

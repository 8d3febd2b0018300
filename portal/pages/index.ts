/**
 * The portal's pages (inbox, obligation, report, review, evidence, the record's export). Registered inside the signed-in scope: every
 * route here runs with `request.identity` and `request.access` already set, or never runs.
 */
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { DirectiveDefinition } from '../../domain/directive';
import type { Roster } from '../access/roster';
import { createEvidenceStore } from '../evidence/store';
import { createObligationGateway } from '../obligations/gateway';
import { registerEvidence } from './evidence';
import { registerInbox } from './inbox';
import { registerObligationPage } from './obligation';
import { registerRecordExport, type PortalRecord } from './record';
import { registerReport } from './report';
import { registerReviewQueue } from './review-queue';

export interface PagesContext {
  client: Client;
  taskQueue: string;
  directives: readonly DirectiveDefinition[];
  roster: Roster;
  evidenceDir: string;
  evidenceMaxBytes: number;
  /** The compliance record: its head on the obligation page, and the agency's signed export. */
  record?: PortalRecord;
  /** The clock for "days left" (tests may pin it). */
  now?: () => Date;
}

export function registerPages(app: FastifyInstance, ctx: PagesContext): void {
  const obligations = createObligationGateway(ctx.client, ctx.directives);
  const evidence = createEvidenceStore(ctx.evidenceDir, ctx.evidenceMaxBytes);
  const now = ctx.now ?? (() => new Date());
  registerInbox(app, obligations, now);
  registerObligationPage(app, obligations, now, ctx.record);
  registerReport(app, obligations, evidence, now);
  registerReviewQueue(app, obligations, now);
  registerEvidence(app, obligations, evidence);
  if (ctx.record) registerRecordExport(app, ctx.record);
}

/**
 * The agency's export of its compliance record, for anyone who may see the obligation: the same signed export that
 * `directive audit export --agency` writes (chain, evidence files, manifest, signature), as one .tar.gz. Unpacked, it
 * checks with `directive audit verify`, needing nothing of the portal.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { create as createTar } from 'tar';
import { ExportError, exportRecord, type RecordStore, type SigningKey } from '../../record';
import { accessLog } from '../http/access-log';
import { OBLIGATION_ROUTE, obligationParams } from './params';

export interface PortalRecord {
  store: RecordStore;
  evidenceDir: string;
  /** Unset: no signing key was configured, so the page shows the head hash but offers no export. */
  key?: SigningKey;
  namespace: string;
  engineVersion: string;
}

export const RECORD_EXPORT_ROUTE = `${OBLIGATION_ROUTE}/record.tar.gz`;

export function recordExportPath(directiveId: string, agencyId: string): string {
  return `/obligations/${encodeURIComponent(directiveId)}/${encodeURIComponent(agencyId)}/record.tar.gz`;
}

export function registerRecordExport(app: FastifyInstance, record: PortalRecord): void {
  app.get(RECORD_EXPORT_ROUTE, async (request, reply) => {
    const params = obligationParams(request);
    if (!params || !record.key) return reply.callNotFound();
    const { directiveId, agencyId } = params;
    const obligation = `${directiveId}/${agencyId}`;
    const work = await mkdtemp(path.join(os.tmpdir(), 'portal-export-'));
    const folder = `${directiveId}-${agencyId}-record`;
    const removeWork = () => rm(work, { recursive: true, force: true });
    try {
      await exportRecord({
        store: record.store,
        evidenceDir: record.evidenceDir,
        directiveId,
        agencyId,
        outDir: path.join(work, folder),
        namespace: record.namespace,
        engineVersion: record.engineVersion,
        key: record.key,
      });
    } catch (err) {
      await removeWork();
      if (err instanceof ExportError && err.kind === 'not-found') {
        accessLog(request, { action: 'export-record', obligation, outcome: 'not-found' });
        return reply.callNotFound();
      }
      // A chain already broken in the store is not signed; the log names the obligation, the page says little.
      request.log.error({ obligation }, (err as Error).message);
      accessLog(request, { action: 'export-record', obligation, outcome: 'failed' });
      throw err;
    }
    const archive = createTar({ gzip: true, cwd: work, portable: true }, await readdir(work));
    // Sent, failed or abandoned by the browser: the response closes either way.
    reply.raw.once('close', () => void removeWork());
    accessLog(request, { action: 'export-record', obligation, outcome: 'ok' });
    return reply
      .header('Content-Type', 'application/gzip')
      .header('Content-Disposition', `attachment; filename="${folder}.tar.gz"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(archive);
  });
}

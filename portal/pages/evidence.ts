/**
 * Evidence download: only for someone who may see an obligation whose record names the file (the agency's officers,
 * the directive's reviewers and issuer). The link names the obligation; the file must be in its record, else 404.
 * Served as an attachment with nosniff, and checked against its SHA-256 as it streams: an altered file breaks the
 * download instead of reaching the reader.
 */
import type { FastifyInstance } from 'fastify';
import type { ObligationStatus } from '../../domain/obligation/view';
import { idProblem } from '../../domain/limits';
import { canSee } from '../access/roster';
import { EvidenceAlteredError, SHA256, type EvidenceStore } from '../evidence/store';
import { accessLog } from '../http/access-log';
import { signedIn } from '../http/request';
import type { ObligationGateway } from '../obligations/gateway';

/** Types a browser may hand to a viewer; anything else downloads as bytes. */
const SAFE_TYPES = new Set([
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'image/png',
  'image/jpeg',
  'application/zip',
]);

function recordedFile(status: ObligationStatus, sha256: string): { name: string; mediaType: string } | undefined {
  for (const m of status.milestones)
    for (const s of m.submissions) {
      const file = s.evidence?.files?.find((f) => f.sha256 === sha256);
      if (file) return file;
      if (s.evidence?.sha256?.toLowerCase() === sha256)
        return { name: `${sha256}.bin`, mediaType: 'application/octet-stream' };
    }
  return undefined;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerEvidence(app: FastifyInstance, obligations: ObligationGateway, evidence: EvidenceStore): void {
  app.get('/evidence/:sha256', async (request, reply) => {
    const { sha256 } = request.params as { sha256: string };
    const { directive, agency } = request.query as Record<string, unknown>;
    const { access } = signedIn(request);
    if (
      !SHA256.test(sha256) ||
      typeof directive !== 'string' ||
      typeof agency !== 'string' ||
      idProblem(directive) ||
      idProblem(agency) ||
      !canSee(access, directive, agency)
    )
      return reply.callNotFound();
    const status = await obligations.status(directive, agency);
    const file = status && recordedFile(status, sha256);
    if (!file || !(await evidence.has(sha256))) return reply.callNotFound();

    const obligation = `${directive}/${agency}`;
    const stream = evidence.openVerified(sha256);
    stream.on('error', (err) => {
      // The file no longer matches its name: the download breaks off, and the log says why (ids only).
      if (err instanceof EvidenceAlteredError) request.log.error({ evidence: sha256, obligation }, err.message);
      accessLog(request, { action: 'download-evidence', obligation, outcome: 'failed' });
    });
    accessLog(request, { action: 'download-evidence', obligation, outcome: 'ok' });
    return reply
      .header('Content-Type', SAFE_TYPES.has(file.mediaType) ? file.mediaType : 'application/octet-stream')
      .header('Content-Disposition', contentDisposition(file.name))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });
}

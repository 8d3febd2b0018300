/**
 * Reporting a milestone: the form, and its multipart POST. Files stream into the evidence store as they arrive (named
 * by the SHA-256 the server computes), then one `completeMilestone` update carries their names, sizes, media types
 * and hashes, with the form's request id as the update id: a form sent twice is applied once. A refused report
 * records nothing; the form comes back with the officer's input and the message. Files it brought stay in the store
 * unreferenced (another report may name the same bytes; a file too large is never kept).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/multipart';
import { DateTime } from 'luxon';
import { MEDIA_TYPE, type EvidenceFile } from '../../domain/evidence';
import { LIMITS, textProblem, withoutControlOrBidi } from '../../domain/limits';
import type { MilestoneView, ObligationStatus } from '../../domain/obligation/view';
import { CompleteMilestoneInput } from '../../workflows/messages';
import { describeIssues } from '../../domain/zod-issues';
import { canReport } from '../access/roster';
import { EvidenceTooLargeError, formatBytes, type EvidenceStore } from '../evidence/store';
import { accessLog } from '../http/access-log';
import { CsrfRefused, verifyCsrf } from '../http/csrf';
import { signedIn } from '../http/request';
import { EngineRefusal, type ObligationGateway } from '../obligations/gateway';
import { renderPage } from '../http/render';
import { actorOf } from './actor';
import { DEFAULT_ZONE, obligationPath } from './format';
import { MILESTONE_ROUTE, obligationParams } from './params';
import { reportFormBody, type ReportDraft, type ReportField } from './report-form';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The file's name as shown to people: its last path segment, one line, bounded. */
function displayName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = withoutControlOrBidi(base, 'nothing').trim().slice(0, LIMITS.nameMaxChars);
  return clean && !textProblem(clean, 'name') ? clean : 'evidence';
}

/** Which field a refusal of the engine concerns, from the payload field its message names. */
function fieldOf(message: string): ReportField {
  if (/completedAt/.test(message)) return 'finishedOn';
  if (/evidence\.files/.test(message)) return 'files';
  if (/evidence/.test(message)) return 'summary';
  return 'form';
}

interface Located {
  status: ObligationStatus;
  milestone: MilestoneView;
  zone: string;
}

export function registerReport(
  app: FastifyInstance,
  obligations: ObligationGateway,
  evidence: EvidenceStore,
  now: () => Date,
): void {
  /** The milestone the officer may report, or undefined (answered as not found). */
  async function locate(request: FastifyRequest): Promise<Located | undefined> {
    const params = obligationParams(request);
    if (!params?.milestoneId || !canReport(signedIn(request).access, params.agencyId)) return undefined;
    const status = await obligations.status(params.directiveId, params.agencyId);
    const milestone = status?.milestones.find((m) => m.id === params.milestoneId);
    if (!status || !milestone) return undefined;
    const zone = status.timeZone ?? obligations.directive(status.directiveId)?.timeZone ?? DEFAULT_ZONE;
    return { status, milestone, zone };
  }

  function renderForm(
    reply: FastifyReply,
    request: FastifyRequest,
    at: Located,
    extra: { draft?: ReportDraft; errors?: Partial<Record<ReportField, string>>; requestId?: string },
    code: number,
  ) {
    const csrfToken = reply.generateCsrf();
    const body = reportFormBody({
      action: `${obligationPath(at.status.directiveId, at.status.agencyId)}/milestones/${encodeURIComponent(at.milestone.id)}/report`,
      milestone: at.milestone,
      zone: at.zone,
      csrfToken,
      requestId: extra.requestId ?? randomUUID(),
      maxBytes: evidence.maxBytes,
      draft: extra.draft,
      errors: extra.errors,
    });
    return renderPage(request, reply, { title: `Report ${at.milestone.title}`, body }, code);
  }

  app.get(`${MILESTONE_ROUTE}/report`, async (request, reply) => {
    const at = await locate(request);
    if (!at) return reply.callNotFound();
    if (!at.milestone.reportable)
      return renderForm(reply, request, at, { errors: { form: nothingToReport(at.milestone) } }, 409);
    return renderForm(reply, request, at, {}, 200);
  });

  app.post(`${MILESTONE_ROUTE}/report`, { config: { multipartCsrf: true } }, async (request, reply) => {
    const at = await locate(request);
    if (!at || !request.isMultipart()) return reply.callNotFound();
    const obligation = `${at.status.directiveId}/${at.status.agencyId}`;
    const fields: Record<string, string> = {};
    const files: EvidenceFile[] = [];
    let csrfChecked = false;
    let refusal: { field: ReportField; message: string; code: number } | undefined;

    const tooLarge = (filename: string) => ({
      field: 'files' as const,
      message: `${displayName(filename)} is larger than the limit of ${formatBytes(evidence.maxBytes)}: nothing was recorded`,
      code: 413,
    });
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string' && fields[part.fieldname] === undefined)
            fields[part.fieldname] = part.value;
          if (part.fieldname === '_csrf') csrfChecked = verifyCsrf(request, fields._csrf);
          continue;
        }
        // The token comes before the files in the form: nothing is stored for a request that has not shown it.
        if (!csrfChecked || refusal || !part.filename) {
          part.file.resume();
          continue;
        }
        try {
          const stored = await evidence.put(part.file);
          files.push({
            name: displayName(part.filename),
            size: stored.size,
            mediaType: MEDIA_TYPE.test(part.mimetype)
              ? part.mimetype.slice(0, LIMITS.nameMaxChars)
              : 'application/octet-stream',
            sha256: stored.sha256,
          });
        } catch (err) {
          if (!isTooLarge(err)) throw err;
          // Keep reading (and dropping) the rest of the request, so the browser gets the answer, not a reset.
          refusal = tooLarge(part.filename);
        }
      }
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      refusal ??= tooLarge('the file');
    }

    // The shell's error handler answers 403 with a page saying nothing was changed, and logs the refusal.
    if (!csrfChecked) throw new CsrfRefused();
    const draft: ReportDraft = {
      summary: fields.summary ?? '',
      attest: fields.attest === 'yes',
      finishedOn: fields.finishedOn ?? '',
    };
    const requestId = UUID.test(fields.requestId ?? '') ? fields.requestId! : undefined;
    const formProblem = refusal ?? checkForm(draft, requestId, at.zone, now());
    if (formProblem) {
      accessLog(request, { action: 'report-milestone', obligation, outcome: 'refused' });
      return renderForm(
        reply,
        request,
        at,
        { draft, errors: { [formProblem.field]: formProblem.message }, requestId },
        formProblem.code,
      );
    }

    const { identity } = signedIn(request);
    const input: CompleteMilestoneInput = {
      milestoneId: at.milestone.id,
      completedBy: identity.email,
      evidence: { summary: draft.summary, ...(files.length ? { files } : {}) },
      ...(draft.finishedOn ? { completedAt: claimedCompletion(draft.finishedOn, at.zone, now()) } : {}),
      actor: actorOf(identity),
    };
    const parsed = CompleteMilestoneInput.safeParse(input);
    try {
      if (!parsed.success) throw new EngineRefusal(describeIssues(parsed.error.issues).join('; '));
      await obligations.report(at.status.directiveId, at.status.agencyId, input, requestId!);
    } catch (err) {
      if (!(err instanceof EngineRefusal)) throw err;
      accessLog(request, { action: 'report-milestone', obligation, outcome: 'refused' });
      return renderForm(reply, request, at, { draft, errors: { [fieldOf(err.message)]: err.message }, requestId }, 422);
    }
    accessLog(request, { action: 'report-milestone', obligation, outcome: 'ok' });
    const q = new URLSearchParams({ receipt: at.milestone.id });
    return reply.redirect(`${obligationPath(at.status.directiveId, at.status.agencyId)}?${q.toString()}`, 303);
  });
}

/** The store's own limit, or the multipart parser's (the same figure): either way the upload is refused whole. */
function isTooLarge(err: unknown): boolean {
  return err instanceof EvidenceTooLargeError || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
}

function nothingToReport(m: MilestoneView): string {
  if (m.held) return `${m.title} is on hold: it can be reported once the issuer resumes it.`;
  if (m.state === 'submitted') return `${m.title} was reported and awaits review.`;
  if (m.state === 'pending' || m.state === 'rejected')
    return `${m.title} cannot be reported yet: an earlier milestone or occurrence is still open, or it has not opened.`;
  return `${m.title} is ${m.state}: there is nothing to report.`;
}

/** The form's own checks, before anything reaches the engine. */
function checkForm(
  draft: ReportDraft,
  requestId: string | undefined,
  zone: string,
  now: Date,
): { field: ReportField; message: string; code: number } | undefined {
  if (!requestId)
    return { field: 'form', message: 'The form is out of date: reload the page and send it again.', code: 400 };
  const summary = draft.summary.trim();
  if (!summary) return { field: 'summary', message: 'Say what was done and how it was verified.', code: 422 };
  const problem = textProblem(summary, 'text');
  if (problem) return { field: 'summary', message: `The summary: ${problem}.`, code: 422 };
  if (!draft.attest) return { field: 'attest', message: 'Tick the attestation to send the report.', code: 422 };
  if (draft.finishedOn) {
    const day = DateTime.fromISO(draft.finishedOn, { zone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.finishedOn) || !day.isValid)
      return { field: 'finishedOn', message: 'Give the date as YYYY-MM-DD, e.g. 2017-10-12.', code: 422 };
    if (day.startOf('day') > DateTime.fromJSDate(now, { zone }).startOf('day'))
      return { field: 'finishedOn', message: 'The work cannot have finished after today.', code: 422 };
  }
  return undefined;
}

/**
 * "Finished on" a day: the end of that day in the directive's zone; for today, a minute ago (the engine refuses a
 * claimed completion after the report's arrival, and the worker's clock may trail the portal's a little).
 */
function claimedCompletion(day: string, zone: string, now: Date): string {
  const end = DateTime.fromISO(day, { zone }).endOf('day').set({ millisecond: 0 });
  const earlier = DateTime.fromMillis(now.getTime() - 60_000, { zone }).set({ millisecond: 0 });
  const at = end.toMillis() > earlier.toMillis() ? earlier : end;
  return at.toISO({ suppressMilliseconds: true }) ?? '';
}

/** The obligation page, and the reviewer's decision posted from it. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import { z } from 'zod';
import { requiredText } from '../../domain/limits';
import { canReport, canReview } from '../access/roster';
import { accessLog } from '../http/access-log';
import { signedIn } from '../http/request';
import { EngineRefusal, type ObligationGateway } from '../obligations/gateway';
import { html } from '../views/html';
import { renderPage } from '../http/render';
import { DEFAULT_ZONE, obligationPath } from './format';
import { obligationBody, type ObligationPageOptions } from './obligation-view';
import { MILESTONE_ROUTE, OBLIGATION_ROUTE, obligationParams } from './params';
import { actorOf } from './actor';
import { obligationHead } from '../../record';
import { recordExportPath, type PortalRecord } from './record';

const ReviewForm = z.object({
  requestId: z.uuid({ error: 'the form is out of date: reload the page' }),
  decision: z.enum(['approve', 'reject'], { error: 'choose Approve or Request changes' }),
  comment: requiredText('comment'),
});

export function registerObligationPage(
  app: FastifyInstance,
  obligations: ObligationGateway,
  now: () => Date,
  record?: PortalRecord,
): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<ObligationPageOptions> & { error?: string } = {},
    code = 200,
  ) {
    const params = obligationParams(request);
    const status = params && (await obligations.status(params.directiveId, params.agencyId));
    if (!params || !status) return reply.callNotFound();
    const { access } = signedIn(request);
    const directive = obligations.directive(status.directiveId);
    const receipt = (request.query as Record<string, unknown>).receipt;
    const body = obligationBody({
      status,
      title: directive?.title ?? status.directiveId,
      zone: status.timeZone ?? directive?.timeZone ?? DEFAULT_ZONE,
      now: now(),
      canReport: canReport(access, status.agencyId),
      canReview: canReview(access, status.directiveId),
      csrfToken: reply.generateCsrf(),
      requestId: randomUUID,
      receipt: typeof receipt === 'string' ? receipt : undefined,
      record: record && {
        head: await obligationHead(record.store, status.directiveId, status.agencyId),
        exportHref: record.key ? recordExportPath(status.directiveId, status.agencyId) : undefined,
      },
      ...extra,
    });
    const withError = extra.error
      ? html`<div class="usa-alert usa-alert--error" role="alert">
            <div class="usa-alert__body">
              <h2 class="usa-alert__heading">Not recorded</h2>
              <p class="usa-alert__text">${extra.error}</p>
            </div>
          </div>
          ${body}`
      : body;
    return renderPage(request, reply, { title: `${status.directiveId} — ${status.agencyId}`, body: withError }, code);
  }

  app.get(OBLIGATION_ROUTE, async (request, reply) => {
    const answer = await render(request, reply);
    const params = obligationParams(request);
    if (params)
      accessLog(request, {
        action: 'view-obligation',
        obligation: `${params.directiveId}/${params.agencyId}`,
        outcome: reply.statusCode === 200 ? 'ok' : 'not-found',
      });
    return answer;
  });

  app.post(`${MILESTONE_ROUTE}/review`, async (request, reply) => {
    const params = obligationParams(request);
    const { identity, access } = signedIn(request);
    if (!params?.milestoneId || !canReview(access, params.directiveId)) return reply.callNotFound();
    const obligation = `${params.directiveId}/${params.agencyId}`;
    const form = ReviewForm.safeParse(request.body);
    if (!form.success) {
      accessLog(request, { action: 'review-milestone', obligation, outcome: 'refused' });
      return render(request, reply, { error: form.error.issues.map((i) => i.message).join('; ') }, 422);
    }
    try {
      await obligations.review(
        params.directiveId,
        params.agencyId,
        {
          milestoneId: params.milestoneId,
          reviewer: identity.email,
          decision: form.data.decision,
          comment: form.data.comment,
          actor: actorOf(identity),
        },
        form.data.requestId,
      );
    } catch (err) {
      if (!(err instanceof EngineRefusal)) throw err;
      accessLog(request, { action: 'review-milestone', obligation, outcome: 'refused' });
      return render(request, reply, { error: err.message }, 422);
    }
    accessLog(request, { action: `review-milestone:${form.data.decision}`, obligation, outcome: 'ok' });
    return reply.redirect(
      `${obligationPath(params.directiveId, params.agencyId)}#milestone-${params.milestoneId}`,
      303,
    );
  });
}

/**
 * The reviewer's queue: every submission awaiting review across the agencies of the directives they review, oldest
 * first, with the review deadline. Visibility narrows the search to obligations whose current milestone is reviewed;
 * their `status` says which are submitted.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/csrf-protection';
import { signedIn } from '../http/request';
import { mapLimit } from '../../client/concurrency';
import type { ObligationGateway } from '../obligations/gateway';
import { html } from '../views/html';
import { renderPage } from '../http/render';
import { DEFAULT_ZONE, daysLeft, daysLeftText, obligationPath, when } from './format';

interface Awaiting {
  directiveId: string;
  agencyId: string;
  milestoneId: string;
  title: string;
  submittedAt: string;
  reviewDueAt: string | null;
  round: number;
  zone: string;
}

export function registerReviewQueue(app: FastifyInstance, obligations: ObligationGateway, now: () => Date): void {
  app.get('/review', async (request, reply) => {
    const { access } = signedIn(request);
    if (access.reviews.size === 0) return reply.callNotFound();
    const reviewedPhases = [...access.reviews].flatMap(
      (id) =>
        obligations
          .directive(id)
          ?.milestones.filter((m) => m.review)
          .map((m) => m.id) ?? [],
    );
    const scope = { ...access, agencies: new Set<string>(), issues: new Set<string>() };
    const rows = reviewedPhases.length
      ? await obligations.list(
          scope,
          `ObligationPhase IN (${[...new Set(reviewedPhases)].map((p) => `'${p}'`).join(', ')})`,
        )
      : [];
    const statuses = await mapLimit(rows, 8, (r) => obligations.status(r.directiveId, r.agencyId));
    const queue: Awaiting[] = statuses.flatMap((s) =>
      !s
        ? []
        : s.milestones
            .filter((m) => m.state === 'submitted')
            .map((m) => ({
              directiveId: s.directiveId,
              agencyId: s.agencyId,
              milestoneId: m.id,
              title: m.title,
              submittedAt: m.submissions[m.submissions.length - 1]?.reportedAt ?? m.reportedAt ?? '',
              reviewDueAt: m.reviewDueAt,
              round: m.submissions.length,
              zone: s.timeZone ?? DEFAULT_ZONE,
            })),
    );
    queue.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    const today = now();
    const body = html` <h1>Awaiting your review</h1>
      <p class="usa-intro">Oldest submission first.</p>
      ${
        queue.length === 0
          ? html`<div class="usa-alert usa-alert--info usa-alert--slim">
              <div class="usa-alert__body"><p class="usa-alert__text">Nothing awaits your review.</p></div>
            </div>`
          : html`<table class="usa-table usa-table--borderless usa-table--stacked width-full">
              <caption class="usa-sr-only">
                Submissions awaiting review, oldest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Obligation</th>
                  <th scope="col">Milestone</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Review due</th>
                </tr>
              </thead>
              <tbody>
                ${queue.map(
                  (q) =>
                    html`<tr>
                      <th scope="row" data-label="Obligation">
                        <a
                          class="usa-link"
                          href="${obligationPath(q.directiveId, q.agencyId)}#milestone-${q.milestoneId}"
                          >${q.directiveId} — ${q.agencyId}</a
                        >
                      </th>
                      <td data-label="Milestone">${q.title}${q.round > 1 ? html` (round ${q.round})` : ''}</td>
                      <td data-label="Submitted">${when(q.submittedAt, q.zone)}</td>
                      <td data-label="Review due">
                        ${q.reviewDueAt ? html`${when(q.reviewDueAt, q.zone)}<br /><span class="font-body-3xs">${daysLeftText(daysLeft(q.reviewDueAt, q.zone, today))}</span>` : '—'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
    return renderPage(request, reply, { title: 'Awaiting your review', body, active: 'review' });
  });
}

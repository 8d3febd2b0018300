/**
 * The inbox: every obligation the signed-in person may see, soonest deadline first, with days left, an overdue badge
 * and "changes requested" when a reviewer sent a submission back. Visibility gives the list; only obligations whose
 * current milestone is reviewed are queried for their state.
 */
import type { FastifyInstance } from 'fastify';
import { mapLimit } from '../../client/concurrency';
import type { ObligationGateway, ObligationRow } from '../obligations/gateway';
import { signedIn } from '../http/request';
import { html } from '../views/html';
import { renderPage } from '../http/render';
import { DEFAULT_ZONE, daysLeft, daysLeftText, obligationPath, overdueTag, when } from './format';

interface InboxItem extends ObligationRow {
  title: string;
  zone: string;
  phaseTitle: string;
  changesRequested: boolean;
}

export function registerInbox(app: FastifyInstance, obligations: ObligationGateway, now: () => Date): void {
  app.get('/', async (request, reply) => {
    const { access } = signedIn(request);
    const rows = await obligations.list(access);
    const items = await mapLimit(rows, 8, async (row): Promise<InboxItem> => {
      const directive = obligations.directive(row.directiveId);
      const milestone = directive?.milestones.find((m) => m.id === row.phase);
      const reviewed = milestone?.review !== undefined;
      const status = reviewed ? await obligations.status(row.directiveId, row.agencyId) : undefined;
      return {
        ...row,
        title: directive?.title ?? row.directiveId,
        zone: directive?.timeZone ?? DEFAULT_ZONE,
        phaseTitle: milestone?.title ?? row.phase,
        changesRequested: status?.milestones.some((m) => m.state === 'rejected') ?? false,
      };
    });
    items.sort(
      (a, b) =>
        (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999') ||
        a.directiveId.localeCompare(b.directiveId) ||
        a.agencyId.localeCompare(b.agencyId),
    );

    const today = now();
    const body = html` <h1>Your obligations</h1>
      <p class="usa-intro">Soonest deadline first. Dates are in each directive's time zone.</p>
      ${
        items.length === 0
          ? html`<div class="usa-alert usa-alert--info usa-alert--slim">
              <div class="usa-alert__body"><p class="usa-alert__text">No obligation is running for you yet.</p></div>
            </div>`
          : html`<table class="usa-table usa-table--borderless usa-table--stacked width-full">
              <caption class="usa-sr-only">
                Obligations, soonest deadline first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Obligation</th>
                  <th scope="col">Current milestone</th>
                  <th scope="col">Next deadline</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (i) =>
                    html`<tr>
                      <th scope="row" data-label="Obligation">
                        <a class="usa-link" href="${obligationPath(i.directiveId, i.agencyId)}"
                          >${i.directiveId} — ${i.agencyId}</a
                        ><br /><span class="font-body-3xs">${i.title}</span>
                      </th>
                      <td data-label="Current milestone">${i.phaseTitle}</td>
                      <td data-label="Next deadline">
                        ${i.nextDeadline ? html`${when(i.nextDeadline, i.zone)}<br /><span class="font-body-3xs">${daysLeftText(daysLeft(i.nextDeadline, i.zone, today))}</span>` : '—'}
                      </td>
                      <td data-label="Status">
                        ${i.overdue ? overdueTag() : ''}
                        ${i.changesRequested ? html`<span class="usa-tag bg-secondary-darker">Changes requested</span>` : ''}
                        ${!i.running ? html`<span class="usa-tag bg-base">Closed</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
    return renderPage(request, reply, { title: 'Your obligations', body, active: 'inbox' });
  });
}

/** The obligation page's sections, rendered from the `status` query (and the compliance record's head). */
import type { MilestoneView, ObligationStatus, SubmissionView } from '../../domain/obligation/view';
import type { ChainHead } from '../../record';
import { formatBytes } from '../evidence/store';
import { html, type SafeHtml } from '../views/html';
import { daysLeft, daysLeftText, obligationPath, overdueTag, stateTag, when } from './format';

export interface ObligationPageOptions {
  status: ObligationStatus;
  title: string;
  zone: string;
  now: Date;
  canReport: boolean;
  canReview: boolean;
  csrfToken: string;
  /** A fresh id for each form, so a form sent twice is applied once. */
  requestId: () => string;
  /** The milestone just reported: show its receipt. */
  receipt?: string;
  /** The compliance record's head (none yet: nothing recorded), and where to download the agency's export. */
  record?: { head?: ChainHead; exportHref?: string };
}

export function evidenceLink(status: ObligationStatus, sha256: string): string {
  const q = new URLSearchParams({ directive: status.directiveId, agency: status.agencyId });
  return `/evidence/${sha256}?${q.toString()}`;
}

function submissionBlock(o: ObligationPageOptions, m: MilestoneView, s: SubmissionView, round: number): SafeHtml {
  const files = s.evidence?.files ?? [];
  return html`<li class="usa-collection__item">
    <div class="usa-collection__body">
      <h4 class="usa-collection__heading">
        Round ${round}: reported ${when(s.reportedAt, o.zone)}${s.late ? ' (late)' : ''}
      </h4>
      <p class="usa-collection__description">
        By
        ${s.completedBy}${s.actor ? html` through the ${s.actor.channel}` : ' (channel not stated)'}${s.claimedCompletedAt ? html`; work finished ${when(s.claimedCompletedAt, o.zone)} by the officer's account` : ''}.
      </p>
      ${s.evidence ? html`<p><strong>Evidence:</strong> ${s.evidence.summary}</p>` : ''}
      ${
        files.length
          ? html`<ul class="usa-list">
              ${files.map(
                (f) =>
                  html`<li>
                    <a class="usa-link" href="${evidenceLink(o.status, f.sha256)}">${f.name}</a>
                    (${formatBytes(f.size)}, ${f.mediaType})<br /><span class="font-mono-3xs">SHA-256 ${f.sha256}</span>
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        s.review
          ? html`<p>
              <strong>${s.review.decision === 'approve' ? 'Approved' : 'Changes requested'}</strong> by
              ${s.review.reviewer} on ${when(s.review.at, o.zone)}: ${s.review.comment}
            </p>`
          : m.state === 'submitted'
            ? html`<p>Awaiting review, due ${when(m.reviewDueAt, o.zone)}.</p>`
            : ''
      }
    </div>
  </li>`;
}

function reviewForm(o: ObligationPageOptions, m: MilestoneView): SafeHtml {
  const action = `${obligationPath(o.status.directiveId, o.status.agencyId)}/milestones/${encodeURIComponent(m.id)}/review`;
  return html`<form class="usa-form usa-form--large" method="post" action="${action}">
    <input type="hidden" name="_csrf" value="${o.csrfToken}" />
    <input type="hidden" name="requestId" value="${o.requestId()}" />
    <fieldset class="usa-fieldset">
      <legend class="usa-legend usa-legend--large">Review ${m.title}</legend>
      <div class="usa-radio">
        <input
          class="usa-radio__input"
          id="decision-approve-${m.id}"
          type="radio"
          name="decision"
          value="approve"
          required
        />
        <label class="usa-radio__label" for="decision-approve-${m.id}">Approve</label>
      </div>
      <div class="usa-radio">
        <input class="usa-radio__input" id="decision-reject-${m.id}" type="radio" name="decision" value="reject" />
        <label class="usa-radio__label" for="decision-reject-${m.id}">Request changes</label>
      </div>
      <label class="usa-label" for="comment-${m.id}">Comment to the agency</label>
      <textarea class="usa-textarea" id="comment-${m.id}" name="comment" required maxlength="4096"></textarea>
      <button class="usa-button" type="submit">Send the review</button>
    </fieldset>
  </form>`;
}

function receiptBanner(o: ObligationPageOptions): SafeHtml {
  const m = o.status.milestones.find((x) => x.id === o.receipt);
  const last = m?.submissions[m.submissions.length - 1];
  if (!m || !last) return html``;
  const files = last.evidence?.files ?? [];
  return html`<div class="usa-alert usa-alert--success" role="status">
    <div class="usa-alert__body">
      <h2 class="usa-alert__heading">Received: ${m.title}</h2>
      <p class="usa-alert__text">
        The engine recorded your report at ${when(last.reportedAt, o.zone)}${last.late ? ', after the deadline' : ''}.
        ${m.state === 'submitted' ? 'It now awaits review.' : `The milestone is ${m.state}.`}
      </p>
      ${files.map((f) => html`<p class="usa-alert__text">${f.name}: SHA-256 <span class="font-mono-3xs">${f.sha256}</span></p>`)}
    </div>
  </div>`;
}

export function obligationBody(o: ObligationPageOptions): SafeHtml {
  const s = o.status;
  const base = obligationPath(s.directiveId, s.agencyId);
  const amendments = s.history.filter((h) => h.event.startsWith('amended:'));
  const notices = s.history.filter((h) => h.event.startsWith('notice:') || h.event === 'escalated');
  const withRounds = s.milestones.filter((m) => m.submissions.length > 0);
  return html` ${o.receipt ? receiptBanner(o) : ''}
    <h1>${s.directiveId} — ${s.agencyId}</h1>
    <p class="usa-intro">${o.title}</p>
    <table class="usa-table usa-table--borderless">
      <caption class="usa-sr-only">
        Current details
      </caption>
      <tbody>
        <tr>
          <th scope="row">State</th>
          <td>${s.state}${s.overdue ? html` ${overdueTag()}` : ''}</td>
        </tr>
        <tr>
          <th scope="row">Current milestone</th>
          <td>${s.milestones.find((m) => m.id === s.phase)?.title ?? s.phase}</td>
        </tr>
        <tr>
          <th scope="row">Next deadline</th>
          <td>
            ${s.nextDeadline ? html`${when(s.nextDeadline, o.zone)} (${daysLeftText(daysLeft(s.nextDeadline, o.zone, o.now))})` : '—'}
          </td>
        </tr>
        <tr>
          <th scope="row">Escalation level</th>
          <td>${s.escalationLevel === 0 ? 'none' : String(s.escalationLevel)}</td>
        </tr>
        <tr>
          <th scope="row">Time zone</th>
          <td>${o.zone}</td>
        </tr>
      </tbody>
    </table>

    <h2>Milestones</h2>
    <table class="usa-table usa-table--stacked width-full">
      <caption class="usa-sr-only">
        Milestones with their original and current deadlines
      </caption>
      <thead>
        <tr>
          <th scope="col">Milestone</th>
          <th scope="col">Original deadline</th>
          <th scope="col">Current deadline</th>
          <th scope="col">Why it falls there</th>
          <th scope="col">State</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        ${s.milestones.map(
          (m) =>
            html`<tr>
              <th scope="row" data-label="Milestone">${m.title}</th>
              <td data-label="Original deadline">${when(m.originalDueAt, o.zone)}</td>
              <td data-label="Current deadline">
                ${when(m.currentDueAt, o.zone)}${m.late ? html` <span class="usa-tag bg-secondary-dark">Late</span>` : ''}
              </td>
              <td data-label="Why it falls there">${m.explanation}</td>
              <td data-label="State">${stateTag(m)}</td>
              <td data-label="Action">
                ${o.canReport && m.reportable ? html`<a class="usa-button usa-button--outline" href="${base}/milestones/${encodeURIComponent(m.id)}/report">Report ${m.state === 'rejected' ? 'again' : ''}<span class="usa-sr-only"> ${m.title}</span></a>` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>

    <h2>Submissions and reviews</h2>
    ${
      withRounds.length === 0
        ? html`<p>Nothing reported yet.</p>`
        : withRounds.map(
            (m) =>
              html`<h3 id="milestone-${m.id}">${m.title}</h3>
                <ul class="usa-collection">
                  ${m.submissions.map((sub, i) => submissionBlock(o, m, sub, i + 1))}
                </ul>
                ${o.canReview && m.state === 'submitted' ? reviewForm(o, m) : ''}`,
          )
    }

    <h2>Amendments</h2>
    ${
      amendments.length === 0
        ? html`<p>None: every deadline stands as the directive set it.</p>`
        : html`<ul class="usa-list">
            ${amendments.map((a) => html`<li>${when(a.at, o.zone)}: ${a.event.slice('amended:'.length)}${a.milestoneId ? html` of ${a.milestoneId}` : ''} — ${a.detail ?? ''}</li>`)}
          </ul>`
    }

    <h2>Reminders and escalations sent</h2>
    ${
      notices.length === 0
        ? html`<p>None yet.</p>`
        : html`<ul class="usa-list">
            ${notices.map((n) => html`<li>${when(n.at, o.zone)}: ${n.event.replace(/^notice(-failed)?:/, (_m, failed: string | undefined) => (failed ? 'not delivered: ' : ''))}${n.milestoneId ? html` (${n.milestoneId})` : ''}${n.detail ? html` — ${n.detail}` : ''}</li>`)}
          </ul>`
    }
    ${o.record ? recordSection(o.record) : ''}

    <h2>History</h2>
    <table class="usa-table usa-table--compact usa-table--stacked width-full">
      <caption class="usa-sr-only">
        Everything the engine recorded, oldest first
      </caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Milestone</th>
          <th scope="col">Detail</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        ${s.history.map(
          (h) =>
            html`<tr>
              <td data-label="When">${when(h.at, o.zone)}</td>
              <td data-label="Event">${h.event}</td>
              <td data-label="Milestone">${h.milestoneId ?? ''}</td>
              <td data-label="Detail">${h.detail ?? ''}</td>
              <td data-label="By">${h.actor ? `${h.actor.email} (${h.actor.channel})` : ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function recordSection(r: NonNullable<ObligationPageOptions['record']>): SafeHtml {
  return html`<h2>Compliance record</h2>
    ${
      r.head
        ? html`<p>
            The record outside Temporal holds ${String(r.head.seq + 1)} entries, chained by SHA-256. Its head hash:
            <code class="text-mono">${r.head.hash}</code>
          </p>`
        : html`<p>Nothing recorded yet.</p>`
    }
    ${r.head && r.exportHref ? html`<p><a class="usa-link" href="${r.exportHref}" download>Download the signed export</a> (.tar.gz; check it with <code>directive audit verify</code>)</p>` : ''}`;
}

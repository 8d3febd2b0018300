/** The report form: what the officer typed comes back with the message next to the field it concerns. */
import type { MilestoneView } from '../../domain/obligation/view';
import { formatBytes } from '../evidence/store';
import { html, type SafeHtml } from '../views/html';
import { when } from './format';

export type ReportField = 'summary' | 'attest' | 'finishedOn' | 'files' | 'form';

export interface ReportDraft {
  summary: string;
  attest: boolean;
  finishedOn: string;
}

export interface ReportFormOptions {
  action: string;
  milestone: MilestoneView;
  zone: string;
  csrfToken: string;
  requestId: string;
  maxBytes: number;
  draft?: ReportDraft;
  errors?: Partial<Record<ReportField, string>>;
}

function errorFor(o: ReportFormOptions, field: ReportField): SafeHtml {
  const message = o.errors?.[field];
  return message ? html`<span class="usa-error-message" id="${field}-error" role="alert">${message}</span>` : html``;
}

const described = (o: ReportFormOptions, field: ReportField, hint?: string) =>
  [hint, o.errors?.[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

export function reportFormBody(o: ReportFormOptions): SafeHtml {
  const m = o.milestone;
  const d = o.draft ?? { summary: '', attest: false, finishedOn: '' };
  const group = (field: ReportField) => `usa-form-group${o.errors?.[field] ? ' usa-form-group--error' : ''}`;
  return html` <h1>Report: ${m.title}</h1>
    <p class="usa-intro">Due ${when(m.currentDueAt, o.zone)}. ${m.explanation}</p>
    ${
      o.errors?.form
        ? html`<div class="usa-alert usa-alert--error" role="alert">
            <div class="usa-alert__body">
              <h2 class="usa-alert__heading">Not recorded</h2>
              <p class="usa-alert__text">${o.errors.form}</p>
            </div>
          </div>`
        : ''
    }
    <form class="usa-form usa-form--large" method="post" action="${o.action}" enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value="${o.csrfToken}" />
      <input type="hidden" name="requestId" value="${o.requestId}" />
      <div class="${group('summary')}">
        <label class="usa-label" for="summary">What was done, and how it was verified</label>
        ${errorFor(o, 'summary')}
        <textarea
          class="usa-textarea"
          id="summary"
          name="summary"
          required
          maxlength="4096"
          aria-describedby="${described(o, 'summary')}"
        >
${d.summary}</textarea>
      </div>
      <div class="${group('finishedOn')}">
        <label class="usa-label" for="finishedOn">Work finished on (optional)</label>
        <span class="usa-hint" id="finishedOn-hint"
          >The engine records when your report arrives; this date is kept beside it.</span
        >
        ${errorFor(o, 'finishedOn')}
        <input
          class="usa-input"
          id="finishedOn"
          name="finishedOn"
          type="date"
          value="${d.finishedOn}"
          aria-describedby="${described(o, 'finishedOn', 'finishedOn-hint')}"
        />
      </div>
      <div class="${group('files')}">
        <label class="usa-label" for="files">Evidence files (optional)</label>
        <span class="usa-hint" id="files-hint"
          >Up to ${formatBytes(o.maxBytes)} each. Each file's SHA-256 is recorded with your report.</span
        >
        ${errorFor(o, 'files')}
        <input
          class="usa-file-input"
          id="files"
          name="files"
          type="file"
          multiple
          aria-describedby="${described(o, 'files', 'files-hint')}"
        />
      </div>
      <div class="${group('attest')}">
        ${errorFor(o, 'attest')}
        <div class="usa-checkbox">
          <input
            class="usa-checkbox__input"
            id="attest"
            name="attest"
            type="checkbox"
            value="yes"
            ${d.attest ? 'checked' : ''}
            required
            aria-describedby="${described(o, 'attest')}"
          />
          <label class="usa-checkbox__label" for="attest">I attest that this report is accurate and complete.</label>
        </div>
      </div>
      <button class="usa-button" type="submit">Send the report</button>
    </form>`;
}

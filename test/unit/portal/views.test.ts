/** The pages' HTML, rendered from a real obligation state: what people typed is shown as text, never as markup. */
import { initialObligation, reduce, statusView, type ObligationState } from '../../../domain/obligation';
import { obligationBody } from '../../../portal/pages/obligation-view';
import { reportFormBody } from '../../../portal/pages/report-form';
import { OFFICER, bod1701 as bod, doj as agency, issuedAt as issued, schedule } from '../../fixtures/bod-17-01';

const HOUR = 3_600_000;
const sha = 'ab'.repeat(32);

function reported(): ObligationState {
  let state = initialObligation(bod, agency, schedule, issued);
  state = reduce(state, {
    type: 'report',
    at: issued + HOUR,
    milestoneId: 'identify',
    completedBy: OFFICER,
    evidence: {
      summary: '<script>alert("x")</script> none found',
      files: [{ name: '<img src=x onerror=alert(1)>.pdf', size: 2048, mediaType: 'application/pdf', sha256: sha }],
    },
    actor: { channel: 'portal', email: OFFICER },
  }).state;
  return state;
}

/** The page as one line: the templates' line breaks are layout, not content. */
const flat = (h: { toString(): string }) => h.toString().replace(/\s+/g, ' ');

const options = (state: ObligationState) => ({
  status: statusView(state),
  title: bod.title,
  zone: bod.timeZone,
  now: new Date(issued + 2 * HOUR),
  canReport: true,
  canReview: false,
  csrfToken: 'token-1',
  requestId: () => 'req-1',
});

test("the officer's summary and file name are escaped; the file links to its download with its SHA-256", () => {
  const page = flat(obligationBody(options(reported())));
  expect(page).not.toContain('<script>alert');
  expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; none found');
  expect(page).not.toContain('<img src=x');
  expect(page).toContain(`href="/evidence/${sha}?directive=BOD-17-01&amp;agency=DOJ"`);
  expect(page).toContain(`SHA-256 ${sha}`);
  expect(page).toContain(`By ${OFFICER} through the portal`);
});

test('a receipt names the milestone received and each file with its SHA-256', () => {
  const page = flat(obligationBody({ ...options(reported()), receipt: 'identify' }));
  expect(page).toMatch(/Received: Identify/);
  expect(page).toContain(`: SHA-256 <span class="font-mono-3xs">${sha}</span>`);
});

test('each milestone shows its original and current deadline in the directive zone, and why it falls there', () => {
  const page = flat(obligationBody(options(reported())));
  const plan = schedule.milestones.find((m) => m.id === 'plan')!;
  expect(page).toContain(plan.explanation.replace(/&/g, '&amp;'));
  expect(page).toContain('<td data-label="Original deadline">Sun 2017-11-12 23:59 EST</td>');
});

test('only a milestone the officer can report has a Report link; a reviewer sees the review form instead', () => {
  const page = flat(obligationBody(options(reported())));
  expect(page).toContain('/obligations/BOD-17-01/DOJ/milestones/plan/report');
  expect(page).not.toContain('/milestones/identify/report');
  // Only what the engine would accept now: status reports wait behind the gate of `remove` (day 90).
  expect(page).toContain('/milestones/remove/report');
  expect(page).not.toContain('/milestones/status-1/report');
  const asReviewer = flat(obligationBody({ ...options(reported()), canReport: false, canReview: true }));
  expect(asReviewer).not.toContain('/report"');
});

test("the report form keeps the officer's input and puts the message next to the field it concerns", () => {
  const status = statusView(reported());
  const form = reportFormBody({
    action: '/obligations/BOD-17-01/DOJ/milestones/plan/report',
    milestone: status.milestones.find((m) => m.id === 'plan')!,
    zone: bod.timeZone,
    csrfToken: 'token-1',
    requestId: '7d0c6f5e-0000-4000-8000-000000000001',
    maxBytes: 25 * 1024 * 1024,
    draft: { summary: 'plan "v2" <b>', attest: true, finishedOn: '2017-11-01' },
    errors: { finishedOn: 'completedAt 2099-01-01 is after the report arrived' },
  })
    .toString()
    .replace(/\s+/g, ' ');
  expect(form).toContain('plan &quot;v2&quot; &lt;b&gt;</textarea>');
  expect(form).toContain('value="2017-11-01"');
  expect(form).toMatch(/id="attest" name="attest" type="checkbox" value="yes" checked/);
  expect(form).toMatch(/usa-form-group--error"> <label class="usa-label" for="finishedOn">/);
  expect(form).toContain('<span class="usa-error-message" id="finishedOn-error" role="alert">completedAt 2099-01-01');
  expect(form).toContain('Up to 25 MB each');
  expect(form).toContain('name="_csrf" value="token-1"');
});

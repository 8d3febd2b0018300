import { Notice, type NoticeInput } from '../../../activities/notice';
import { renderNotice } from '../../../activities/mail/render';
import { formatInstant as formatDueAt } from '../../../domain/calculus';
import { REPORT_COMMAND, reminderNotice } from '../../fixtures/notices';

const render = (input: NoticeInput) => renderNotice(Notice.parse(input));

describe('renderNotice', () => {
  test('formats a due instant in the directive zone, with the abbreviation in effect on that date', () => {
    expect(formatDueAt('2017-10-14T03:59:59.000Z', 'America/New_York')).toBe('Fri 2017-10-13 23:59 EDT');
    expect(formatDueAt('2018-01-13T04:59:59.000Z', 'America/New_York')).toBe('Fri 2018-01-12 23:59 EST');
    expect(formatDueAt('2017-10-14T03:59:59.000Z', 'America/Los_Angeles')).toBe('Fri 2017-10-13 20:59 PDT');
  });

  test('a reminder says the directive, agency, milestone, due date with its explanation, what is owed and how to report', () => {
    const { subject, text } = render(reminderNotice());

    expect(subject).toBe('[BOD-17-01] Reminder: identify due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(text).toContain('Directive:  BOD-17-01, Enhance Email and Web Security');
    expect(text).toContain('Agency:     Department of Justice (DOJ)');
    expect(text).toContain('Milestone:  Identify agency domains (identify)');
    expect(text).toContain('Due:        Fri 2017-10-13 23:59 EDT\n            Issued Wed 2017-09-13');
    expect(text).toContain('What is owed:\nSubmit the list of second-level domains');
    expect(text).toContain(`How to report:\n  ${REPORT_COMMAND}`);
    expect(text).toContain(reminderNotice().key);
  });

  test('one clear subject per kind', () => {
    const subject = (overrides: Partial<NoticeInput>) => render(reminderNotice(overrides)).subject;

    expect(subject({ kind: 'escalation', escalationLevel: 2 })).toBe(
      '[BOD-17-01] Escalation level 2: identify overdue (DOJ)',
    );
    expect(subject({ kind: 'review-requested' })).toBe('[BOD-17-01] Review requested: identify (DOJ)');
    expect(subject({ kind: 'review-reminder' })).toBe('[BOD-17-01] Review reminder: identify awaits review (DOJ)');
    expect(subject({ kind: 'review-late' })).toBe('[BOD-17-01] Review late: identify still awaits review (DOJ)');
    expect(subject({ kind: 'rejected' })).toBe('[BOD-17-01] Rejected: identify needs rework (DOJ)');
    expect(subject({ kind: 'approved' })).toBe('[BOD-17-01] Approved: identify (DOJ)');
    expect(subject({ kind: 'completed' })).toBe('[BOD-17-01] Completed: identify (DOJ)');
    expect(subject({ kind: 'completed', milestone: undefined })).toBe('[BOD-17-01] Completed: all milestones (DOJ)');
    expect(subject({ kind: 'amended' })).toBe('[BOD-17-01] Amended: identify now due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(subject({ kind: 'rescinded', milestone: undefined })).toBe(
      '[BOD-17-01] Rescinded: no further action required (DOJ)',
    );
  });

  test("what people typed is quoted under its label, after the engine's note and the command", () => {
    const rejected = render(
      reminderNotice({
        kind: 'rejected',
        detail: 'resubmit by 2017-10-24T03:59:59.000Z',
        quoted: [{ label: 'Reviewer comment', text: 'The list omits\n.mil subdomains.' }],
      }),
    ).text;
    expect(rejected).toContain('Note:\nresubmit by Mon 2017-10-23 23:59 EDT\n');
    expect(rejected).toContain('Reviewer comment:\n> The list omits .mil subdomains.\n');
    expect(rejected.indexOf('How to report:')).toBeLessThan(rejected.indexOf('Reviewer comment:'));

    const amended = render(
      reminderNotice({
        kind: 'amended',
        quoted: [{ label: 'Reason', text: 'Extended by 14 days after the shutdown.' }],
      }),
    ).text;
    expect(amended).toContain('Reason:\n> Extended by 14 days');

    const review = render(reminderNotice({ kind: 'review-requested', reportCommand: 'npx directive review ...' })).text;
    expect(review).toContain('How to review:\n  npx directive review ...');
  });

  test('a milestone without a fixed date says so instead of inventing one', () => {
    const notice = reminderNotice();
    const { subject, text } = render({ ...notice, milestone: { ...notice.milestone!, dueAt: null } });

    expect(subject).toBe('[BOD-17-01] Reminder: identify (DOJ)');
    expect(text).toContain('Due:        no fixed date');
  });
});

import { renderNotice } from '../../../activities/mail/render';
import { Notice } from '../../../activities/notice';
import { moveDeadline } from '../../../domain/calculus';
import type { NoticeKind } from '../../../domain/vocabulary';
import { toNotice } from '../../../workflows/notices';
import {
  CIO,
  DAY_MS,
  HEAD,
  ISSUER,
  LEADERSHIP,
  OFFICER,
  Obligation,
  REVIEWER,
  bod1701,
  dueAt,
  iso,
} from '../../fixtures/bod-17-01';

/**
 * The emails people read, built the way the engine builds them: the reducer asks for a notice, the workflow turns it
 * into the activity's input (toNotice, with the state after the event), the activity parses it (Notice) and renders
 * it (renderNotice). Nothing is written by hand between the reducer and the text.
 */

/**
 * Every kind of notice the reducer can emit (NoticeKind in domain/vocabulary.ts). `satisfies` makes the
 * compiler (npm test type-checks first) refuse this list when a kind is added to or removed from the reducer's type.
 */
const REDUCER_KINDS = {
  reminder: true,
  escalation: true,
  'review-requested': true,
  'review-reminder': true,
  'review-late': true,
  rejected: true,
  approved: true,
  completed: true,
  amended: true,
  rescinded: true,
} as const satisfies Record<NoticeKind, true>;

interface Email {
  kind: NoticeKind;
  key: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
}

function emails(o: Obligation): Email[] {
  return o.emitted.map(({ intent, state }) => {
    const notice = Notice.parse(toNotice(intent, o.definition, o.agency, state));
    return { kind: intent.kind, key: notice.key, to: notice.to, cc: notice.cc, ...renderNotice(notice) };
  });
}

const TZ = bod1701.timeZone;
const identifyDue = dueAt('identify');
const planDue = dueAt('plan');
const removeDue = dueAt('remove');
const COMPLETE = (id: string) =>
  `How to report:\n  npx directive complete BOD-17-01 DOJ ${id} --by YOU@example.gov --evidence "what was done"`;
const REVIEW =
  'How to review:\n  npx directive review BOD-17-01 DOJ plan --by YOU@example.gov (--approve | --reject) --comment "..."';

/**
 * DOJ's year under BOD 17-01: identify is missed and escalated up the whole ladder, then reported late; the plan is
 * submitted the day it is due, reviewed late, rejected, resubmitted and approved; DHS extends removal by 30 days, then
 * rescinds the directive.
 */
const year = new Obligation();
year.tick(identifyDue - 7 * DAY_MS);
year.tick(identifyDue - DAY_MS);
year.tick(identifyDue);
year.tick(identifyDue + 7 * DAY_MS);
year.tick(identifyDue + 14 * DAY_MS);
year.report('identify', identifyDue + 15 * DAY_MS, { summary: 'none found on 14,210 endpoints' });
year.tick(planDue - 7 * DAY_MS);
year.tick(planDue - DAY_MS);
const planSubmitted = planDue - DAY_MS / 2; // Sun 2017-11-12 at noon
year.report('plan', planSubmitted, {
  summary: 'plan of action v1',
  uri: 'https://docs.doj.example.gov/bod-17-01/plan',
});
const reviewDue = planSubmitted + 10 * DAY_MS;
year.tick(reviewDue - DAY_MS);
year.tick(reviewDue);
const rejectedAt = reviewDue + DAY_MS;
year.review('plan', rejectedAt, 'reject', 'The plan has no removal timeline.');
const resubmitDue = rejectedAt + 10 * DAY_MS;
year.tick(resubmitDue - 7 * DAY_MS);
year.report('plan', resubmitDue - 2 * DAY_MS, { summary: 'plan of action v2, with timeline' });
const approvedAt = resubmitDue - DAY_MS;
year.review('plan', approvedAt, 'approve', 'Timeline accepted.');
const extended = moveDeadline(iso(removeDue), { extendByDays: 30 }, TZ); // what the resolveDeadline activity computes
year.amend(approvedAt, {
  amendmentId: 'extend-remove',
  kind: 'extend',
  milestoneId: 'remove',
  newDueAt: Date.parse(extended.dueAt),
  explanation: extended.explanation,
  reason: 'procurement of replacement products',
  directedBy: 'DHS/CS&C',
});
year.amend(approvedAt + DAY_MS, {
  amendmentId: 'rescind-1',
  kind: 'rescind',
  reason: 'superseded by statute',
  directedBy: 'Acting Secretary',
});
const mail = emails(year);

/** The one email with this key ending, e.g. "identify/reminder/2017-10-14T03:59:59.000Z/P7D". */
function email(keyEnd: string): Email {
  const found = mail.filter((m) => m.key.endsWith(keyEnd));
  if (found.length !== 1)
    throw new Error(`${found.length} emails end with ${keyEnd}: ${mail.map((m) => m.key).join(', ')}`);
  return found[0]!;
}

describe('reminders', () => {
  test('the 7-day reminder before identify tells the officer what is owed, by when in Washington time, and how to report', () => {
    const m = email(`identify/reminder/${iso(identifyDue)}/P7D`);
    expect(m).toMatchObject({ to: [OFFICER], cc: [] });
    expect(m.subject).toBe('[BOD-17-01] Reminder: identify due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(m.text).toMatch(
      /^Reminder: Department of Justice owes "Identify Kaspersky-branded products" under BOD-17-01 by Fri 2017-10-13 23:59 EDT\.\n/,
    );
    expect(m.text).toContain(
      'Due:        Fri 2017-10-13 23:59 EDT\n            30 calendar days after Wed 2017-09-13 → Fri 2017-10-13',
    );
    expect(m.text).toContain('What is owed:\nIdentify any use or presence of Kaspersky-branded products');
    expect(m.text).toContain('Note:\ndue in 7 day(s)');
    expect(m.text).toContain(COMPLETE('identify'));
  });

  test('the 7-day reminder before the plan deadline, sent the day the clocks went back, gives the deadline in EST', () => {
    const m = email(`plan/reminder/${iso(planDue)}/P7D`);
    expect(m.to).toEqual([OFFICER]);
    expect(m.subject).toBe('[BOD-17-01] Reminder: plan due Sun 2017-11-12 23:59 EST (DOJ)');
    expect(m.text).toContain('by Sun 2017-11-12 23:59 EST.');
    expect(m.text).toContain('Due:        Sun 2017-11-12 23:59 EST\n            60 calendar days after Wed 2017-09-13');
    expect(m.text).toContain('Note:\ndue in 7 day(s)');
    expect(m.text).toContain(COMPLETE('plan'));
    // Sent 7 × 24 h before the deadline: Sun 2017-11-05, the day daylight saving time ended.
    expect(year.emitted.find((e) => e.intent.key === m.key)?.state.watermark).toBe(planDue - 7 * DAY_MS);
  });

  test('the day-before reminders say due in 1 day, with the same deadline', () => {
    const identify = email(`identify/reminder/${iso(identifyDue)}/P1D`);
    const plan = email(`plan/reminder/${iso(planDue)}/P1D`);
    expect(identify.subject).toBe('[BOD-17-01] Reminder: identify due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(plan.subject).toBe('[BOD-17-01] Reminder: plan due Sun 2017-11-12 23:59 EST (DOJ)');
    for (const m of [identify, plan]) expect(m.text).toContain('Note:\ndue in 1 day(s)');
  });
});

describe('escalation', () => {
  test('each step tells a wider circle that identify is overdue, always copying the officer, who can still report', () => {
    const steps = [1, 2, 3].map((level) => email(`identify/escalation/${iso(identifyDue)}/L${level}`));
    expect(steps.map((m) => [m.to, m.cc])).toEqual([
      [[CIO, ISSUER], [OFFICER]],
      [[HEAD], [OFFICER]],
      [[LEADERSHIP], [OFFICER]],
    ]);
    steps.forEach((m, i) => {
      const level = i + 1;
      expect(m.subject).toBe(`[BOD-17-01] Escalation level ${level}: identify overdue (DOJ)`);
      expect(m.text).toMatch(
        new RegExp(
          `^"Identify Kaspersky-branded products" is overdue for Department of Justice; this is escalation level ${level}\\.\n`,
        ),
      );
      expect(m.text).toContain(`Due:        Fri 2017-10-13 23:59 EDT`);
      expect(m.text).toContain(`Escalation: level ${level}`);
      expect(m.text).toContain(COMPLETE('identify'));
    });
  });

  test('a late report is confirmed to the officer as recorded late', () => {
    const m = email(`identify/completed/${iso(identifyDue + 15 * DAY_MS)}`);
    expect(m).toMatchObject({ to: [OFFICER], cc: [], subject: '[BOD-17-01] Completed: identify (DOJ)' });
    expect(m.text).toMatch(/^"Identify Kaspersky-branded products" is complete for Department of Justice\.\n/);
    expect(m.text).toContain('Note:\nrecorded as late');
  });
});

describe('review', () => {
  test('a submitted plan asks the DHS reviewer, copying the officer, to review the evidence by the review deadline', () => {
    const m = email(`plan/review-requested/${iso(planSubmitted)}`);
    expect(m).toMatchObject({ to: [REVIEWER], cc: [OFFICER], subject: '[BOD-17-01] Review requested: plan (DOJ)' });
    expect(m.text).toMatch(
      /^Department of Justice reported "Plan of action for removal" complete\. Please review the evidence and approve or reject it\.\n/,
    );
    expect(m.text).toContain('Due:        Wed 2017-11-22 11:59 EST'); // ten days to review
    expect(m.text).toContain('Note:\nreview due Wed 2017-11-22 11:59 EST');
    expect(m.text).toContain(
      `${REVIEW}\n\nEvidence:\n> plan of action v1 · https://docs.doj.example.gov/bod-17-01/plan\n`,
    );
    expect(m.text).not.toContain('How to report');
  });

  test('the reviewer is reminded the day before the review is due, and DHS is told, copying the reviewer, when it is late', () => {
    const reminder = email(`plan/review-reminder/${iso(reviewDue)}/P1D`);
    expect(reminder).toMatchObject({
      to: [REVIEWER],
      cc: [],
      subject: '[BOD-17-01] Review reminder: plan awaits review (DOJ)',
    });
    expect(reminder.text).toMatch(
      /^"Plan of action for removal", reported by Department of Justice, is still waiting for your review\.\n/,
    );
    const late = email(`plan/review-late/${iso(reviewDue)}`);
    expect(late).toMatchObject({
      to: [ISSUER],
      cc: [REVIEWER],
      subject: '[BOD-17-01] Review late: plan still awaits review (DOJ)',
    });
    expect(late.text).toMatch(
      /^The review of "Plan of action for removal", reported by Department of Justice, is late\.\n/,
    );
    for (const m of [reminder, late]) {
      expect(m.text).toContain('Due:        Wed 2017-11-22 11:59 EST');
      expect(m.text).toContain(REVIEW);
    }
  });

  test("a rejection gives the officer the reviewer's comment and the resubmission deadline, and the next reminder counts down to it", () => {
    const m = email(`plan/rejected/${iso(rejectedAt)}`);
    expect(m).toMatchObject({ to: [OFFICER], cc: [], subject: '[BOD-17-01] Rejected: plan needs rework (DOJ)' });
    expect(m.text).toMatch(
      /^The report of "Plan of action for removal" by Department of Justice was rejected\. Please address the comment below and report again\.\n/,
    );
    expect(m.text).toContain('Due:        Sun 2017-12-03 11:59 EST'); // ten days to resubmit
    expect(m.text).toContain(
      '            the resubmission deadline after the report was rejected (first due Sun 2017-11-12 23:59 EST)',
    );
    // The deadline in the directive's zone, in the domain's format, beside the local "Due:" (it was UTC ISO text).
    expect(m.text).toContain('Note:\nresubmit by Sun 2017-12-03 11:59 EST');
    expect(m.text.split('\n-- \n')[0]).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // above the signature (the notice key)
    expect(m.text).toContain(`${COMPLETE('plan')}\n\nReviewer comment:\n> The plan has no removal timeline.\n`);
    const reminder = email(`plan/reminder/${iso(resubmitDue)}/P7D`);
    expect(reminder.subject).toBe('[BOD-17-01] Reminder: plan due Sun 2017-12-03 11:59 EST (DOJ)');
  });

  test('the resubmitted plan goes back to the reviewer with its new evidence', () => {
    const m = email(`plan/review-requested/${iso(resubmitDue - 2 * DAY_MS)}`);
    expect(m).toMatchObject({ to: [REVIEWER], cc: [OFFICER] });
    expect(m.text).toContain('Evidence:\n> plan of action v2, with timeline');
    expect(m.text).not.toContain('plan of action v1');
  });

  test("an approval tells the officer, with the reviewer's comment", () => {
    const m = email(`plan/approved/${iso(approvedAt)}`);
    expect(m).toMatchObject({ to: [OFFICER], cc: [], subject: '[BOD-17-01] Approved: plan (DOJ)' });
    expect(m.text).toMatch(/^The report of "Plan of action for removal" by Department of Justice was approved\.\n/);
    expect(m.text).toContain('Reviewer comment:\n> Timeline accepted.');
  });
});

describe('amendments', () => {
  test('an extension tells the officer the new deadline, how it was reached, and why', () => {
    const m = email('remove/amended/extend-remove');
    expect(m).toMatchObject({ to: [OFFICER], cc: [] });
    expect(m.subject).toBe('[BOD-17-01] Amended: remove now due Thu 2018-01-11 23:59 EST (DOJ)');
    expect(m.text).toMatch(/^BOD-17-01 was amended for Department of Justice\. The schedule below is current\.\n/);
    expect(m.text).toContain(`Due:        Thu 2018-01-11 23:59 EST\n            ${extended.explanation}`);
    expect(m.text).toContain('Reason:\n> extend: procurement of replacement products (directed by DHS/CS&C)');
  });

  test('a rescission tells the officer and the CIO that nothing more is required, naming no milestone and no command', () => {
    const m = email('-/rescinded/rescind-1');
    expect(m).toMatchObject({
      to: [OFFICER],
      cc: [CIO],
      subject: '[BOD-17-01] Rescinded: no further action required (DOJ)',
    });
    expect(m.text).toMatch(/^BOD-17-01 was rescinded for Department of Justice\. No further action is required\.\n/);
    expect(m.text).toContain('Reason:\n> superseded by statute (directed by Acting Secretary)');
    expect(m.text).not.toMatch(/Milestone:|Due:|How to/);
  });

  test('a waiver tells the officer which milestone no longer needs reporting, and why', () => {
    const o = new Obligation();
    o.amend(identifyDue - 3 * DAY_MS, { amendmentId: 'waive-1', kind: 'waive', milestoneId: 'identify' });
    const m = emails(o).find((x) => x.kind === 'amended');
    expect(m).toMatchObject({ to: [OFFICER], cc: [] });
    expect(m!.text).toContain('Milestone:  Identify Kaspersky-branded products (identify)');
    expect(m!.text).toContain('Reason:\n> waive: agency request (directed by DHS/CS&C)');
  });
});

test('these scenarios make the reducer emit every kind of notice it has, each as a valid email', () => {
  expect(new Set(mail.map((m) => m.kind))).toEqual(new Set(Object.keys(REDUCER_KINDS)));
  expect(mail).toHaveLength(17); // 5 for identify (2 reminders, 3 escalations), 11 for the plan, 2 amendments
  for (const m of mail)
    expect(m.text).toContain(`Sent automatically by the directive deadline engine. Notice ${m.key}`);
});

/**
 * Defects these tests found in the guardrails work (they were `test.failing` until rules v3's email work fixed them).
 * The scenarios are built and checked outside the tests, so that only the defect itself can make them fail.
 */
describe('emails that tell the state of the milestone', () => {
  const waiver = new Obligation();
  waiver.amend(identifyDue - 3 * DAY_MS, { amendmentId: 'waive-1', kind: 'waive', milestoneId: 'identify' });
  const waived = emails(waiver).find((m) => m.kind === 'amended');

  const onTime = new Obligation();
  onTime.report('identify', identifyDue - DAY_MS);
  onTime.report('plan', planDue - 2 * DAY_MS);
  onTime.review('plan', planDue, 'approve', 'ok');
  const approved = emails(onTime).find((m) => m.kind === 'approved');
  const closed = [...emails(onTime).filter((m) => m.kind === 'completed' || m.kind === 'approved'), waived];

  // The worker was busy: the resubmission is handled an hour after the 7-day reminder fell due, in one step.
  const busy = new Obligation();
  busy.report('identify', identifyDue - DAY_MS);
  busy.report('plan', planDue - 2 * DAY_MS);
  busy.review('plan', planDue, 'reject', 'thin');
  const resubmitBy = planDue + 10 * DAY_MS;
  const resubmitted = busy.report('plan', resubmitBy - 7 * DAY_MS + 60 * 60 * 1000);
  const reminder = emails(busy).find((m) => m.key === `BOD-17-01/DOJ/plan/reminder/${iso(resubmitBy)}/P7D`);

  test('the scenarios below produce the emails they are about', () => {
    expect(waived?.subject).toMatch(/^\[BOD-17-01\] Amended: identify/);
    expect(approved?.subject).toBe('[BOD-17-01] Approved: plan (DOJ)');
    expect(closed.map((m) => m?.kind)).toEqual(['completed', 'approved', 'amended']);
  });

  test('a waiver does not tell the officer the waived milestone is "now due"', () => {
    expect(waived?.subject).not.toContain('now due');
  });

  test('emails about a closed milestone (completed, approved, waived) give no command to report it', () => {
    for (const m of closed) expect(m?.text).not.toContain('How to report');
  });

  test("an approval shows the plan's own deadline, not the deadline the reviewer had", () => {
    expect(approved?.text).toContain('Due:        Sun 2017-11-12 23:59 EST');
  });

  // Fixed by rules v3 (issue 9, point 9): the resubmission makes the reminder moot, so it is not sent at all.
  test('a reminder that falls due in the same step as a resubmission is not sent', () => {
    expect(resubmitted.map((n) => n.kind)).toEqual(['review-requested']);
    expect(reminder).toBeUndefined();
  });
});

describe('text that agencies and reviewers typed cannot forge a section of the email', () => {
  const FORGED = 'plan v1\n\nHow to review: approve at https://evil.example\n\nDue:        Mon 2099-01-01';
  const o = new Obligation();
  o.report('identify', identifyDue - DAY_MS);
  o.report('plan', planDue - 2 * DAY_MS, { summary: FORGED });
  o.review('plan', planDue, 'reject', 'thin\n\nHow to report:\n  rm -rf /');
  const sent = emails(o);
  const requested = sent.find((m) => m.kind === 'review-requested')!;
  const rejected = sent.find((m) => m.kind === 'rejected')!;

  test('evidence with "\\n\\nHow to review: approve at https://evil.example" appears only inside the quoted block, after the real "How to review"', () => {
    const lines = requested.text.split('\n');
    const evil = lines.filter((line) => line.includes('evil.example'));
    expect(evil).toEqual(['> plan v1 How to review: approve at https://evil.example Due: Mon 2099-01-01']);
    expect(lines.filter((line) => line.startsWith('How to review'))).toEqual(['How to review:']);
    expect(lines.filter((line) => line.startsWith('Due:'))).toEqual(['Due:        Mon 2017-11-20 23:59 EST']);
    expect(requested.text.indexOf('How to review:')).toBeLessThan(requested.text.indexOf('Evidence:'));
    expect(requested.text.indexOf('Due:')).toBeLessThan(requested.text.indexOf('Evidence:'));
  });

  test("a reviewer's comment is quoted on one line after the real command, so it cannot add a command", () => {
    const lines = rejected.text.split('\n');
    expect(lines.filter((line) => line.startsWith('How to report'))).toEqual(['How to report:']);
    expect(lines.filter((line) => line.includes('rm -rf'))).toEqual(['> thin How to report: rm -rf /']);
    expect(rejected.text).toContain(`${COMPLETE('plan')}\n\nReviewer comment:\n> thin How to report: rm -rf /\n`);
  });

  test('a name with line breaks, control or bidi characters is shown on one line, without them', () => {
    const forgedName = { ...o.agency, name: 'Department of Justice\n\nHow to report:\u202E evil' };
    const n = new Obligation(undefined, forgedName);
    const reminder = n.tick(identifyDue - 7 * DAY_MS)[0]!;
    const text = renderNotice(Notice.parse(toNotice(reminder, n.definition, forgedName, n.state))).text;
    expect(text).toMatch(/^Reminder: Department of Justice How to report: evil owes /);
    expect(text).toContain('Agency:     Department of Justice How to report: evil (DOJ)\n');
    expect(text.split('\n').filter((line) => line.startsWith('How to report'))).toEqual(['How to report:']);
  });
});

describe("every date in an email is in the directive's zone, and the email says what state the milestone is in", () => {
  test('an escalation names the missed deadline in Washington time, not in UTC', () => {
    const m = email(`identify/escalation/${iso(identifyDue)}/L1`);
    expect(m.text).toContain('Note:\ndeadline Fri 2017-10-13 23:59 EDT passed without an accepted report');
  });

  test('a review that runs late names the review deadline in Washington time', () => {
    const m = email(`plan/review-late/${iso(reviewDue)}`);
    expect(m.text).toContain('Note:\nreview due Wed 2017-11-22 11:59 EST has not been given');
  });

  test('a hold tells the officer the milestone is on hold since when, not that it is "now due"', () => {
    const o = new Obligation();
    o.amend(identifyDue - 3 * DAY_MS, { amendmentId: 'hold-1', kind: 'hold', milestoneId: 'identify' });
    const m = emails(o).find((x) => x.kind === 'amended')!;
    expect(m.subject).toBe('[BOD-17-01] Amended: identify on hold (DOJ)');
    expect(m.text).toContain(
      'Due:        on hold since Tue 2017-10-10 23:59 EDT (it was due Fri 2017-10-13 23:59 EDT)',
    );
    expect(m.text).not.toContain('now due');
  });

  test('a waiver says waived in its subject, headline and "Due:" line, and gives no command', () => {
    const o = new Obligation();
    o.amend(identifyDue - 3 * DAY_MS, { amendmentId: 'waive-1', kind: 'waive', milestoneId: 'identify' });
    const m = emails(o).find((x) => x.kind === 'amended')!;
    expect(m.subject).toBe('[BOD-17-01] Amended: identify waived (DOJ)');
    expect(m.text).toContain('"Identify Kaspersky-branded products" is waived: nothing more is to be reported.');
    expect(m.text).toContain('Due:        waived, nothing more to report (it was due Fri 2017-10-13 23:59 EDT)');
    expect(m.text).not.toMatch(/How to report|now due/);
  });
});

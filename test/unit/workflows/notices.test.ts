import { Notice } from '../../../activities/notice';
import type { Agency } from '../../../domain/agency';
import type { NoticeIntent } from '../../../domain/obligation';
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
  doj,
  dueAt,
  iso,
  issuedAt,
} from '../../fixtures/bod-17-01';

/** `toNotice`: the reducer's notice (roles, a key) turned into the email the activity sends (addresses, texts). */
const notice = (o: Obligation, intent: NoticeIntent) => toNotice(intent, o.definition, o.agency, o.state);
const only = (intents: NoticeIntent[], kind: NoticeIntent['kind']): NoticeIntent => {
  const found = intents.filter((n) => n.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} notice, got ${JSON.stringify(intents)}`);
  return found[0]!;
};

const identifyDue = dueAt('identify');
const planDue = dueAt('plan');

describe('who receives a notice', () => {
  test("each role reaches its own address: the agency's officer, CIO and head, DHS's issuer, leadership and reviewer", () => {
    const o = new Obligation();
    const everyone: NoticeIntent = {
      key: 'BOD-17-01/DOJ/identify/escalation/x',
      kind: 'escalation',
      milestoneId: 'identify',
      to: ['complianceOfficer', 'cio', 'head'],
      cc: ['issuer', 'issuerLeadership', 'reviewer'],
    };
    expect(notice(o, everyone)).toMatchObject({ to: [OFFICER, CIO, HEAD], cc: [ISSUER, LEADERSHIP, REVIEWER] });
  });

  test('the first escalation goes to the CIO and DHS with a copy to the officer; the later ones up the ladder', () => {
    const o = new Obligation();
    o.tick(identifyDue);
    o.tick(identifyDue + 14 * DAY_MS);
    const escalations = o.emitted.filter((e) => e.intent.kind === 'escalation').map((e) => notice(o, e.intent));
    expect(escalations.map((n) => [n.escalationLevel, n.to, n.cc])).toEqual([
      [1, [CIO, ISSUER], [OFFICER]],
      [2, [HEAD], [OFFICER]],
      [3, [LEADERSHIP], [OFFICER]],
    ]);
  });

  test('an officer who is also the CIO gets one copy of an escalation, in To, not again in Cc', () => {
    const smallAgency: Agency = { ...doj, contacts: { ...doj.contacts, cio: OFFICER } };
    const o = new Obligation(undefined, smallAgency);
    const l1 = notice(o, only(o.tick(identifyDue), 'escalation'));
    expect(l1.to).toEqual([OFFICER, ISSUER]);
    expect(l1.cc).toEqual([]);
  });

  test('two roles held by one person make one recipient', () => {
    const oneBoss: Agency = { ...doj, contacts: { ...doj.contacts, head: CIO } };
    const o = new Obligation(undefined, oneBoss);
    const intent: NoticeIntent = {
      key: 'k',
      kind: 'escalation',
      milestoneId: 'identify',
      to: ['cio', 'head'],
      cc: ['head', 'complianceOfficer', 'complianceOfficer'],
    };
    expect(notice(o, intent)).toMatchObject({ to: [CIO], cc: [OFFICER] });
  });

  test('a plan submitted for review goes to the DHS reviewer, copying the officer; a late review goes to DHS', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    const requested = notice(o, only(o.report('plan', planDue - 2 * DAY_MS), 'review-requested'));
    expect(requested).toMatchObject({ to: [REVIEWER], cc: [OFFICER] });
    const reviewDue = planDue + 8 * DAY_MS;
    expect(notice(o, only(o.tick(reviewDue - DAY_MS), 'review-reminder'))).toMatchObject({ to: [REVIEWER], cc: [] });
    expect(notice(o, only(o.tick(reviewDue), 'review-late'))).toMatchObject({ to: [ISSUER], cc: [REVIEWER] });
  });

  test('a rescission goes to the officer with a copy to the CIO, and names no milestone', () => {
    const o = new Obligation();
    const rescinded = notice(o, only(o.amend(issuedAt, { amendmentId: 'R-1', kind: 'rescind' }), 'rescinded'));
    expect(rescinded).toMatchObject({ to: [OFFICER], cc: [CIO], milestone: undefined, reportCommand: undefined });
  });
});

describe('the deadline a notice carries', () => {
  test("a reminder carries the milestone's scheduled deadline, and its explanation", () => {
    const o = new Obligation();
    const reminder = notice(o, only(o.tick(identifyDue - 7 * DAY_MS), 'reminder'));
    expect(reminder.milestone).toEqual({
      id: 'identify',
      title: 'Identify Kaspersky-branded products',
      description: expect.stringContaining('Identify any use or presence of Kaspersky-branded products'),
      dueAt: iso(identifyDue),
      explanation: expect.stringContaining('30 calendar days after Wed 2017-09-13'),
      state: 'pending',
      heldSince: undefined,
    });
  });

  test('after a rejection the officer is given the resubmission deadline, not the original one', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    const rejectedAt = planDue + DAY_MS;
    const rejected = notice(o, only(o.review('plan', rejectedAt, 'reject', 'no removal timeline'), 'rejected'));
    const resubmitBy = rejectedAt + 10 * DAY_MS; // BOD 17-01: 10 days to resubmit
    expect(rejected.milestone?.dueAt).toBe(iso(resubmitBy));
    expect(rejected.detail).toBe(`resubmit by ${iso(resubmitBy)}`);
    expect(rejected.quoted).toEqual([{ label: 'Reviewer comment', text: 'no removal timeline' }]);
    // The reminders that follow count down to the same resubmission deadline.
    expect(notice(o, only(o.tick(resubmitBy - 7 * DAY_MS), 'reminder')).milestone?.dueAt).toBe(iso(resubmitBy));
  });

  test("while a plan awaits review, the reviewer's notices carry the review deadline", () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    const submittedAt = planDue - 2 * DAY_MS;
    const requested = notice(o, only(o.report('plan', submittedAt), 'review-requested'));
    expect(requested.milestone?.dueAt).toBe(iso(submittedAt + 10 * DAY_MS));
  });

  test('an extension carries the new deadline and the explanation of how it was reached', () => {
    const o = new Obligation();
    const newDue = identifyDue + 14 * DAY_MS;
    const amended = notice(
      o,
      only(
        o.amend(issuedAt, {
          amendmentId: 'E-1',
          kind: 'extend',
          milestoneId: 'identify',
          newDueAt: newDue,
          explanation: 'extended by 14 calendar days → Fri 2017-10-27',
        }),
        'amended',
      ),
    );
    expect(amended.milestone).toMatchObject({
      dueAt: iso(newDue),
      explanation: 'extended by 14 calendar days → Fri 2017-10-27',
    });
    expect(amended.detail).toBeUndefined();
    expect(amended.quoted).toEqual([{ label: 'Reason', text: 'extend: agency request (directed by DHS/CS&C)' }]);
  });

  test('an open-ended milestone carries no deadline rather than an invented one', () => {
    const o = new Obligation();
    const waived = notice(
      o,
      only(o.amend(issuedAt, { amendmentId: 'W-1', kind: 'waive', milestoneId: 'removed' }), 'amended'),
    );
    expect(waived.milestone).toMatchObject({ id: 'removed', dueAt: null });
  });
});

describe('evidence and commands', () => {
  const evidence = {
    summary: 'plan v1, 14 elements',
    uri: 'https://docs.doj.example.gov/bod-17-01/plan',
    sha256: 'ab'.repeat(32),
  };

  test('a review request shows the reviewer the evidence: summary, where it is kept and its checksum', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    const submittedAt = planDue - 2 * DAY_MS;
    const requested = notice(o, only(o.report('plan', submittedAt, evidence), 'review-requested'));
    expect(requested.detail).toBe(`review due ${iso(submittedAt + 10 * DAY_MS)}`);
    expect(requested.quoted).toEqual([
      {
        label: 'Evidence',
        text: `plan v1, 14 elements · https://docs.doj.example.gov/bod-17-01/plan · sha256 ${'ab'.repeat(32)}`,
      },
    ]);
  });

  test('evidence is not repeated in the notices that are not review requests', () => {
    const o = new Obligation();
    const completed = notice(o, only(o.report('identify', identifyDue - DAY_MS, evidence), 'completed'));
    expect(completed.detail).toBe('recorded on time');
    expect(completed.quoted).toEqual([]);
    o.report('plan', planDue - 2 * DAY_MS, evidence);
    const reviewDue = planDue + 8 * DAY_MS;
    expect(notice(o, only(o.tick(reviewDue - DAY_MS), 'review-reminder')).detail).toBe('due in 1 day(s)');
    const approved = notice(o, only(o.review('plan', reviewDue - DAY_MS, 'approve', 'complete plan'), 'approved'));
    expect(approved.quoted).toEqual([{ label: 'Reviewer comment', text: 'complete plan' }]);
  });

  test('the reviewer is given the review command for the milestone under review', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    const requested = notice(o, only(o.report('plan', planDue - 2 * DAY_MS), 'review-requested'));
    expect(requested.reportCommand).toBe(
      'npx directive review BOD-17-01 DOJ plan --by YOU@example.gov (--approve | --reject) --comment "..."',
    );
    const reviewDue = planDue + 8 * DAY_MS;
    const reminded = notice(o, only(o.tick(reviewDue - DAY_MS), 'review-reminder'));
    const late = notice(o, only(o.tick(reviewDue), 'review-late'));
    expect([reminded.reportCommand, late.reportCommand]).toEqual([requested.reportCommand, requested.reportCommand]);
  });

  test('the officer is given the report command, naming the occurrence of a recurring report', () => {
    const o = new Obligation();
    const reminder = notice(o, only(o.tick(identifyDue - 7 * DAY_MS), 'reminder'));
    expect(reminder.reportCommand).toBe(
      'npx directive complete BOD-17-01 DOJ identify --by YOU@example.gov --evidence "what was done"',
    );
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.review('plan', planDue, 'approve', 'ok');
    o.report('remove', dueAt('remove') - DAY_MS);
    o.report('status', dueAt('status-1') - DAY_MS);
    const status2 = notice(o, only(o.tick(dueAt('status-2') - 7 * DAY_MS), 'reminder'));
    expect(status2.reportCommand).toBe(
      'npx directive complete BOD-17-01 DOJ status-2 --by YOU@example.gov --evidence "what was done"',
    );
    const rejectedLater = new Obligation();
    rejectedLater.report('identify', identifyDue - DAY_MS);
    rejectedLater.report('plan', planDue - 2 * DAY_MS);
    const rejected = notice(rejectedLater, only(rejectedLater.review('plan', planDue, 'reject', 'thin'), 'rejected'));
    expect(rejected.reportCommand).toBe(
      'npx directive complete BOD-17-01 DOJ plan --by YOU@example.gov --evidence "what was done"',
    );
  });
});

test("every notice carries the key, kind, directive (with its zone), agency and escalation level the email needs, and passes the sendNotice activity's schema", () => {
  const o = new Obligation();
  o.tick(identifyDue - DAY_MS); // the reminders, before their deadline (rules v3 send none after it)
  o.tick(identifyDue + 14 * DAY_MS);
  o.report('identify', identifyDue + 15 * DAY_MS);
  o.report('plan', planDue - 2 * DAY_MS);
  o.tick(planDue + 8 * DAY_MS);
  o.review('plan', planDue + 9 * DAY_MS, 'reject', 'thin');
  o.amend(planDue + 9 * DAY_MS, { amendmentId: 'R-1', kind: 'rescind' });
  expect(o.emitted.length).toBeGreaterThan(8);
  for (const { intent, state } of o.emitted) {
    const n = toNotice(intent, bod1701, doj, state);
    expect(Notice.safeParse(n).error).toBeUndefined();
    expect(n).toMatchObject({
      key: intent.key,
      kind: intent.kind,
      directive: { id: 'BOD-17-01', title: 'Removal of Kaspersky-branded products', timeZone: 'America/New_York' },
      agency: { id: 'DOJ', name: 'Department of Justice' },
      escalationLevel: intent.kind === 'escalation' ? intent.escalationLevel : undefined,
    });
  }
});

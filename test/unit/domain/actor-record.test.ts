/**
 * Who did it, recorded by the engine: each report and review keeps its actor and channel, every round of a reviewed
 * plan stays on record with the reviewer's decision, and the update payloads refuse an actor that is not the person
 * the payload names.
 */
import {
  initialObligation,
  reduce,
  statusView,
  type ObligationEvent,
  type ObligationState,
} from '../../../domain/obligation';
import { parseReport, parseReview, reportEvent } from '../../../workflows/obligation-payloads';
import {
  OFFICER,
  REVIEWER,
  bod1701 as bod,
  doj as agency,
  issuedAt as issued,
  schedule,
} from '../../fixtures/bod-17-01';

const HOUR = 3_600_000;
const officer = {
  channel: 'portal' as const,
  email: OFFICER,
  name: 'Olivia Officer',
  issuer: 'https://login.example.gov',
  subject: 'acct-4f2a',
};
const reviewer = { channel: 'cli' as const, email: REVIEWER };
const file = { name: 'plan.pdf', size: 1234, mediaType: 'application/pdf', sha256: 'ab'.repeat(32) };

function run(state: ObligationState, ...events: ObligationEvent[]): ObligationState {
  for (const event of events) state = reduce(state, event).state;
  return state;
}
const reportPlan = (at: number, summary: string): ObligationEvent => ({
  type: 'report',
  at,
  milestoneId: 'plan',
  completedBy: officer.email,
  evidence: { summary, files: [file] },
  actor: officer,
});
const reviewPlan = (at: number, decision: 'approve' | 'reject', comment: string): ObligationEvent => ({
  type: 'review',
  at,
  milestoneId: 'plan',
  reviewer: reviewer.email,
  decision,
  comment,
  actor: reviewer,
});

test('a rejected plan and its resubmission both stay on record, each with who sent it, its files and the decision', () => {
  const state = run(
    initialObligation(bod, agency, schedule, issued),
    {
      type: 'report',
      at: issued + HOUR,
      milestoneId: 'identify',
      completedBy: officer.email,
      evidence: { summary: 'scan' },
      actor: officer,
    },
    reportPlan(issued + 2 * HOUR, 'first plan'),
    reviewPlan(issued + 3 * HOUR, 'reject', 'timeline missing'),
    reportPlan(issued + 4 * HOUR, 'second plan'),
    reviewPlan(issued + 5 * HOUR, 'approve', 'thank you'),
  );
  const plan = statusView(state).milestones.find((m) => m.id === 'plan')!;
  expect(plan.state).toBe('completed');
  expect(
    plan.submissions.map((s) => [s.evidence?.summary, s.actor?.channel, s.review?.decision, s.review?.comment]),
  ).toEqual([
    ['first plan', 'portal', 'reject', 'timeline missing'],
    ['second plan', 'portal', 'approve', 'thank you'],
  ]);
  expect(plan.submissions[0]!.evidence?.files).toEqual([file]);
  expect(plan.submissions[1]!.review?.actor).toEqual(reviewer);
  const history = statusView(state).history.filter((h) => h.milestoneId === 'plan');
  expect(history.map((h) => [h.event, h.actor?.email, h.actor?.channel])).toEqual([
    ['submitted', officer.email, 'portal'],
    ['rejected', reviewer.email, 'cli'],
    ['submitted', officer.email, 'portal'],
    ['approved', reviewer.email, 'cli'],
  ]);
});

test('a report sent without an actor is recorded without one: the record does not invent a channel', () => {
  const state = run(initialObligation(bod, agency, schedule, issued), {
    type: 'report',
    at: issued + HOUR,
    milestoneId: 'identify',
    completedBy: officer.email,
    evidence: { summary: 'scan' },
  });
  const identify = statusView(state).milestones.find((m) => m.id === 'identify')!;
  expect(identify.completedBy).toBe(officer.email);
  expect(identify.submissions[0]!.actor).toBeUndefined();
  expect(statusView(state).history.find((h) => h.event === 'completed')!.actor).toBeUndefined();
});

describe('the update payloads', () => {
  test('refuse an actor who is not the person completedBy or reviewer names', () => {
    expect(() =>
      parseReport({
        milestoneId: 'identify',
        completedBy: 'someone@else.gov',
        evidence: { summary: 's' },
        actor: officer,
      }),
    ).toThrow('actor.email: actor.email must be the completedBy address');
    expect(() =>
      parseReview({ milestoneId: 'plan', reviewer: 'r@else.gov', decision: 'approve', comment: 'ok', actor: reviewer }),
    ).toThrow(/actor.email must be the reviewer address/);
  });

  test('refuse an unknown channel, an evidence file without a proper SHA-256, and more than 20 files', () => {
    const base = { milestoneId: 'identify', completedBy: officer.email };
    expect(() => parseReport({ ...base, actor: { ...officer, channel: 'fax' as never } })).toThrow(
      /actor.channel must be one of portal, cli/,
    );
    expect(() =>
      parseReport({ ...base, evidence: { summary: 's', files: [{ ...file, sha256: 'AB'.repeat(32) }] } }),
    ).toThrow(/evidence.files\[\].sha256 must be 64 lower-case hex digits/);
    expect(() =>
      parseReport({ ...base, evidence: { summary: 's', files: Array.from({ length: 21 }, () => file) } }),
    ).toThrow(/evidence.files: at most 20 files/);
  });

  test('an accepted report with files and an actor becomes the event the schema would give', () => {
    const raw = {
      milestoneId: 'plan',
      completedBy: officer.email,
      evidence: { summary: ' plan ', files: [{ ...file, name: ' plan.pdf ' }] },
      actor: officer,
    };
    parseReport(raw);
    expect(reportEvent(raw, issued)).toEqual({
      type: 'report',
      at: issued,
      milestoneId: 'plan',
      completedBy: officer.email,
      evidence: { summary: 'plan', files: [file] },
      completedAt: undefined,
      actor: officer,
    });
  });
});

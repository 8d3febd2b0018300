import { completeMilestoneUpdate, reviewMilestoneUpdate } from '../../../workflows/messages';
import { OverdueKey } from '../../../workflows/search-attributes';
import { DAY_MS, DOJ, useLifecycle, status } from './harness';
import { scenario } from './scenario';

const world = useLifecycle();

const OFFICER = DOJ.contacts.complianceOfficer;
const REVIEWER = 'bod-review@example.gov';
const ISSUER = 'dhs-directives@example.gov';
const identifyEvidence = {
  summary: 'None found on 4,000 endpoints',
  uri: 'https://evidence.doj.example.gov/bod-17-01/identify',
};
/** Instants the workflow computed from its task time: within a minute of the simulated day. */
function expectDay(actual: string | null, issuedAt: number, day: number): void {
  expect(Math.abs(Date.parse(actual ?? '') - (issuedAt + day * DAY_MS))).toBeLessThan(60_000);
}
const sorted = (xs: string[]) => [...xs].sort();

test('a rejected plan, resubmitted within the resubmission window and then approved, is completed and not late', async () => {
  await scenario(world, 'DOJA', async (s) => {
    const { handle, issuedAt, agency } = s;
    await s.advance(29.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'identify', completedBy: OFFICER, evidence: identifyEvidence }],
    });

    await s.advance(50);
    const submitted = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'plan', completedBy: OFFICER, evidence: { summary: 'Removal plan v1' } }],
    });
    const plan0 = submitted.milestones.find((m) => m.id === 'plan')!;
    expect(plan0).toMatchObject({ state: 'submitted', late: false });
    expectDay(plan0.reviewDueAt, issuedAt, 60);

    await s.advance(52);
    const comment = 'Missing the replacement timeline and the CFO-coordinated costs';
    const rejected = await handle.executeUpdate(reviewMilestoneUpdate, {
      args: [{ milestoneId: 'plan', reviewer: REVIEWER, decision: 'reject', comment }],
    });
    const plan1 = rejected.milestones.find((m) => m.id === 'plan')!;
    expect(plan1).toMatchObject({ state: 'rejected', late: false, reviewDueAt: null });
    expectDay(plan1.resubmitDueAt, issuedAt, 62);

    // Past the original day-60 deadline: the agency works against the resubmission deadline, so not overdue.
    await s.advance(61);
    const waiting = await status(handle);
    expect(waiting.overdue).toBe(false);
    expect(waiting.escalationLevel).toBe(0);
    expectDay(waiting.nextDeadline, issuedAt, 62);
    expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);

    await s.advance(61.5);
    const resubmitted = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'plan', completedBy: OFFICER, evidence: { summary: 'Removal plan v2' } }],
    });
    expect(resubmitted.milestones.find((m) => m.id === 'plan')).toMatchObject({ state: 'submitted', late: false });

    await s.advance(63);
    const approved = await handle.executeUpdate(reviewMilestoneUpdate, {
      args: [{ milestoneId: 'plan', reviewer: REVIEWER, decision: 'approve', comment: 'Complete' }],
    });
    const plan2 = approved.milestones.find((m) => m.id === 'plan')!;
    expect(plan2).toMatchObject({ state: 'completed', late: false, highestEscalation: 0 });
    expectDay(plan2.completedAt, issuedAt, 61.5);

    await s.advance(64);
    const after = await status(handle);
    expect(after).toMatchObject({ state: 'active', phase: 'remove', overdue: false, escalationLevel: 0 });

    const sent = await s.sent();
    expect(sent.map((n) => [n.kind, n.milestone, n.day])).toEqual([
      ['reminder', 'identify', 22],
      ['reminder', 'identify', 28],
      ['completed', 'identify', 29],
      ['review-requested', 'plan', 50],
      ['rejected', 'plan', 52],
      ['reminder', 'plan', 55],
      ['reminder', 'plan', 61],
      ['review-requested', 'plan', 61],
      ['approved', 'plan', 63],
    ]);
    const byKind = (kind: string) => sent.filter((n) => n.kind === kind && n.milestone === 'plan');
    for (const n of byKind('review-requested')) expect(sorted(n.to)).toEqual(sorted([REVIEWER, OFFICER]));
    expect(byKind('rejected')[0]!.to).toEqual([OFFICER]);
    for (const n of byKind('reminder')) expect(n.to).toEqual([OFFICER]);
    expect(byKind('approved')[0]!.to).toEqual([OFFICER]);
    expect(sent.filter((n) => n.kind === 'escalation' || n.kind === 'review-late')).toEqual([]);

    const rejection = world.smtp.received.find((r) =>
      String(r.mail.headers.get('x-directive-notice')).startsWith(`BOD-17-01/${agency.id}/plan/rejected/`),
    );
    expect(`${rejection?.mail.subject}\n${rejection?.mail.text}`).toContain(comment);
  });
});

test('a late review notifies the issuer; the plan, submitted on time, is not overdue for the agency', async () => {
  await scenario(world, 'DOJB', async (s) => {
    const { handle, issuedAt } = s;
    await s.advance(29.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'identify', completedBy: OFFICER, evidence: identifyEvidence }],
    });
    await s.advance(55);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'plan', completedBy: OFFICER, evidence: { summary: 'Removal plan' } }],
    });

    await s.advance(66);
    const st = await status(handle);
    expect(st).toMatchObject({ state: 'active', phase: 'plan', overdue: false, escalationLevel: 0 });
    const plan = st.milestones.find((m) => m.id === 'plan')!;
    expect(plan).toMatchObject({ state: 'submitted', late: false, escalationLevel: 0, highestEscalation: 0 });
    expectDay(plan.reviewDueAt, issuedAt, 65);
    expect(Date.parse(plan.dueAt!)).toBeLessThan(issuedAt + 61 * DAY_MS);
    expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);
    expect(st.history.filter((h) => h.event === 'review-late').map((h) => h.milestoneId)).toEqual(['plan']);

    await s.advance(75);
    const later = await status(handle);
    expect(later.overdue).toBe(false);
    expect(later.escalationLevel).toBe(0);

    const sent = await s.sent();
    expect(sent.map((n) => [n.kind, n.milestone, n.day])).toEqual([
      ['reminder', 'identify', 22],
      ['reminder', 'identify', 28],
      ['completed', 'identify', 29],
      ['reminder', 'plan', 52],
      ['review-requested', 'plan', 55],
      ['review-reminder', 'plan', 64],
      ['review-late', 'plan', 65],
    ]);
    expect(sent.find((n) => n.kind === 'review-reminder')!.to).toEqual([REVIEWER]);
    expect(sorted(sent.find((n) => n.kind === 'review-late')!.to)).toEqual(sorted([ISSUER, REVIEWER]));
    expect(sent.find((n) => n.kind === 'review-late')!.to).not.toContain(OFFICER);

    const approved = await handle.executeUpdate(reviewMilestoneUpdate, {
      args: [{ milestoneId: 'plan', reviewer: REVIEWER, decision: 'approve', comment: 'Late, but complete' }],
    });
    expect(approved.milestones.find((m) => m.id === 'plan')).toMatchObject({ state: 'completed', late: false });
    await s.advance(75.5);
    expect((await s.sent()).filter((n) => n.kind === 'approved').map((n) => [n.milestone, n.day, n.to])).toEqual([
      ['plan', 75, [OFFICER]],
    ]);
  });
});

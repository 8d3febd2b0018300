import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { completeMilestoneUpdate, reviewMilestoneUpdate } from '../../workflows/messages';
import { advanceTo, sentSince, startLifecycle, startObligation, type Lifecycle } from './harness';

let world: Lifecycle;
beforeAll(async () => {
  world = await startLifecycle();
});
afterAll(async () => world?.close());

const evidence = { summary: 'Scanned all endpoints with the agency EDR; none found', uri: 'https://evidence.doj.example.gov/bod-17-01/identify' };

test('an agency that meets every deadline gets reminders and receipts, never an escalation', async () => {
  await world.withWorker(async () => {
    const { handle, issuedAt } = await startObligation(world);
    await advanceTo(world, issuedAt, 29.5);
    await handle.executeUpdate(completeMilestoneUpdate, { args: [{ milestoneId: 'identify', completedBy: 'officer@doj.example.gov', evidence }] });

    await advanceTo(world, issuedAt, 50);
    const submitted = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'plan', completedBy: 'officer@doj.example.gov', evidence: { summary: 'Removal plan, 14 elements' } }],
    });
    expect(submitted.milestones.find((m) => m.id === 'plan')?.state).toBe('submitted');
    await advanceTo(world, issuedAt, 52);
    await handle.executeUpdate(reviewMilestoneUpdate, { args: [{ milestoneId: 'plan', reviewer: 'reviewer@dhs.example.gov', decision: 'approve', comment: 'Complete' }] });

    await advanceTo(world, issuedAt, 89.5);
    await handle.executeUpdate(completeMilestoneUpdate, { args: [{ milestoneId: 'remove', completedBy: 'officer@doj.example.gov', evidence: { summary: 'Uninstall started' } }] });
    await advanceTo(world, issuedAt, 100);
    await handle.executeUpdate(completeMilestoneUpdate, { args: [{ milestoneId: 'removed', completedBy: 'officer@doj.example.gov', evidence: { summary: 'All removed' } }] });
    const final = await handle.result();

    expect(final.state).toBe('completed');
    expect(final.overdue).toBe(false);
    expect(final.escalationLevel).toBe(0);
    expect(final.milestones.every((m) => m.state === 'completed' && !m.late)).toBe(true);

    const sent = sentSince(world.smtp, issuedAt);
    expect(sent.filter((n) => n.kind === 'escalation')).toEqual([]);
    expect(sent.filter((n) => n.kind === 'reminder').map((n) => [n.milestone, n.day])).toEqual([
      ['identify', 23],
      ['identify', 29],
      ['remove', 83],
      ['remove', 89],
    ]);
    const review = sent.find((n) => n.kind === 'review-requested');
    expect(review).toMatchObject({ milestone: 'plan', day: 50 });
    expect(review?.to).toContain('bod-review@example.gov');
    // For replay.test.ts: RECORD_HISTORIES=1 rewrites histories/on-time.json.
    if (process.env.RECORD_HISTORIES === '1') writeFileSync(path.join(__dirname, 'histories', 'on-time.json'), historyToJSON(await handle.fetchHistory()));
  });
});

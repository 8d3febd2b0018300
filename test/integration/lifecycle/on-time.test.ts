import { completeMilestoneUpdate, reviewMilestoneUpdate } from '../../../workflows/messages';
import { useLifecycle } from './harness';
import { scenario } from './scenario';

const world = useLifecycle();

const evidence = {
  summary: 'Scanned all endpoints with the agency EDR; none found',
  uri: 'https://evidence.doj.example.gov/bod-17-01/identify',
};
const officer = 'officer@doj.example.gov';

test('an agency that meets every deadline gets reminders and receipts, never an escalation', async () => {
  await scenario(world, 'DOJ', async ({ handle, advance, sent, record }) => {
    await advance(29.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'identify', completedBy: officer, evidence }],
    });

    await advance(50);
    const submitted = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'plan', completedBy: officer, evidence: { summary: 'Removal plan, 14 elements' } }],
    });
    expect(submitted.milestones.find((m) => m.id === 'plan')?.state).toBe('submitted');
    await advance(52);
    await handle.executeUpdate(reviewMilestoneUpdate, {
      args: [{ milestoneId: 'plan', reviewer: 'reviewer@dhs.example.gov', decision: 'approve', comment: 'Complete' }],
    });

    await advance(89.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'remove', completedBy: officer, evidence: { summary: 'Uninstall started' } }],
    });
    await advance(100);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'removed', completedBy: officer, evidence: { summary: 'All removed' } }],
    });
    const final = await handle.result();

    expect(final.state).toBe('completed');
    expect(final.overdue).toBe(false);
    expect(final.escalationLevel).toBe(0);
    expect(final.milestones.every((m) => m.state === 'completed' && !m.late)).toBe(true);

    const notices = await sent();
    expect(notices.filter((n) => n.kind === 'escalation')).toEqual([]);
    expect(notices.filter((n) => n.kind === 'reminder').map((n) => [n.milestone, n.day])).toEqual([
      ['identify', 22],
      ['identify', 28],
      ['remove', 82],
      ['remove', 88],
    ]);
    const review = notices.find((n) => n.kind === 'review-requested');
    expect(review).toMatchObject({ milestone: 'plan', day: 50 });
    expect(review?.to).toContain('bod-review@example.gov');
    expect(notices.filter((n) => n.kind === 'completed').map((n) => n.milestone)).toEqual([
      'identify',
      'remove',
      'removed',
    ]);
    await record('on-time');
  });
});

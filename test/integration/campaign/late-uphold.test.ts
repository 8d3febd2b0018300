/**
 * A late uphold (issue 9, points 3 and 4), driven through the `directive` CLI: the issuer decides after day 90, when
 * removal was held for every agency since the vendor's response window closed. The decision resumes removal without
 * a new date, so no agency is due "now" and DOJ's 30-day extension stands; the hold and the resume are both in
 * each obligation's record.
 */
import type { ObligationStatus } from '../../../domain/obligation';
import { completeMilestoneUpdate, statusQuery } from '../../../workflows/messages';
import { advanceTo, cliFor, useLifecycle } from '../lifecycle/harness';
import {
  AGENCIES,
  advanceToInstant,
  bod1701As,
  campaignStatus,
  dueOf,
  endCampaign,
  settle,
  startCampaign,
  startSharedWorker,
} from './harness';

// One worker for the whole file: see startSharedWorker.
const world = useLifecycle(startSharedWorker);
const run = cliFor(world);
const directive = bod1701As('BOD-17-01-LATE');
afterAll(async () => endCampaign(world, directive.id));

const DAY = 86_400_000;
const remove = (s: ObligationStatus) => s.milestones.find((m) => m.id === 'remove')!;

test('a late uphold after day 90 leaves every agency not overdue, removal due after the decision, and keeps DOJ its 30-day extension', async () => {
  const { handle, issuedAt, schedule, obligation } = await startCampaign(world, directive);
  const gateAt = dueOf(schedule, 'remove');
  await advanceTo(world, issuedAt, 10);
  // Every agency has done what it owes before removal: identify reported, plan submitted for review.
  for (const a of AGENCIES)
    for (const milestoneId of ['identify', 'plan'])
      await obligation(a.id).executeUpdate(completeMilestoneUpdate, {
        args: [
          { milestoneId, completedBy: a.contacts.complianceOfficer, evidence: { summary: `${milestoneId} done` } },
        ],
      });
  const extended = await run([
    'amend',
    directive.id,
    '--agency',
    'DOJ',
    '--extend',
    'remove',
    '--by-days',
    '30',
    '--reason',
    'vendor contract runs to January',
    '--directed-by',
    'DHS',
    '--json',
  ]);
  expect(extended.stderr).toBe('');
  expect(extended.code).toBe(0);
  const dojBefore = Date.parse(remove(await obligation('DOJ').query(statusQuery)).currentDueAt!);

  // No decision by day 95: removal was held for everyone as the window closed (day 51).
  await advanceToInstant(world, gateAt + 5 * DAY);
  await settle(world);
  expect((await campaignStatus(handle)).vendorResponse?.heldSince).not.toBeNull();
  expect((await run(['campaign', 'status', directive.id])).stdout).toMatch(
    /vendor response: due .*, decision pending; remove held since \w{3} \d{4}-\d{2}-\d{2}/,
  );

  const decidedAt = await world.env.currentTimeMs();
  const decided = await run([
    'decide',
    directive.id,
    '--uphold',
    '--by',
    'DHS Secretary',
    '--reason',
    'the response does not change the finding',
    '--json',
  ]);
  expect(decided.stderr).toBe('');
  expect(decided.code).toBe(0);
  expect(JSON.parse(decided.stdout)).toMatchObject({
    kind: 'decide',
    agencies: AGENCIES.map((a) => ({ agencyId: a.id, outcome: 'applied' })),
  });
  await settle(world);

  const statuses = new Map<string, ObligationStatus>();
  for (const a of AGENCIES) statuses.set(a.id, await obligation(a.id).query(statusQuery));
  for (const [agencyId, s] of statuses) {
    const m = remove(s);
    expect({ agencyId, held: m.held, overdue: s.overdue, escalation: m.escalationLevel }).toEqual({
      agencyId,
      held: false,
      overdue: false,
      escalation: 0,
    });
    // Never due "now": the deadline is well after the decision, not at it.
    expect(Date.parse(m.currentDueAt!)).toBeGreaterThan(decidedAt + 30 * DAY);
    const record = s.history.filter((h) => h.milestoneId === 'remove' && h.event.startsWith('amended:'));
    expect(record.map((h) => h.event)).toEqual(
      agencyId === 'DOJ' ? ['amended:extend', 'amended:hold', 'amended:resume'] : ['amended:hold', 'amended:resume'],
    );
  }
  // DOJ's extension stands: its removal is still 30 calendar days after everyone else's (an hour either way across
  // a DST change; each obligation resumes at its own instant, a moment apart).
  const doj = Date.parse(remove(statuses.get('DOJ')!).currentDueAt!);
  const doe = Date.parse(remove(statuses.get('DOE')!).currentDueAt!);
  expect(Math.abs(doj - doe - 30 * DAY)).toBeLessThanOrEqual(3_600_000 + 60_000);
  expect(doj).toBeGreaterThan(dojBefore);

  const campaign = await run(['campaign', 'status', directive.id, '--json']);
  expect(JSON.parse(campaign.stdout)).toMatchObject({ overdue: 0, vendorResponse: { decision: 'uphold' } });
});

/**
 * Amendments tell the truth (issue 9, point 12), driven through the `directive` CLI against a campaign on the
 * time-skipping server: each agency's outcome comes from its obligation, a refusal makes the CLI exit 3 naming the
 * agency and the reason, a retried command changes nothing, and the dry run says what each obligation's reducer says.
 */
import type { ObligationStatus } from '../../../domain/obligation';
import { completeMilestoneUpdate, statusQuery } from '../../../workflows/messages';
import { cliFor, useLifecycle } from '../lifecycle/harness';
import { bod1701As, endCampaign, settle, startCampaign, startSharedWorker } from './harness';

// One worker for the whole file: see startSharedWorker.
const world = useLifecycle(startSharedWorker);
const run = cliFor(world);
let n = 0;
let directive = bod1701As('BOD-17-01');
beforeEach(() => {
  directive = bod1701As(`BOD-17-01-A${++n}`);
});
afterEach(async () => endCampaign(world, directive.id));

const dueOf = (s: ObligationStatus, id: string) => Date.parse(s.milestones.find((m) => m.id === id)?.dueAt ?? '');
const DAY = 86_400_000;

test('an amendment one obligation refuses (its milestone already completed) exits 3 naming the agency and the reason; the others are applied, and the same command retried changes nothing', async () => {
  const { obligation } = await startCampaign(world, directive);
  await settle(world);
  await obligation('DOE').executeUpdate(completeMilestoneUpdate, {
    args: [{ milestoneId: 'identify', completedBy: 'officer@doe.example.gov', evidence: { summary: 'none found' } }],
  });
  const before: ObligationStatus = await obligation('DOJ').query(statusQuery);
  const extend = [
    'amend',
    directive.id,
    '--extend',
    'identify',
    '--by-days',
    '10',
    '--reason',
    'portal outage',
    '--directed-by',
    'DHS',
  ];

  const first = await run([...extend, '--json']);
  expect(first.code).toBe(3);
  expect(first.stderr).toMatch(/refused by DOE \(.*identify is completed, nothing to extend\)/);
  const result = JSON.parse(first.stdout) as { amendmentId: string; agencies: unknown[] };
  expect(result.amendmentId).toMatch(/^extend-[0-9a-f]{16}$/);
  expect(result.agencies).toEqual([
    { agencyId: 'DOJ', outcome: 'applied' },
    { agencyId: 'DOE', outcome: 'refused', detail: expect.stringContaining('identify is completed') as string },
    { agencyId: 'DOT', outcome: 'applied' },
  ]);
  const extended: ObligationStatus = await obligation('DOJ').query(statusQuery);
  expect(dueOf(extended, 'identify') - dueOf(before, 'identify')).toBe(10 * DAY);

  // Retried (after a timeout, say): the same content gives the same amendment id, and nothing changes.
  const retried = await run(extend);
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain(`amendment ${result.amendmentId}`);
  expect(retried.stdout).toMatch(/DOJ\s+unchanged/);
  await settle(world);
  const after: ObligationStatus = await obligation('DOJ').query(statusQuery);
  expect(dueOf(after, 'identify') - dueOf(before, 'identify')).toBe(10 * DAY);
  expect(after.amendments).toEqual([result.amendmentId]);
});

test('the dry run asks each obligation: a hold of a milestone already on hold is refused, an extension of the status series is accepted', async () => {
  const { obligation } = await startCampaign(world, directive);
  await settle(world);
  const hold = ['amend', directive.id, '--agency', 'DOJ', '--hold', 'plan', '--directed-by', 'DHS'];
  expect((await run([...hold, '--reason', 'vendor review'])).code).toBe(0);
  const holdAgain = await run([...hold, '--reason', 'second look', '--dry-run']);
  expect(holdAgain.code).toBe(3);
  expect(holdAgain.stdout).toMatch(/DOJ .*refused: .*plan is already on hold since/);
  expect(holdAgain.stderr).toMatch(/would be refused by DOJ/);

  const before: ObligationStatus = await obligation('DOE').query(statusQuery);
  const status = await run([
    'amend',
    directive.id,
    '--agency',
    'DOE',
    '--extend',
    'status',
    '--by-days',
    '30',
    '--reason',
    'relief',
    '--directed-by',
    'DHS',
    '--dry-run',
    '--json',
  ]);
  expect(status.stderr).toBe('');
  expect(status.code).toBe(0);
  const [doe] = (
    JSON.parse(status.stdout) as {
      agencies: { milestoneId: string; effect: string; oldDueAt: string; newDueAt: string }[];
    }
  ).agencies;
  expect(doe).toMatchObject({
    milestoneId: 'status-1',
    effect: expect.stringMatching(/^applied: amended:extend/) as string,
  });
  expect(Date.parse(doe!.newDueAt) - Date.parse(doe!.oldDueAt)).toBeGreaterThanOrEqual(30 * DAY - 3_600_000);
  // Nothing changed.
  expect((await obligation('DOE').query(statusQuery)).milestones).toEqual(before.milestones);
});

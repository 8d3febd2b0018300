/** Rules v3, point 2, through the `directive` CLI: closing a series keeps the occurrences already missed. */
import { BOD_17_01, DAY_MS, DOJ, cliFor, useLifecycle } from './harness';
import { startV3Obligation } from './rules-v3';

const world = useLifecycle();
const directive = cliFor(world);
const HOUR = 60 * 60 * 1000;

test('status-1 missed at level 3 stays on record as missed when removed is completed; the reports still ahead close', async () => {
  await world.withWorker(async () => {
    const o = await startV3Obligation(world, 'V3MISS');
    try {
      await o.advanceTo(o.due('status-1') + 14 * DAY_MS + HOUR);
      expect((await o.status()).milestones.find((m) => m.id === 'status-1')).toMatchObject({
        state: 'pending',
        escalationLevel: 3,
        highestEscalation: 3,
      });

      const done = await directive([
        'complete',
        BOD_17_01.id,
        'V3MISS',
        'removed',
        '--by',
        DOJ.contacts.complianceOfficer,
        '--evidence',
        'All Kaspersky products removed and discontinued',
      ]);
      expect(done).toMatchObject({ code: 0, stderr: '' });

      const after = await o.status();
      // status-2 fell due 30 days after status-1: still ahead, so it closes; status-1 stays, missed at level 3.
      expect(o.due('status-2')).toBeGreaterThan(o.due('status-1') + 15 * DAY_MS);
      const series = after.milestones.filter((m) => m.id.startsWith('status-'));
      expect(series.map((m) => [m.id, m.state, m.highestEscalation])).toEqual([['status-1', 'missed', 3]]);
      expect(after.milestones.find((m) => m.id === 'removed')?.state).toBe('completed');
    } finally {
      await o.handle.terminate('scenario over').catch(() => undefined);
    }
  });
});

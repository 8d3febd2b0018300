/** Rules v3, point 1, through the `directive` CLI: lateness is judged on when the report reached the engine. */
import { BOD_17_01, DAY_MS, DOJ, cliFor, useLifecycle } from './harness';
import { startV3Obligation } from './rules-v3';

const world = useLifecycle();
const directive = cliFor(world);
const OFFICER = DOJ.contacts.complianceOfficer;

test('identify reported 40 days late with a completion claimed a minute before the deadline is recorded late, the claim kept beside the arrival; a claim in year 0000 is refused', async () => {
  await world.withWorker(async () => {
    const o = await startV3Obligation(world, 'V3LATE');
    const complete = (completedAt: string) =>
      directive([
        'complete',
        BOD_17_01.id,
        'V3LATE',
        'identify',
        '--by',
        OFFICER,
        '--evidence',
        'Found 12 endpoints with Kaspersky Endpoint Security',
        '--completed-at',
        completedAt,
        '--json',
      ]);
    try {
      const identifyDue = o.due('identify');
      await o.advanceTo(identifyDue + 40 * DAY_MS);
      expect((await o.status()).milestones[0]).toMatchObject({
        id: 'identify',
        state: 'pending',
        highestEscalation: 3,
      });

      const year0 = await complete('0000-01-01T00:00:00Z');
      expect(year0.code).toBe(3);
      expect(year0.stderr).toMatch(/completedAt 0000-01-01T00:00:00\.000Z is before the obligation was issued/);
      expect((await o.status()).milestones[0]).toMatchObject({ id: 'identify', state: 'pending' });

      const claim = new Date(identifyDue - 60_000).toISOString();
      expect(await complete(claim)).toMatchObject({ code: 0, stderr: '' });
      const s = await o.status();
      const identify = s.milestones.find((m) => m.id === 'identify')!;
      expect(identify).toMatchObject({ state: 'completed', late: true, highestEscalation: 3, completedAt: claim });
      expect(Date.parse(identify.reportedAt!)).toBeGreaterThanOrEqual(identifyDue + 40 * DAY_MS);
      // status --json also carries the directive's zone and each milestone's original deadline.
      expect(s.timeZone).toBe(BOD_17_01.timeZone);
      expect(identify.originalDueAt).toBe(new Date(identifyDue).toISOString());
      expect(s.history.find((h) => h.event === 'completed')?.detail).toBe(
        `late; done at ${claim} by the officer's account`,
      );
    } finally {
      await o.handle.terminate('scenario over').catch(() => undefined);
    }
  });
});

/** Drill 1, CI-sized, outbox mode: the worker killed with SIGKILL in the middle of a burst of 150 notices. */
import { workerKillDrill } from '../../../drills/worker-kill';
import { DRILL_TIMEOUT_MS, drillOptions, printCounts, sharedDevServer } from './harness';

test(
  'killing the worker (kill -9) in the middle of a burst of 150 notices, then starting it again, writes every notice to the outbox exactly once',
  async () => {
    const opts = drillOptions();
    const report = await workerKillDrill({ ...opts, serverAddress: sharedDevServer(), notices: 150, mode: 'outbox' });
    printCounts(report);
    const count = new Map(report.counts);
    expect(report.problems).toEqual([]);
    expect(count.get('.eml files in the outbox')).toBe(150);
    expect(count.get('distinct Message-IDs')).toBe(150);
    expect(count.get('emails out when the worker was killed (kill -9)')).toBeLessThan(150);
  },
  DRILL_TIMEOUT_MS,
);

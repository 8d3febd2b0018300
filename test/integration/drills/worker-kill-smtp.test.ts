/**
 * Drill 1, CI-sized, SMTP mode: the worker killed with SIGKILL in the middle of a burst of 150 notices to a real SMTP
 * server. None is lost; a notice the server accepted just before the kill may arrive again, with the same Message-ID.
 */
import { workerKillDrill } from '../../../drills/worker-kill';
import { DRILL_TIMEOUT_MS, drillOptions, printCounts, sharedDevServer } from './harness';

test(
  'killing the worker (kill -9) in the middle of a burst of 150 emails loses none, and any duplicate carries the same Message-ID',
  async () => {
    const opts = drillOptions();
    const report = await workerKillDrill({ ...opts, serverAddress: sharedDevServer(), notices: 150, mode: 'smtp' });
    printCounts(report);
    const count = new Map(report.counts);
    expect(report.problems).toEqual([]);
    expect(count.get('notices delivered (one per obligation)')).toBe(150);
    // Every email beyond the first of a notice is a duplicate by Message-ID, never a second, different email.
    expect(count.get('emails the SMTP server accepted')).toBe(150 + count.get('duplicates (same Message-ID again)')!);
  },
  DRILL_TIMEOUT_MS,
);

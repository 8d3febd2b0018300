/**
 * Drill 2, CI-sized: the dev server (on a SQLite file) killed with SIGKILL during a campaign's fan-out of 120 agencies
 * and again during a burst of 120 notices, restarted on the same file each time.
 */
import { serverKillDrill } from '../../../drills/server-kill';
import { DRILL_TIMEOUT_MS, drillOptions, printCounts } from './harness';

test(
  'killing the dev server (kill -9) during a fan-out and during a burst, then restarting it on its SQLite file, leaves every obligation once and every notice sent once',
  async () => {
    const report = await serverKillDrill({ ...drillOptions(), agencies: 120, notices: 120 });
    printCounts(report);
    const count = new Map(report.counts);
    expect(report.problems).toEqual([]);
    for (const phase of ['fan-out', 'burst']) {
      expect(count.get(`${phase}: obligations visible (one per agency expected)`)).toBe(120);
      expect(count.get(`${phase}: obligations with more than one execution`)).toBe(0);
      expect(count.get(`${phase}: distinct Message-IDs`)).toBe(120);
      expect(count.get(`${phase}: duplicates (same Message-ID again)`)).toBe(0);
    }
  },
  DRILL_TIMEOUT_MS,
);

/** Drill 3, CI-sized: the SMTP server down for 25 s in the middle of a burst of 120 notices. */
import { smtpOutageDrill } from '../../../drills/smtp-outage';
import { DRILL_TIMEOUT_MS, drillOptions, printCounts, sharedDevServer } from './harness';

test(
  'with the SMTP server down for 25 s during a burst, every notice goes out once it is back, none twice, and the histories show the retries',
  async () => {
    const report = await smtpOutageDrill({
      ...drillOptions(),
      serverAddress: sharedDevServer(),
      notices: 120,
      outageMs: 25_000,
    });
    printCounts(report);
    const count = new Map(report.counts);
    expect(report.problems).toEqual([]);
    expect(count.get('emails accepted during the outage')).toBe(0);
    expect(count.get('distinct Message-IDs')).toBe(120);
    expect(count.get('duplicates (same Message-ID again)')).toBe(0);
    expect(count.get('obligations whose history shows a retried sendNotice (attempt > 1)')).toBeGreaterThan(0);
  },
  DRILL_TIMEOUT_MS,
);

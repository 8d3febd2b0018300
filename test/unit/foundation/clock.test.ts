import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';

/**
 * Which clock and zone the unit project runs under, so that `npm run test:unit:clocks` cannot silently test nothing:
 * with TEST_FAKE_NOW the clock must be the fake one (test/unit/setup/clock.ts), without it the machine's; the zone
 * must be TZ's when TZ is set.
 */

/** The wall clock as the kernel keeps it, which no fake timer reaches: the modification time of a file written now. */
function kernelNow(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clock-'));
  try {
    const file = path.join(dir, 'now');
    writeFileSync(file, '');
    return statSync(file).mtimeMs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fake = process.env.TEST_FAKE_NOW;

describe('the clock in force', () => {
  it(
    fake ? `is the fake clock, started at TEST_FAKE_NOW=${fake}` : 'is the real clock (TEST_FAKE_NOW is unset)',
    () => {
      const expected = fake ? Date.parse(fake) : kernelNow();
      // The fake clock started when this file's setup ran and moves with real time: minutes at most since then.
      const tolerance = fake ? 10 * 60_000 : 5_000;
      for (const now of [Date.now(), new Date().getTime(), DateTime.now().toMillis()]) {
        expect(Math.abs(now - expected)).toBeLessThan(tolerance);
        if (fake) expect(now).toBeGreaterThanOrEqual(expected);
      }
    },
  );

  it('moves on, and a timer awaited in real time fires', async () => {
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Node may fire a timer a millisecond early as Date.now() counts (seen: 49 ms); the point is that time moves.
    expect(Date.now() - before).toBeGreaterThanOrEqual(40);
  });
});

describe('the zone in force', () => {
  const zone = process.env.TZ;
  it(zone ? `is TZ=${zone}` : 'is the machine zone (TZ is unset), the same for Date and luxon', () => {
    const resolved = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) expect(resolved).toBe(zone);
    // Date's local offset and luxon's default zone agree on an instant on either side of a DST change.
    for (const iso of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
      const instant = new Date(iso);
      // Minutes east of UTC, as luxon counts; `+ 0` turns UTC's -0 into 0.
      const dateOffset = -instant.getTimezoneOffset() + 0;
      expect(DateTime.fromJSDate(instant).setZone(resolved).offset + 0).toBe(dateOffset);
      expect(DateTime.fromJSDate(instant).offset + 0).toBe(dateOffset);
    }
  });
});

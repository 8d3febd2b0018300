/**
 * Rules v3, point 9, on the time-skipping server: the worker is down across identify's reminders and its deadline.
 * When it comes back, the escalation goes out and no "due in N day(s)" reminder does.
 */
import { DAY_MS, sentSince, useLifecycle } from './harness';
import { startV3Obligation, type V3Obligation } from './rules-v3';
import { quiesce } from './scenario';

const world = useLifecycle();
const HOUR = 60 * 60 * 1000;

test('after a worker outage across the reminders and the deadline, no reminder is sent: the escalation says it', async () => {
  let o!: V3Obligation;
  let issuedAt = 0;
  // The obligation starts, with its timers set, then the worker stops.
  await world.withWorker(async () => {
    issuedAt = await world.env.currentTimeMs();
    o = await startV3Obligation(world, 'V3OUT');
    await quiesce(o.handle);
  });
  try {
    const identifyDue = o.due('identify');
    // Worker down from day 0 to an hour after the deadline: both reminders (7 and 1 day before) fall in the outage.
    await world.env.sleep(identifyDue + HOUR - (await world.env.currentTimeMs()));
    expect(sentSince(world.smtp, issuedAt, 'V3OUT')).toEqual([]);

    await world.withWorker(async () => {
      await o.advanceTo(identifyDue + 2 * HOUR);
      const sent = sentSince(world.smtp, issuedAt, 'V3OUT');
      expect(sent.map((n) => [n.kind, n.milestone])).toEqual([['escalation', 'identify']]);
      expect(sent[0]!.key).toMatch(/\/identify\/escalation\/.*\/L1$/);
      const s = await o.status();
      expect(s).toMatchObject({ overdue: true, escalationLevel: 1 });
      expect(s.history.some((h) => h.event === 'notice:reminder')).toBe(false);
    });
  } finally {
    await o.handle.terminate('scenario over').catch(() => undefined);
  }
  expect(identifyDueIsAfterReminders(o)).toBe(true);
}, 400_000);

/** The scenario's premise: the 7-day reminder falls after the start, so a running worker would have sent it. */
function identifyDueIsAfterReminders(o: V3Obligation): boolean {
  return o.due('identify') - 7 * DAY_MS > Date.parse(o.schedule.issuedAt);
}

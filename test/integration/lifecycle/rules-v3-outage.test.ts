/**
 * Rules v3, point 9, on the time-skipping server: the worker was down across identify's reminders and its deadline.
 * When it comes back, the escalation goes out and no "due in N day(s)" reminder does.
 *
 * The outage is the obligation's own view of it: its last workflow task ran at issuance (its state's watermark), and
 * the next one runs weeks later, after the deadline. That is what a worker outage leaves behind, and starting the
 * workflow from that state (the input a continue-as-new would carry) reproduces it exactly, without stopping a worker:
 * the Java test server does not skip time while a workflow task waits for a worker, so a real outage would cost real
 * minutes here.
 */
import { DateTime } from 'luxon';
import { computeSchedule } from '../../../domain/calculus';
import { DAY_MS, initialObligation, type ObligationStatus } from '../../../domain/obligation';
import { agencyObligation } from '../../../workflows';
import { obligationWorkflowId } from '../../../workflows/campaign-messages';
import { BOD_17_01, DOJ, cliFor, sentSince, useLifecycle } from './harness';
import { quiesce } from './scenario';

const world = useLifecycle();
const AGENCY = 'V3OUT';

test('after a worker outage across the reminders and the deadline, no reminder is sent: the escalation says it', async () => {
  const now = await world.env.currentTimeMs();
  // Issued on the local date 35 days back: identify (day 30, 23:59:59.999 local) passed at least four whole days ago,
  // and both its reminders (7 and 1 days before, 09:00 local) fell after issuance, inside the outage.
  const issuedOn = DateTime.fromMillis(now, { zone: BOD_17_01.timeZone }).minus({ days: 35 }).toISODate()!;
  const schedule = computeSchedule(BOD_17_01, issuedOn);
  const issuedAt = Date.parse(schedule.issuedAt);
  const identifyDue = Date.parse(schedule.milestones.find((m) => m.id === 'identify')!.dueAt!);
  expect(identifyDue + 4 * DAY_MS).toBeLessThanOrEqual(now);
  expect(identifyDue - 7 * DAY_MS).toBeGreaterThan(issuedAt);

  const agency = { ...DOJ, id: AGENCY };
  // The last task ran at issuance: nothing since has been acted on.
  const lastSeen = initialObligation(BOD_17_01, agency, schedule, issuedAt, 3);
  const handle = await world.env.client.workflow.start(agencyObligation, {
    taskQueue: world.taskQueue,
    workflowId: obligationWorkflowId(BOD_17_01.id, AGENCY),
    args: [{ definition: BOD_17_01, agency, schedule, state: lastSeen }],
  });
  try {
    await world.withWorker(async () => {
      await world.env.sleep(60_000);
      await quiesce(handle);
      const sent = sentSince(world.smtp, issuedAt, AGENCY);
      expect(sent.map((n) => [n.kind, n.milestone])).toEqual([['escalation', 'identify']]);
      expect(sent[0]!.key).toMatch(/\/identify\/escalation\/.*\/L1$/);

      const r = await cliFor(world)(['status', BOD_17_01.id, AGENCY, '--json']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const status = JSON.parse(r.stdout) as ObligationStatus;
      expect(status).toMatchObject({ overdue: true, escalationLevel: 1 });
      expect(status.history.some((h) => h.event === 'notice:reminder')).toBe(false);
    });
  } finally {
    await handle.terminate('scenario over').catch(() => undefined);
  }
});

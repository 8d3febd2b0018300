/** Shared helpers of the lifecycle scenario files (not a test file itself). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DateTime } from 'luxon';
import type { Agency } from '../../../domain/agency';
import type { ActivityDeps } from '../../../activities';
import { amendSignal, type AmendInput } from '../../../workflows/messages';
import { computeSchedule } from '../../../domain/calculus';
import { agencyObligation as obligationWorkflow, type ObligationInput } from '../../../workflows/obligation';
import { BOD_17_01, DAY_MS, DOJ, advanceTo, sentSince, type Lifecycle, type SentNotice } from './harness';

export type Handle = WorkflowHandle<typeof obligationWorkflow>;

export interface Scenario {
  handle: Handle;
  issuedAt: number;
  agency: Agency;
  /** Skips simulated time to `day` after issuance, then waits for the notices in flight. */
  advance(day: number): Promise<void>;
  /** What reached the SMTP server for this agency, once nothing is in flight. */
  sent(): Promise<SentNotice[]>;
  /** Sends an amendment and lets a little simulated time pass so the workflow acts on it. */
  amend(input: AmendInput): Promise<void>;
  /** With RECORD_HISTORIES=1, saves the history to histories/<name>.json for replay.test.ts. */
  record(name: string): Promise<void>;
}

/**
 * Time-skipping does not wait for a notice activity in flight: before reading the SMTP sink, wait (in real time)
 * until the workflow has no pending activity or workflow task.
 */
export async function quiesce(handle: WorkflowHandle): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { raw } = await handle.describe();
    if (!raw.pendingActivities?.length && !raw.pendingWorkflowTask) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the workflow still has work in flight after 10 s');
}

/**
 * Issues at 18:00 in the directive's zone, so every deadline (23:59:59 local) falls about 0.25 day after a whole
 * simulated day, whatever the wall-clock hour the suite runs at: "day 29.5" is always before the day-30 deadline and
 * after its day-29 reminder.
 */
async function issueAtSixPm(world: Lifecycle): Promise<void> {
  const now = await world.env.currentTimeMs();
  let at = DateTime.fromMillis(now, { zone: BOD_17_01.timeZone }).set({
    hour: 18,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  await world.env.sleep(at.toMillis() - now);
}

export interface ScenarioOptions {
  /** Test doubles for the activities (e.g. `afterSend`). */
  deps?: Partial<ActivityDeps>;
  /** Extra workflow input, e.g. `continueAsNewAfterEvents`. */
  input?: Partial<ObligationInput>;
}

/**
 * Starts a BOD 17-01 obligation for `agencyId` (DOJ's contacts) and runs `fn` with a worker; terminates the run
 * afterwards.
 */
export async function scenario(
  world: Lifecycle,
  agencyId: string,
  fn: (s: Scenario) => Promise<void>,
  options: ScenarioOptions = {},
): Promise<void> {
  await issueAtSixPm(world);
  const agency: Agency = { ...DOJ, id: agencyId };
  await world.withWorker(async () => {
    const issuedAt = await world.env.currentTimeMs();
    const schedule = computeSchedule(BOD_17_01, new Date(issuedAt).toISOString());
    const handle: Handle = await world.env.client.workflow.start(obligationWorkflow, {
      taskQueue: world.taskQueue,
      workflowId: `BOD-17-01/${agency.id}-${issuedAt}`,
      args: [{ definition: BOD_17_01, agency, schedule, ...options.input }],
    });
    const s: Scenario = {
      handle,
      issuedAt,
      agency,
      async advance(day) {
        await advanceTo(world, issuedAt, day);
        await quiesce(handle);
      },
      async sent() {
        await quiesce(handle);
        return sentSince(world.smtp, issuedAt, agency.id);
      },
      async amend(input) {
        await handle.signal(amendSignal, input);
        const now = await world.env.currentTimeMs();
        await s.advance((now - issuedAt) / DAY_MS + 0.01);
      },
      async record(name) {
        if (process.env.RECORD_HISTORIES !== '1') return;
        writeFileSync(path.join(__dirname, 'histories', `${name}.json`), historyToJSON(await handle.fetchHistory()));
      },
    };
    try {
      await fn(s);
    } finally {
      await handle.terminate('scenario over').catch(() => undefined);
    }
  }, options.deps);
}

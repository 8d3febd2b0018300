/**
 * The baseline twins: the smallest plain Temporal programs a user would write from temporalio/samples-typescript
 * (`timer-examples`, `sleep-for-days`, `message-passing`) for the jobs the engine does. No reducer, no search
 * attributes, no progress signals, no current details. Each benchmark runs one beside the engine, on the same server,
 * on its own task queue, with as many workflows, timers, activities and updates.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { createBaselineActivities } from './activities';

const { sendNotice } = proxyActivities<ReturnType<typeof createBaselineActivities>>({
  startToCloseTimeout: '1 minute',
});

export const reportUpdate = defineUpdate<number, [string]>('report');
export const statusQuery = defineQuery<{ reports: string[] }>('status');

/** Reports arrive as updates; the status query answers with them (what `directive status` reads, in miniature). */
function acceptReports(): string[] {
  const reports: string[] = [];
  setHandler(reportUpdate, (report) => reports.push(report));
  setHandler(statusQuery, () => ({ reports }));
  return reports;
}

/** Burst and steady state: one deadline; at its instant one email; then open until a report arrives. */
export async function deadlineNotice(input: { at: number; key: string }): Promise<void> {
  const reports = acceptReports();
  await sleep(Math.max(input.at - Date.now(), 1));
  await sendNotice(input.key);
  await condition(() => reports.length > 0);
}

/** Reads: an open item that answers a status query and lists by its type. */
export async function openItem(): Promise<void> {
  const reports = acceptReports();
  await condition(() => reports.length > 0);
}

/** Fan-out: a trivial long sleeper. */
export async function sleeper(): Promise<void> {
  await sleep('365 days');
}

export interface LifeInput {
  key: string;
  /** Timers, evenly spaced over `lifeMs`. */
  timers: number;
  lifeMs: number;
  /** Emails, spread over the timers as evenly as whole numbers allow. */
  notices: number;
  /** Updates the driver sends before the life may end. */
  reports: number;
}

/** Whole lives: as many timers, emails and updates as one obligation's life, with none of its rules. */
export async function life(input: LifeInput): Promise<number> {
  const reports = acceptReports();
  let sent = 0;
  for (let i = 1; i <= input.timers; i++) {
    await sleep(input.lifeMs / input.timers);
    for (const due = Math.round((i * input.notices) / input.timers); sent < due; sent++)
      await sendNotice(`${input.key}/${sent}`);
  }
  await condition(() => reports.length >= input.reports);
  return reports.length;
}

/**
 * The fan-out's baseline twin: N `client.workflow.start` calls of a trivial long-sleeping workflow, 32 at a time, timed
 * until every one has started. What the campaign's fan-out (bench/campaign-fanout.ts) is compared against.
 */
import type { Client } from '@temporalio/client';
import { forEachLimit } from '../../drills/wait';
import { BASELINE_TASK_QUEUE } from './worker';

export async function baselineFanOut(
  client: Client,
  count: number,
  opts: { taskQueue?: string; concurrency?: number } = {},
): Promise<{ seconds: number; perSecond: number }> {
  const prefix = `baseline-fan-out-${Date.now().toString(36)}`;
  const started = process.hrtime.bigint();
  await forEachLimit(
    Array.from({ length: count }, (_, i) => i),
    opts.concurrency ?? 32,
    async (i) => {
      await client.workflow.start('sleeper', {
        workflowId: `${prefix}/${i}`,
        taskQueue: opts.taskQueue ?? BASELINE_TASK_QUEUE,
        args: [],
      });
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, perSecond: count / seconds };
}

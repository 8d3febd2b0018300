/**
 * The fan-out's baseline twin: N `client.workflow.start` calls of a trivial long-sleeping workflow, 32 at a time, timed
 * until every one has started. What the campaign's fan-out (bench/campaign-fanout.ts) is compared against.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { forEachLimit } from '../../client/concurrency';
import { openBenchWorld, runBaselineWorker } from '../world';
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

/** `npm run bench -- --only fan-out`: the baseline's run, on a dev server of its own with the baseline worker polling. */
export async function benchFanOutBaseline(count: number): Promise<{ seconds: number; perSecond: number }> {
  const world = await openBenchWorld('fan-out-baseline');
  const worker = await runBaselineWorker(world, { outboxDir: path.join(world.dir, 'outbox') });
  try {
    const run = await baselineFanOut(world.client, count);
    console.log(
      `  fan-out baseline: ${count} workflows started in ${run.seconds.toFixed(1)} s (${run.perSecond.toFixed(0)}/s)`,
    );
    return run;
  } finally {
    await worker.stop();
    await world.close();
  }
}

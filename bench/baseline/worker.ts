/** The baseline's worker: its own task queue, beside the engine's on the same server. */
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createBaselineActivities, type BaselineMail } from './activities';

export const BASELINE_TASK_QUEUE = 'baseline';

export interface BaselineWorkerOptions extends BaselineMail {
  taskQueue?: string;
  /** As the engine's worker is configured in the same benchmark, so the two cache alike. */
  maxCachedWorkflows?: number;
}

export function createBaselineWorker(connection: NativeConnection, opts: BaselineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue: opts.taskQueue ?? BASELINE_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    activities: createBaselineActivities(opts),
    maxCachedWorkflows: opts.maxCachedWorkflows,
  });
}

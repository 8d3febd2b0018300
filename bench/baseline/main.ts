/**
 * The baseline worker as its own process (as `npm run worker` runs the engine's), so a benchmark can sample each
 * worker's memory apart: TEMPORAL_ADDRESS, MAIL_OUTBOX_DIR, SMTP_URL and WORKER_MAX_CACHED_WORKFLOWS as the engine's.
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { BASELINE_TASK_QUEUE, createBaselineWorker } from './worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = process.env;
  const address = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const connection = await NativeConnection.connect({ address });
  const cached = env.WORKER_MAX_CACHED_WORKFLOWS;
  const worker = await createBaselineWorker(connection, {
    outboxDir: env.MAIL_OUTBOX_DIR ?? '.data/baseline-outbox',
    smtpUrl: env.SMTP_URL || undefined,
    maxCachedWorkflows: cached ? Number(cached) : undefined,
  });
  // drills/processes.ts waits for this line.
  console.log(`Worker polling task queue "${BASELINE_TASK_QUEUE}" on ${address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});

/** `npm run worker`: the worker alone, against TEMPORAL_ADDRESS (how it runs next to a real cluster). */
import { ConfigError } from '../client/config';
import { loadWorkerConfig } from './config';
import { connectWorker, createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const connection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, connection);
  const mail = config.mail.smtpUrl ? 'SMTP' : `outbox ${config.mail.outboxDir}`;
  console.log(
    `Worker polling task queue "${config.connection.taskQueue}" on ${config.connection.address} (namespace ${config.connection.namespace}); mail via ${mail}`,
  );
  try {
    await worker.run();
  } finally {
    close();
    await connection.close();
  }
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

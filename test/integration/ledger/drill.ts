/**
 * Drill 4, CI-sized: two workers on one task queue of the shared dev server, each with its own activities (its own
 * in-process key lock) and its own view of one shared sent-ledger, sending a burst of notices to a real SMTP server.
 * Every notice is sent twice at once (workflows.ts), so the workers compete for the same keys.
 */
import './quiet-runtime';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, NoticeInProgressFailure, type NoticeInput, type NoticeResult } from '../../../activities';
import type { SentLedger } from '../../../activities/mail/ledger';
import { createMailer, type Mailer } from '../../../activities/mail/mailer';
import { mapLimit } from '../../../client/concurrency';
import { reminderNotice, tempDir } from '../../fixtures/notices';
import { devServerAddress } from '../harness/servers';
import type { SmtpSink } from '../harness/smtp-sink';
import { sendNoticeTwice } from './workflows';

export type DrillCounts = {
  notices: NoticeInput[];
  /** Each workflow's two results. */
  results: NoticeResult[][];
  /** Per worker: the keys of the activity tasks it ran, and how many found the other's claim busy. */
  workers: { keys: string[]; busy: number }[];
};

/** Notice i of the burst: one agency each, so every key differs. */
export function burstNotice(i: number): NoticeInput {
  const id = `AG${String(i).padStart(4, '0')}`;
  return reminderNotice({
    key: `BOD-17-01/${id}/identify/reminder/2017-10-14T03:59:59.000Z/P7D`,
    agency: { id, name: `Agency ${i}` },
    to: [`ciso@${id.toLowerCase()}.example.gov`],
    cc: [],
  });
}

export async function burstThroughTwoWorkers(opts: {
  label: string;
  count: number;
  ledgers: [SentLedger, SentLedger];
  smtp: SmtpSink;
}): Promise<DrillCounts> {
  const taskQueue = `ledger-drill-${opts.label}-${process.pid}-${Date.now()}`;
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const connection = await Connection.connect({ address: devServerAddress() });
  const client = new Client({ connection, namespace: 'default' });
  const outbox = tempDir('drill-outbox');
  const tallies: DrillCounts['workers'] = [];

  // Each worker has its own connection, as two worker processes would (the SDK refuses two workers on one task queue
  // through one connection).
  const workers: { worker: Worker; mailer: Mailer; nativeConnection: NativeConnection }[] = [];
  const closeAll = async (): Promise<void> => {
    workers.forEach(({ mailer }) => mailer.close());
    await Promise.all(workers.map(({ nativeConnection }) => nativeConnection.close()));
    await connection.close();
  };
  try {
    for (const [index, ledger] of opts.ledgers.entries()) {
      const tally = { keys: [] as string[], busy: 0 };
      tallies.push(tally);
      const mailer = createMailer({
        smtpUrl: opts.smtp.url,
        outboxDir: outbox,
        ledgerDir: outbox,
        ledger,
        from: 'directives@cisa.example.gov',
      });
      const activities = createActivities({ mailer });
      const nativeConnection = await NativeConnection.connect({ address: devServerAddress() });
      const worker = await Worker.create({
        connection: nativeConnection,
        taskQueue,
        workflowBundle,
        identity: `ledger-drill-worker-${index + 1}`,
        // Neither worker can take the whole burst: both keep getting tasks.
        maxConcurrentActivityTaskExecutions: 25,
        activities: {
          ...activities,
          async sendNotice(input: NoticeInput): Promise<NoticeResult> {
            tally.keys.push(input.key);
            try {
              return await activities.sendNotice(input);
            } catch (err) {
              if (err instanceof ApplicationFailure && err.type === NoticeInProgressFailure) tally.busy++;
              throw err;
            }
          },
        },
      });
      workers.push({ worker, mailer, nativeConnection });
    }
  } catch (err) {
    // A worker created but never run still holds its native resources: run it for no time to release them.
    await Promise.all(workers.map(({ worker }) => worker.runUntil(Promise.resolve())));
    await closeAll();
    throw err;
  }

  const notices = Array.from({ length: opts.count }, (_, i) => burstNotice(i));
  const burst = async (): Promise<NoticeResult[][]> => {
    const handles = await mapLimit(notices, 50, (notice, i) =>
      client.workflow.start(sendNoticeTwice, { taskQueue, workflowId: `${taskQueue}-${i}`, args: [notice] }),
    );
    return Promise.all(handles.map((h) => h.result()));
  };
  try {
    const running = burst();
    // Settled, not all: both workers must have stopped before their connections close.
    const runs = await Promise.allSettled(workers.map(({ worker }) => worker.runUntil(running)));
    const failed = runs.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { notices, results: await running, workers: tallies };
  } finally {
    await closeAll();
  }
}

/**
 * Benchmark 2, a burst of notices: N obligations whose one notice falls due at the same instant (deadlineDirective),
 * on a dev server, every obligation already asleep on its timer; then N baseline workflows that sleep until another
 * instant and send one email each. Each email is timed by what the recipient saw: in outbox mode its file's
 * modification time, in SMTP mode the local SMTP server's receipt time (drills/smtp-server.ts). Engine first, then the
 * baseline, one worker at a time in this process, each cached for the whole burst.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { drillAgencies, startObligations } from '../drills/burst';
import { startDrillSmtpServer, type DrillSmtpServer } from '../drills/smtp-server';
import { forEachLimit } from '../client/concurrency';
import { patience, waitUntil } from '../drills/wait';
import { BASELINE_MESSAGE_DOMAIN } from './baseline/activities';
import { BASELINE_TASK_QUEUE } from './baseline/worker';
import { deadlineDirective, issuanceFor } from './deadline-directive';
import { summariseLags, type LagSummary } from './lag';
import { compared, printTable, writeResults, type Figure } from './results';
import { openBenchWorld, runBaselineWorker, runEngineWorker, type BenchWorld, type RunningWorker } from './world';

export type BurstMode = 'outbox' | 'smtp';

/** Long enough to start every workflow and let the worker put each to sleep before the instant. */
const leadMs = (count: number): number => 15_000 + count * 30;

/** When each email landed: `.eml` modification times, or the SMTP server's receipts of one side's messages. */
async function landedAt(where: { outbox: string } | { smtp: DrillSmtpServer; baseline: boolean }): Promise<number[]> {
  if ('smtp' in where)
    return where.smtp.received
      .filter((m) => m.messageId.includes(`@${BASELINE_MESSAGE_DOMAIN}>`) === where.baseline)
      .map((m) => m.receivedAt);
  const names = (await fs.readdir(where.outbox).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
  const times: number[] = [];
  await forEachLimit(names, 64, async (name) => {
    times.push((await fs.stat(path.join(where.outbox, name))).mtimeMs);
  });
  return times;
}

interface Side {
  worker: () => Promise<RunningWorker>;
  start: (dueAt: number) => Promise<void>;
  landed: () => Promise<number[]>;
}

/** Starts N workflows due at one instant ahead, waits for N emails, and returns each email's lag after the instant. */
async function burst(count: number, side: Side): Promise<LagSummary & { startSeconds: number }> {
  const worker = await side.worker();
  try {
    const begun = Date.now();
    const dueAt = begun + leadMs(count);
    await side.start(dueAt);
    const startSeconds = (Date.now() - begun) / 1000;
    if (Date.now() > dueAt - 1_000)
      throw new Error(
        `starting ${count} workflows took ${startSeconds.toFixed(0)} s, past the instant: raise the lead`,
      );
    const times = await waitUntil(`${count} emails out`, side.landed, (t) => t.length >= count, patience(count), 250);
    return { ...summariseLags(times.map((t) => t - dueAt)), startSeconds };
  } finally {
    await worker.stop();
  }
}

function engineSide(world: BenchWorld, count: number, smtp: DrillSmtpServer | undefined): Side {
  const outbox = path.join(world.dir, 'engine-outbox');
  const definition = deadlineDirective('BURST');
  return {
    worker: () =>
      runEngineWorker(world, {
        MAIL_OUTBOX_DIR: outbox,
        MAIL_LEDGER_DIR: path.join(world.dir, 'engine-ledger'),
        ...(smtp ? { SMTP_URL: smtp.url } : {}),
        WORKER_MAX_CACHED_WORKFLOWS: String(count + 10),
      }),
    start: async (dueAt) => {
      await startObligations(world.client, {
        definition,
        agencies: drillAgencies(count),
        taskQueue: 'directives',
        issuedOn: issuanceFor(dueAt),
      });
    },
    landed: () => landedAt(smtp ? { smtp, baseline: false } : { outbox }),
  };
}

function baselineSide(world: BenchWorld, count: number, smtp: DrillSmtpServer | undefined): Side {
  const outbox = path.join(world.dir, 'baseline-outbox');
  return {
    worker: () => runBaselineWorker(world, { outboxDir: outbox, smtpUrl: smtp?.url, maxCachedWorkflows: count + 10 }),
    start: (dueAt) =>
      forEachLimit(
        Array.from({ length: count }, (_, i) => i),
        32,
        async (i) => {
          await world.client.workflow.start('deadlineNotice', {
            workflowId: `baseline-burst/${i}`,
            taskQueue: BASELINE_TASK_QUEUE,
            args: [{ at: dueAt, key: `baseline-burst/${i}` }],
          });
        },
      ),
    landed: () => landedAt(smtp ? { smtp, baseline: true } : { outbox }),
  };
}

export async function benchBurst(count: number, mode: BurstMode): Promise<Figure[]> {
  const world = await openBenchWorld(`burst-${mode}`);
  const smtp = mode === 'smtp' ? await startDrillSmtpServer() : undefined;
  try {
    const engine = await burst(count, engineSide(world, count, smtp));
    const baseline = await burst(count, baselineSide(world, count, smtp));
    const last = { engine: engine.max / 1000, baseline: baseline.max / 1000 };
    const within = mode === 'outbox' ? { target: '< 120 s', met: last.engine < 120 } : {};
    const figures = [
      ...compared('last email out after the due instant', 's', last, { better: 'lower', resolution: 0.001, ...within }),
      ...compared(
        'email lag p50',
        'ms',
        { engine: engine.p50, baseline: baseline.p50 },
        { better: 'lower', resolution: 1 },
      ),
      ...compared(
        'email lag p99',
        'ms',
        { engine: engine.p99, baseline: baseline.p99 },
        { better: 'lower', resolution: 1 },
      ),
    ];
    printTable(`burst of ${count} notices due at one instant, ${mode} (ratios: higher is better)`, figures);
    const file = writeResults(`burst-${mode}-${count}`, figures, {
      notices: count,
      mode,
      leadSeconds: leadMs(count) / 1000,
      secondsToStart: { engine: engine.startSeconds, baseline: baseline.startSeconds },
      lagsMs: { engine, baseline },
      timedBy: mode === 'outbox' ? '.eml file modification time' : 'SMTP server receipt time',
    });
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
    return figures;
  } finally {
    await smtp?.stop();
    await world.close();
  }
}

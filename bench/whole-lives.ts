/**
 * Benchmark 4, whole lives: N BOD 17-01 obligations driven from issuance to completion on the time-skipping test
 * server, as the lifecycle tests drive one (issued at 18:00 in the directive's zone, so "day 29.5" falls before the
 * day-30 deadline): identify, the plan reported and approved, removal begun, a status report before each deadline for
 * a year, then full removal. Then N baseline lives with as many timers, emails and updates, driven on the same days.
 * Both run in cohorts, each on a fresh server (see STEP_PATIENCE_MS). Figures: obligations per second of wall time, and history events and bytes per obligation.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { findDirective } from '../domain/library';
import { DAY_MS } from '../domain/obligation';
import { drillAgencies, startObligations } from '../drills/burst';
import { forEachLimit } from '../client/concurrency';
import { obtainTestServer } from '../scripts/servers/test-server';
import { completeMilestoneUpdate, reviewMilestoneUpdate } from '../workflows/messages';
import { loadWorkerConfig } from '../worker/config';
import { createWorker } from '../worker/worker';
import { reportUpdate, type LifeInput } from './baseline/workflows';
import { BASELINE_TASK_QUEUE, createBaselineWorker } from './baseline/worker';
import { compared, printTable, writeResults, type Figure } from './results';

const OFFICER = 'officer@agency.example.gov';
const evidence = (summary: string) => ({ summary });

/** What the agency and the reviewer do, and on which day after issuance: on time, every time. */
const LIFE: { day: number; milestone: string; review?: true }[] = [
  { day: 29.5, milestone: 'identify' },
  { day: 50, milestone: 'plan' },
  { day: 52, milestone: 'plan', review: true },
  { day: 89.5, milestone: 'remove' },
  // Status reports are due every 30 days after removal begins (day 90): one just before each, for a year.
  ...Array.from({ length: 9 }, (_, k) => ({ day: 90 + 30 * (k + 1) - 0.5, milestone: 'status' })),
  { day: 365, milestone: 'removed' },
];
/**
 * The baseline's timers end a day before the last report, so the last update ends its life as `removed` ends the
 * engine's: a timer firing at the very instant of an update that completes the workflow wedged the Java test server
 * (describe never answered for those workflows).
 */
const BASELINE_TIMERS_MS = 364 * DAY_MS;

interface Lives {
  seconds: number;
  eventsPerLife: number;
  bytesPerLife: number;
  timersPerLife: number;
  activitiesPerLife: number;
  continuedAsNew: number;
  /** Where the bytes are: kilobytes per life by event type, largest first. */
  kibPerLifeByEvent: Record<string, number>;
}

/** Issues at the next 18:00 in New York, simulated. */
async function nextSixPm(env: TestWorkflowEnvironment): Promise<number> {
  const now = await env.currentTimeMs();
  let at = DateTime.fromMillis(now, { zone: 'America/New_York' }).set({
    hour: 18,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  await env.sleep(at.toMillis() - now);
  return at.toMillis();
}

/**
 * How long, in real time, one step of every life in a cohort (or their ends) may take before the run is stopped. The
 * Java time-skipping server has been seen to stop dispatching: at 100 lives at once, 17 of them stopped on the last
 * update, an activity scheduled with its completion never handed to the worker and `describe` never answering for the
 * others. A stalled run stops with the names of the lives it waited for instead of hanging without a word.
 */
const STEP_PATIENCE_MS = 5 * 60_000;
const COHORT = 25;

async function watched<T>(work: Promise<T>, waitingFor: () => string[], what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const ids = waitingFor();
      reject(
        new Error(
          `whole lives: ${what} did not finish within ${STEP_PATIENCE_MS / 60_000} minutes on the time-skipping server; ` +
            `still waiting for ${ids.length}: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', ...' : ''}`,
        ),
      );
    }, STEP_PATIENCE_MS);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the steps of LIFE at their days for every workflow, then waits for each to end; histories measured after. */
async function live(
  env: TestWorkflowEnvironment,
  ids: string[],
  issuedAt: number,
  act: (id: string, step: (typeof LIFE)[number]) => Promise<unknown>,
): Promise<void> {
  const waiting = new Set<string>();
  const tracked = async (id: string, work: () => Promise<unknown>): Promise<void> => {
    waiting.add(id);
    await work();
    waiting.delete(id);
  };
  for (const step of LIFE) {
    const wait = issuedAt + step.day * DAY_MS - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
    await watched(
      forEachLimit(ids, 32, (id) => tracked(id, () => act(id, step))),
      () => [...waiting],
      `the ${step.milestone} step at day ${step.day}`,
    );
  }
  // Awaiting the results lets the server skip to whatever timers remain.
  await watched(
    Promise.all(ids.map((id) => tracked(id, () => env.client.workflow.getHandle(id).result()))),
    () => [...waiting],
    "the lives' ends",
  );
}

async function measure(client: Client, ids: string[], seconds: number): Promise<Lives> {
  let events = 0;
  let bytes = 0;
  let timers = 0;
  let activities = 0;
  let continuedAsNew = 0;
  const byEvent = new Map<string, number>();
  await forEachLimit(ids, 16, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const list = history.events ?? [];
    events += list.length;
    bytes += temporal.api.history.v1.History.encode(history).finish().length;
    timers += list.filter((e) => e.timerStartedEventAttributes).length;
    activities += list.filter((e) => e.activityTaskScheduledEventAttributes).length;
    if (list[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId) continuedAsNew++;
    for (const e of list) {
      const type = Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? 'other';
      byEvent.set(type, (byEvent.get(type) ?? 0) + temporal.api.history.v1.HistoryEvent.encode(e).finish().length);
    }
  });
  const per = (n: number): number => n / ids.length;
  return {
    seconds,
    eventsPerLife: per(events),
    bytesPerLife: per(bytes),
    timersPerLife: per(timers),
    activitiesPerLife: per(activities),
    continuedAsNew,
    kibPerLifeByEvent: Object.fromEntries(
      [...byEvent]
        .sort((a, b) => b[1] - a[1])
        .map(([type, n]) => [type.replace(/EventAttributes$/, ''), Math.round(per(n) / 102.4) / 10]),
    ),
  };
}

async function engineLives(env: TestWorkflowEnvironment, count: number, dir: string): Promise<Lives> {
  const config = loadWorkerConfig({
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    // A record of its own: the default (.data/record) keeps earlier runs' chains under the same workflow ids.
    RECORD_DIR: path.join(dir, 'record'),
    WORKER_MAX_CACHED_WORKFLOWS: String(count + 10),
  });
  const { worker, close } = await createWorker(config, env.nativeConnection);
  try {
    return await worker.runUntil(async () => {
      const issuedAt = await nextSixPm(env);
      const begun = Date.now();
      const ids = await startObligations(env.client, {
        definition: findDirective('BOD-17-01')!,
        agencies: drillAgencies(count),
        taskQueue: config.connection.taskQueue,
        issuedOn: new Date(issuedAt).toISOString(),
      });
      await live(env, ids, issuedAt, (id, step) => {
        const handle = env.client.workflow.getHandle(id);
        return step.review
          ? handle.executeUpdate(reviewMilestoneUpdate, {
              args: [
                {
                  milestoneId: step.milestone,
                  reviewer: 'reviewer@dhs.example.gov',
                  decision: 'approve',
                  comment: 'Complete',
                },
              ],
            })
          : handle.executeUpdate(completeMilestoneUpdate, {
              args: [
                { milestoneId: step.milestone, completedBy: OFFICER, evidence: evidence(`${step.milestone} done`) },
              ],
            });
      });
      return measure(env.client, ids, (Date.now() - begun) / 1000);
    });
  } finally {
    close();
  }
}

async function baselineLives(
  env: TestWorkflowEnvironment,
  count: number,
  dir: string,
  shape: Pick<LifeInput, 'timers' | 'notices'>,
): Promise<Lives> {
  const worker = await createBaselineWorker(env.nativeConnection, {
    outboxDir: path.join(dir, 'baseline-outbox'),
    maxCachedWorkflows: count + 10,
  });
  return worker.runUntil(async () => {
    const issuedAt = await nextSixPm(env);
    const begun = Date.now();
    const ids = Array.from({ length: count }, (_, i) => `baseline-life/${i}`);
    await forEachLimit(ids, 32, async (id) => {
      const input: LifeInput = { key: id, lifeMs: BASELINE_TIMERS_MS, reports: LIFE.length, ...shape };
      await env.client.workflow.start('life', { workflowId: id, taskQueue: BASELINE_TASK_QUEUE, args: [input] });
    });
    await live(env, ids, issuedAt, (id, step) =>
      env.client.workflow.getHandle(id).executeUpdate(reportUpdate, { args: [`${step.milestone} at day ${step.day}`] }),
    );
    return measure(env.client, ids, (Date.now() - begun) / 1000);
  });
}

/**
 * Each side on a fresh time-skipping server: once every workflow on one has ended, it stops skipping time and sleeps
 * in real time (temporal-notes.md), so the baseline cannot follow the engine on the same server.
 */
async function onTestServer<T>(fn: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  process.env.DIRECTIVE_TEST_SERVER_PATH ??= (await obtainTestServer()).path;
  // Imported here, not at the top: the test harness installs a Temporal runtime on import, and bench/run.ts installs
  // its own first (one per process).
  const { createTimeSkippingEnv } = await import('../test/integration/harness/servers');
  const env = await createTimeSkippingEnv();
  try {
    return await fn(env);
  } finally {
    await env.teardown();
  }
}

/** Cohorts' figures as one: wall times add up, per-life figures are averaged over every life. */
function combined(cohorts: { lives: Lives; count: number }[]): Lives {
  const total = cohorts.reduce((n, c) => n + c.count, 0);
  const mean = (pick: (l: Lives) => number): number =>
    cohorts.reduce((sum, c) => sum + pick(c.lives) * c.count, 0) / total;
  const types = [...new Set(cohorts.flatMap((c) => Object.keys(c.lives.kibPerLifeByEvent)))];
  return {
    seconds: cohorts.reduce((sum, c) => sum + c.lives.seconds, 0),
    eventsPerLife: mean((l) => l.eventsPerLife),
    bytesPerLife: mean((l) => l.bytesPerLife),
    timersPerLife: mean((l) => l.timersPerLife),
    activitiesPerLife: mean((l) => l.activitiesPerLife),
    continuedAsNew: cohorts.reduce((n, c) => n + c.lives.continuedAsNew, 0),
    kibPerLifeByEvent: Object.fromEntries(
      types
        .map((t): [string, number] => [t, Math.round(mean((l) => l.kibPerLifeByEvent[t] ?? 0) * 10) / 10])
        .sort((a, b) => b[1] - a[1]),
    ),
  };
}

export async function benchWholeLives(count: number): Promise<Figure[]> {
  const engineCohorts: { lives: Lives; count: number }[] = [];
  const baselineCohorts: { lives: Lives; count: number }[] = [];
  for (let done = 0; done < count; done += COHORT) {
    const size = Math.min(COHORT, count - done);
    // A folder per cohort: the record keeps chains by workflow id, and every cohort uses the same ids.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-lives-'));
    const lives = await onTestServer((env) => engineLives(env, size, dir));
    engineCohorts.push({ lives, count: size });
    const shape = { timers: Math.round(lives.timersPerLife), notices: Math.round(lives.activitiesPerLife) };
    const plain = await onTestServer((env) => baselineLives(env, size, dir, shape));
    baselineCohorts.push({ lives: plain, count: size });
    console.log(
      `  lives ${done + 1}-${done + size} of ${count}: engine ${lives.seconds.toFixed(1)} s, baseline ${plain.seconds.toFixed(1)} s`,
    );
  }
  const engine = combined(engineCohorts);
  const baseline = combined(baselineCohorts);
  const rate = { engine: count / engine.seconds, baseline: count / baseline.seconds };
  const figures = [
    ...compared('whole lives per second of wall time', '/s', rate, { better: 'higher' }),
    ...compared(
      'history events per life',
      'events',
      { engine: engine.eventsPerLife, baseline: baseline.eventsPerLife },
      { better: 'lower' },
    ),
    ...compared(
      'history size per life',
      'KiB',
      { engine: engine.bytesPerLife / 1024, baseline: baseline.bytesPerLife / 1024 },
      { better: 'lower' },
    ),
  ];
  printTable(
    `whole lives, ${count} BOD 17-01 obligations in cohorts of ${COHORT}, a year each on the time-skipping server (ratios: higher is better)`,
    figures,
  );
  const file = writeResults('whole-lives', figures, {
    obligations: count,
    cohort: COHORT,
    updatesPerLife: LIFE.length,
    engine,
    baseline,
    bytesFrom: 'the length of each history encoded as protobuf (temporal.api.history.v1.History)',
  });
  console.log(`  written to ${path.relative(process.cwd(), file)}`);
  return figures;
}

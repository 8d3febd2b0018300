/**
 * Benchmark 3, steady state: N open obligations whose deadlines (one timer each, deadlineDirective) are spread evenly
 * over a window, beside N baseline workflows each sleeping until the same instants, both at once on one dev server.
 * Figures: timer lag (the TimerFired event's time in the history against the instant it was due) and each worker's
 * peak resident memory, sampled from its own process (worker/main.ts and bench/baseline/main.ts), once with
 * WORKER_MAX_CACHED_WORKFLOWS at the engine's default and once at N (both workers alike).
 */
import path from 'node:path';
import { drillAgencies, startObligations } from '../drills/burst';
import { outboxCount } from '../drills/outbox';
import { startWorkerProcess } from '../drills/processes';
import { forEachLimit } from '../client/concurrency';
import { waitUntil } from '../drills/wait';
import { workerEnv } from '../drills/world';
import { obligationWorkflowId } from '../workflows/campaign-messages';
import { loadWorkerConfig } from '../worker/config';
import { BASELINE_TASK_QUEUE } from './baseline/worker';
import { deadlineDirective, issuanceFor } from './deadline-directive';
import { summariseLags, timerFiringLag, timerLag } from './lag';
import { compared, printTable, writeResults, type Figure } from './results';
import { sampleRss } from './rss';
import { openBenchWorld, type BenchWorld } from './world';

const GIB = 1024 ** 3;
/** The engine's WORKER_MAX_CACHED_WORKFLOWS when unset (worker/config.ts). */
const DEFAULT_CACHE = loadWorkerConfig({}).maxCachedWorkflows;

type Lags = Awaited<ReturnType<typeof lagsOf>>;

interface Round {
  cache: number;
  lags: { engine: Lags; baseline: Lags };
  peakRss: { engine: number; baseline: number };
  secondsToStart: number;
}

/**
 * Every timer's lag from its workflow's history. A workflow started after its instant (a slow start on a loaded
 * machine) fired nothing: it is counted apart, not timed.
 */
async function lagsOf(world: BenchWorld, due: { workflowId: string; at: number }[]) {
  const lags: number[] = [];
  const firing: number[] = [];
  let untimed = 0;
  await forEachLimit(due, 16, async ({ workflowId, at }) => {
    const { events } = await world.client.workflow.getHandle(workflowId).fetchHistory();
    const lag = timerLag(events ?? [], at);
    if (lag === undefined) untimed++;
    else lags.push(lag);
    const fired = timerFiringLag(events ?? [], at);
    if (fired !== undefined) firing.push(fired);
  });
  return { ...summariseLags(lags), untimed, serverFiringLate: summariseLags(firing) };
}

async function round(world: BenchWorld, count: number, windowMs: number, cache: number): Promise<Round> {
  const dir = path.join(world.dir, `cache-${cache}`);
  const engineOutbox = path.join(dir, 'outbox');
  const baselineOutbox = path.join(dir, 'baseline-outbox');
  const engine = await startWorkerProcess(
    workerEnv({ address: world.address, taskQueue: 'directives', dir, cachedWorkflows: cache }),
  );
  const baseline = await startWorkerProcess(
    {
      TEMPORAL_ADDRESS: world.address,
      MAIL_OUTBOX_DIR: baselineOutbox,
      WORKER_MAX_CACHED_WORKFLOWS: String(cache),
    },
    180_000,
    'bench/baseline/main.ts',
  );
  const rss = { engine: sampleRss(engine.pid), baseline: sampleRss(baseline.pid) };
  try {
    const definition = deadlineDirective('STEADY');
    const agencies = drillAgencies(count);
    const begun = Date.now();
    // Every workflow started and asleep before the first instant, so starting them does not weigh on the lags.
    const first = begun + 20_000 + count * 80;
    const at = (i: number): number => Math.round(first + (i * windowMs) / count);
    await forEachLimit(agencies, 32, async (agency, i) => {
      await startObligations(world.client, {
        definition,
        agencies: [agency],
        taskQueue: 'directives',
        issuedOn: issuanceFor(at(i)),
      });
      await world.client.workflow.start('deadlineNotice', {
        workflowId: `baseline-steady-${cache}/${i}`,
        taskQueue: BASELINE_TASK_QUEUE,
        args: [{ at: at(i), key: `steady-${cache}/${i}` }],
      });
    });
    const secondsToStart = (Date.now() - begun) / 1000;
    if (Date.now() > first) console.warn(`  starting took ${secondsToStart.toFixed(0)} s, past the first deadline`);
    // Each timer ends in one email: once both outboxes hold N, every timer has fired.
    const emails = async (): Promise<number> =>
      Math.min(await outboxCount(engineOutbox), await outboxCount(baselineOutbox));
    await waitUntil('every deadline passed', emails, (n) => n >= count, windowMs + first - Date.now() + 600_000, 1_000);
    const peakRss = { engine: rss.engine.peak(), baseline: rss.baseline.peak() };
    const due = agencies.map((a, i) => ({ i, workflowId: obligationWorkflowId(definition.id, a.id) }));
    const lags = {
      engine: await lagsOf(
        world,
        due.map(({ i, workflowId }) => ({ workflowId, at: at(i) })),
      ),
      baseline: await lagsOf(
        world,
        due.map(({ i }) => ({ workflowId: `baseline-steady-${cache}/${i}`, at: at(i) })),
      ),
    };
    return { cache, lags, peakRss, secondsToStart };
  } finally {
    rss.engine.stop();
    rss.baseline.stop();
    await engine.stop();
    await baseline.stop();
  }
}

function figuresOf(r: Round, count: number): Figure[] {
  const at = `cache ${r.cache}${r.cache === DEFAULT_CACHE ? ' (default)' : ''}`;
  const lag = (q: 'p50' | 'p99') => ({ engine: r.lags.engine[q], baseline: r.lags.baseline[q] });
  const rss = { engine: r.peakRss.engine / GIB, baseline: r.peakRss.baseline / GIB };
  return [
    ...compared(`timer lag p50, ${at}`, 'ms', lag('p50'), { better: 'lower', resolution: 1 }),
    ...compared(`timer lag p99, ${at}`, 'ms', lag('p99'), {
      better: 'lower',
      resolution: 1,
      target: '< 1000 ms',
      met: r.lags.engine.p99 < 1000,
    }),
    // The part of the lag after the timer's own fire time: the server and the worker's wake-up, without the latency
    // of the workflow task that set the timer (a duration, counted from when the server started it).
    ...compared(
      `timer fired after the time it asked for, p99, ${at}`,
      'ms',
      { engine: r.lags.engine.serverFiringLate.p99, baseline: r.lags.baseline.serverFiringLate.p99 },
      { better: 'lower', resolution: 1 },
    ),
    ...compared(`worker peak RSS, ${count} open, ${at}`, 'GiB', rss, {
      better: 'lower',
      target: '< 1.5 GiB',
      met: rss.engine < 1.5,
    }),
  ];
}

export async function benchSteadyState(count: number, windowMs: number): Promise<Figure[]> {
  const world = await openBenchWorld('steady');
  try {
    const rounds: Round[] = [];
    for (const cache of [...new Set([DEFAULT_CACHE, count])]) rounds.push(await round(world, count, windowMs, cache));
    const figures = rounds.flatMap((r) => figuresOf(r, count));
    for (const r of rounds)
      if (r.lags.engine.untimed + r.lags.baseline.untimed > 0)
        console.warn(
          `  cache ${r.cache}: ${r.lags.engine.untimed} + ${r.lags.baseline.untimed} started after their instant`,
        );
    const minutes = windowMs / 60_000;
    printTable(
      `steady state, ${count} open obligations, deadlines over ${minutes} min (ratios: higher is better)`,
      figures,
    );
    const file = writeResults('steady-state', figures, {
      obligations: count,
      windowMinutes: minutes,
      rounds,
      lagFrom: 'TimerFired event time in each history minus the instant the timer was due',
      rssFrom: 'VmRSS of each worker process, sampled every second after it polled',
    });
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
    return figures;
  } finally {
    await world.close();
  }
}

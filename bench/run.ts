/**
 * `npm run bench`: timing goals live here, not in tests. Prints operations per second for the pure hot paths that
 * every obligation exercises (computing a schedule, a year of clock events through the reducer), then a by-reference
 * campaign of that many agencies on a real dev server, driven through the CLI (fan-out, status, report, a bulk
 * amendment; `--fan-out-only` stops after the fan-out), beside its baseline (as many plain workflow starts), then the
 * portal's pages with that many obligations running. Then each engine figure beside its baseline twin, the plain
 * Temporal program for the same job (bench/baseline/), with the ratio: a burst of notices due at one instant (outbox,
 * then SMTP), reads (status, list --overdue, report), whole lives on the time-skipping server, and steady state (timer
 * lag, worker memory). Tables are printed and written to bench/results/<name>.json.
 *
 *   npm run bench -- --quick                 smaller sizes (a few minutes each), fewer requests per page
 *   npm run bench -- --only burst            one part: fan-out, portal, burst, reads, lives, steady
 *   npm run bench -- --agencies 200          a smaller campaign for fan-out and portal
 *   npm run bench -- --burst-sizes 1000      bursts of these sizes only (comma-separated)
 *
 * Full sizes: bursts of 1,000 and 10,000; reads with 10,000 running; 100 whole lives; steady state with 10,000
 * deadlines over an hour (twice: WORKER_MAX_CACHED_WORKFLOWS at its default and at 10,000), so over two hours.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { computeSchedule } from '../domain/calculus';
import { builtInDirectives, findDirective } from '../domain/library';
import { DAY_MS, initialObligation, nextClockEvent, reduce } from '../domain/obligation';
import { benchFanOutBaseline } from './baseline/fan-out';
import { benchBurst } from './burst';
import { benchCampaignFanOut } from './campaign-fanout';
import { benchPortalPages } from './portal-pages';
import { benchReads } from './reads';
import { compared, printTable, writeResults } from './results';
import { benchSteadyState } from './steady-state';
import { benchWholeLives } from './whole-lives';

function bench(name: string, iterations: number, fn: () => void): void {
  fn(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(
    `${name.padEnd(58)} ${(iterations / (ms / 1000)).toFixed(0).padStart(9)} ops/s  (${(ms / iterations).toFixed(3)} ms/op)`,
  );
}

const bod = findDirective('BOD-17-01')!;
const agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};

bench('computeSchedule, every built-in directive', 200, () => {
  for (const d of builtInDirectives) computeSchedule(d, '2017-09-13');
});

const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
bench('BOD 17-01 obligation: a year of clock events through reduce', 50, () => {
  let state = initialObligation(bod, agency, schedule, issued);
  for (;;) {
    const next = nextClockEvent(state);
    if (!next || next.at > issued + 365 * DAY_MS) break;
    state = reduce(state, { type: 'tick', now: next.at }).state;
  }
});

bench('campaign of 1,000 agencies: initial state for each', 5, () => {
  for (let i = 0; i < 1000; i++) initialObligation(bod, { ...agency, id: `A${i}` }, schedule, issued);
});

const flag = process.argv.indexOf('--agencies');
const agencies = flag > 0 ? Number(process.argv[flag + 1]) : 1000;
const only = (name: string) => !process.argv.includes('--only') || process.argv.includes(name);
const quick = process.argv.includes('--quick');
const burstSizes = ((): number[] => {
  const at = process.argv.indexOf('--burst-sizes');
  if (at < 0) return quick ? [300] : [1_000, 10_000];
  const given = process.argv[at + 1] ?? '';
  const sizes = given.split(',').map(Number);
  if (!given || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000))
    throw new Error(`--burst-sizes: expected sizes from 1 to 100000, comma-separated (got "${given}")`);
  return sizes;
})();

async function main(): Promise<void> {
  // One runtime for the process (the SDK allows one), quiet: the figures are the output.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } },
  });
  if (only('fan-out')) await benchFanOut();
  // The portal's pages with as many obligations running: DOJ's officer's inbox and obligation page, p50/p99.
  if (only('portal')) await benchPortalPages(agencies, quick ? 50 : 200);
  // Each engine figure beside its baseline twin (bench/baseline/): the plain Temporal program for the same job.
  for (const count of burstSizes)
    for (const mode of ['outbox', 'smtp'] as const) if (only('burst')) await benchBurst(count, mode);
  if (only('reads'))
    await (quick
      ? benchReads(300, { status: 50, list: 10, report: 3 })
      : benchReads(10_000, { status: 200, list: 20, report: 3 }));
  if (only('lives')) await benchWholeLives(quick ? 30 : 100);
  if (only('steady')) await (quick ? benchSteadyState(500, 60_000) : benchSteadyState(10_000, 3_600_000));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

/** The campaign's fan-out beside as many plain `client.workflow.start` calls (32 at a time), each on its own server. */
async function benchFanOut(): Promise<void> {
  const engine = await benchCampaignFanOut(agencies, process.argv.includes('--fan-out-only'));
  const baseline = await benchFanOutBaseline(agencies);
  const figures = compared(
    `fan-out of ${agencies}`,
    's',
    { engine: engine.fanOutSeconds, baseline: baseline.seconds },
    { better: 'lower', ...(agencies === 10_000 && { target: '< 180 s', met: engine.fanOutSeconds < 180 }) },
  );
  printTable(`fan-out: a campaign of ${agencies} agencies vs ${agencies} plain workflow starts`, figures);
  writeResults(`fan-out-${agencies}`, figures, { engine, baseline });
}

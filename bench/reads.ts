/**
 * Benchmark 5, reads with N obligations running: `directive status`, `directive list --overdue` and `directive report`,
 * run in this process through the CLI's own command tree (client/cli/program.ts, output discarded) with one
 * connection, as one CLI invocation has; beside the same reads of N plain workflows (a query; a visibility list; a list
 * then a query each). Every obligation is overdue (issued so that `identify` passed), so `list --overdue` returns N.
 */
import path from 'node:path';
import { buildProgram } from '../client/cli/program';
import { CliContext } from '../client/cli/context';
import { burstIssuance, drillAgencies, drillDirective, startObligations } from '../drills/burst';
import { forEachLimit, mapLimit } from '../client/concurrency';
import { patience, waitUntil } from '../drills/wait';
import { statusQuery } from './baseline/workflows';
import { BASELINE_TASK_QUEUE } from './baseline/worker';
import { compared, printTable, quantile, writeResults, type Figure } from './results';
import { openBenchWorld, runBaselineWorker, runEngineWorker, type BenchWorld } from './world';

async function timed(times: number, read: (i: number) => Promise<unknown>): Promise<number[]> {
  await read(0); // warm-up
  const ms: number[] = [];
  for (let i = 1; i <= times; i++) {
    const start = process.hrtime.bigint();
    await read(i);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}

async function startBoth(world: BenchWorld, count: number, directive: ReturnType<typeof drillDirective>) {
  const agencies = drillAgencies(count);
  await startObligations(world.client, {
    definition: directive,
    agencies,
    taskQueue: 'directives',
    issuedOn: burstIssuance(directive),
  });
  await forEachLimit(
    agencies.map((_, i) => i),
    32,
    async (i) => {
      await world.client.workflow.start('openItem', {
        workflowId: `baseline-read/${i}`,
        taskQueue: BASELINE_TASK_QUEUE,
        args: [],
      });
    },
  );
  const counted = async (query: string): Promise<number> => (await world.client.workflow.count(query)).count;
  await waitUntil(
    `${count} obligations overdue and ${count} plain workflows running, in visibility`,
    async () =>
      Math.min(
        await counted(`DirectiveId = '${directive.id}' AND Overdue = true`),
        await counted(`WorkflowType = 'openItem' AND ExecutionStatus = 'Running'`),
      ),
    (n) => n >= count,
    patience(count),
    2_000,
  );
  return agencies;
}

export async function benchReads(count: number, reps: { status: number; list: number; report: number }) {
  const world = await openBenchWorld('reads');
  const directive = drillDirective('READS');
  const engineWorker = await runEngineWorker(world, {
    MAIL_OUTBOX_DIR: path.join(world.dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(world.dir, 'ledger'),
  });
  const baselineWorker = await runBaselineWorker(world, { outboxDir: path.join(world.dir, 'baseline-outbox') });
  const discard = { write: () => true };
  const ctx = new CliContext({ stdout: discard, stderr: discard, env: { TEMPORAL_ADDRESS: world.address } });
  const cli = (argv: string[]): Promise<unknown> => buildProgram(ctx).parseAsync(argv, { from: 'user' });
  try {
    const agencies = await startBoth(world, count, directive);
    const some = (i: number): number => (i * 7919) % count;
    const baselineList = async (): Promise<string[]> => {
      const ids: string[] = [];
      for await (const info of world.client.workflow.list({ query: `WorkflowType = 'openItem'` }))
        ids.push(info.workflowId);
      return ids;
    };
    const reads: [string, number, (i: number) => Promise<unknown>, (i: number) => Promise<unknown>][] = [
      [
        'status',
        reps.status,
        (i) => cli(['status', directive.id, agencies[some(i)]!.id]),
        (i) => world.client.workflow.getHandle(`baseline-read/${some(i)}`).query(statusQuery),
      ],
      [
        'list --overdue',
        reps.list,
        () => cli(['list', '--directive', directive.id, '--overdue', '--limit', String(count)]),
        baselineList,
      ],
      [
        'report',
        reps.report,
        () => cli(['report', directive.id, '--format', 'csv']),
        // 32 queries at a time, as `directive report` asks its obligations.
        async () => mapLimit(await baselineList(), 32, (id) => world.client.workflow.getHandle(id).query(statusQuery)),
      ],
    ];
    const figures: Figure[] = [];
    const details: Record<string, { engine: number[]; baseline: number[] }> = {};
    for (const [name, times, engine, baseline] of reads) {
      const ms = { engine: await timed(times, engine), baseline: await timed(times, baseline) };
      details[name] = ms;
      for (const q of [0.5, 0.99]) {
        const at = { engine: quantile(ms.engine, q), baseline: quantile(ms.baseline, q) };
        figures.push(...compared(`${name} p${q * 100}`, 'ms', at, { better: 'lower', resolution: 1 }));
      }
    }
    printTable(`reads with ${count} obligations running (ratios: higher is better)`, figures);
    const file = writeResults('reads', figures, { obligations: count, repetitions: reps, millisecondsEach: details });
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
    return figures;
  } finally {
    await ctx.close();
    await engineWorker.stop();
    await baselineWorker.stop();
    await world.close();
  }
}

/**
 * Drill 2: `kill -9` the dev server (SQLite file) during a campaign's fan-out, and again during a burst; restart it on
 * the same file. Every obligation exists once (visibility: one execution per workflow id, each running), every due
 * notice goes out, none twice.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCampaign } from '../client/campaign';
import { obligationWorkflowId } from '../workflows/campaign-messages';
import { burstIssuance, drillAgencies, drillDirective, settled, startObligations, tally } from './burst';
import { outboxMessageIds } from './outbox';
import { startDrillServer, startWorkerProcess, type DrillServer, type WorkerProcess } from './processes';
import { DrillRecorder, some, type DrillRecorder as Recorder, type DrillReport } from './report';
import { forEachLimit } from '../client/concurrency';
import { patience, sleep, waitUntil } from './wait';
import { workerEnv, type DrillOptions } from './world';
import { freePort } from '../scripts/servers/process';

export interface ServerKillOptions extends Omit<DrillOptions, 'serverAddress'> {
  agencies: number;
  notices: number;
}

export async function serverKillDrill(opts: ServerKillOptions): Promise<DrillReport> {
  const r = new DrillRecorder('drill 2 (dev server kill)', opts.say);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drill-server-kill-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  let server: DrillServer | undefined;
  let connection: Connection | undefined;
  const workers: WorkerProcess[] = [];
  try {
    server = await startDrillServer({ cliPath: opts.cliPath, port: await freePort(), dbFile });
    r.step(`dev server on ${server.address}, SQLite ${dbFile}`);
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    await fanOut(r, { client, server, dir: path.join(dir, 'fan-out'), count: opts.agencies, workers });
    await burst(r, { client, server, dir: path.join(dir, 'burst'), count: opts.notices, workers });
    return r.report;
  } catch (err) {
    r.expect(false, `${(err as Error).message}${workers.length ? `\n--- worker ---\n${workers.at(-1)!.tail()}` : ''}`);
    return r.report;
  } finally {
    for (const w of workers) await w.stop();
    await connection?.close();
    await server?.stop();
  }
}

interface Phase {
  client: Client;
  server: DrillServer;
  dir: string;
  count: number;
  workers: WorkerProcess[];
}

/** The obligations of a directive as visibility lists them: executions per workflow id. */
async function executionsById(client: Client, directiveId: string): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  const query = `DirectiveId = "${directiveId}" AND WorkflowType = "agencyObligation"`;
  for await (const w of client.workflow.list({ query })) runs.set(w.workflowId, (runs.get(w.workflowId) ?? 0) + 1);
  return runs;
}

async function killAndRestart(r: Recorder, server: DrillServer, what: string): Promise<void> {
  await server.kill9();
  r.step(`dev server killed (kill -9) ${what}`);
  await sleep(1_000);
  await server.restart();
  r.step('dev server restarted on the same SQLite file');
}

/** Every obligation exists once (one execution per workflow id) and runs. */
async function checkObligations(
  r: Recorder,
  phase: string,
  client: Client,
  directiveId: string,
  agencyIds: string[],
): Promise<void> {
  const runs = await waitUntil(
    'every obligation visible',
    () => executionsById(client, directiveId),
    (m) => m.size >= agencyIds.length,
    patience(agencyIds.length),
    2_000,
  );
  const twice = [...runs].filter(([, n]) => n > 1).map(([id]) => id);
  r.count(`${phase}: obligations visible (one per agency expected)`, runs.size);
  r.count(`${phase}: obligations with more than one execution`, twice.length);
  let running = 0;
  const notRunning: string[] = [];
  await forEachLimit(agencyIds, 16, async (agencyId) => {
    const id = obligationWorkflowId(directiveId, agencyId);
    const d = await client.workflow.getHandle(id).describe();
    if (d.status.name === 'RUNNING') running++;
    else notRunning.push(`${id} ${d.status.name}`);
  });
  r.count(`${phase}: obligations described as running`, running);
  r.expect(runs.size === agencyIds.length, `${runs.size} obligations visible for ${agencyIds.length} agencies`);
  r.expect(twice.length === 0, `started twice: ${some(twice)}`);
  r.expect(notRunning.length === 0, `not running: ${some(notRunning)}`);
}

async function notices(
  r: Recorder,
  phase: string,
  p: Phase,
  directiveId: string,
  agencies: ReturnType<typeof drillAgencies>,
): Promise<void> {
  const outbox = path.join(p.dir, 'outbox');
  await waitUntil(
    'every due notice out',
    async () => tally(await outboxMessageIds(outbox), directiveId, agencies),
    (t) => t.missing.length === 0,
    patience(agencies.length),
    1_000,
  );
  const ids = agencies.map((a) => obligationWorkflowId(directiveId, a.id));
  await waitUntil(
    'no notice pending or retrying',
    () => settled(p.client, ids),
    (n) => n === 0,
    patience(agencies.length),
    2_000,
  );
  const t = tally(await outboxMessageIds(outbox), directiveId, agencies);
  r.count(`${phase}: notices due`, agencies.length);
  r.count(`${phase}: .eml files in the outbox`, t.emails);
  r.count(`${phase}: distinct Message-IDs`, t.distinct);
  r.count(`${phase}: duplicates (same Message-ID again)`, t.duplicates);
  r.expect(t.missing.length === 0, `notices lost: ${some(t.missing)}`);
  r.expect(
    t.unexpected.length === 0 && t.duplicates === 0,
    `sent twice or not owed: ${some([...t.unexpected, ...t.duplicated])}`,
  );
}

/** A campaign of N agencies, issued so that each obligation owes one notice at once; the server dies a third in. */
async function fanOut(r: Recorder, p: Phase): Promise<void> {
  const definition = drillDirective('D2F');
  const agencies = drillAgencies(p.count);
  const taskQueue = `drill-2-${definition.id}`;
  const env = workerEnv({ address: p.server.address, taskQueue, dir: p.dir, cachedWorkflows: p.count + 10 });
  const worker = await startWorkerProcess(env);
  p.workers.push(worker);
  r.step(`fan-out: worker started (pid ${worker.pid}); campaign ${definition.id} of ${p.count} agencies`);
  // The campaign's agencies go by reference: stored where this worker reads them.
  await startCampaign(p.client, {
    directive: definition,
    agencies,
    issuedAt: burstIssuance(definition),
    taskQueue,
    agenciesStoreDir: env.AGENCIES_STORE_DIR,
  });
  const target = Math.max(1, Math.floor(p.count / 3));
  const visible = await waitUntil(
    'the fan-out reaching a third',
    async () =>
      (await p.client.workflow.count(`DirectiveId = "${definition.id}" AND WorkflowType = "agencyObligation"`)).count,
    (n) => n >= target,
    patience(p.count),
    100,
  );
  r.count('fan-out: obligations started when the server was killed', visible);
  await killAndRestart(r, p.server, 'during the fan-out');
  await checkObligations(
    r,
    'fan-out',
    p.client,
    definition.id,
    agencies.map((a) => a.id),
  );
  await notices(r, 'fan-out', p, definition.id, agencies);
  await worker.stop();
  p.workers.splice(p.workers.indexOf(worker), 1);
}

/** N obligations owing a notice each, started before a worker polls; the server dies a third into the burst. */
async function burst(r: Recorder, p: Phase): Promise<void> {
  const definition = drillDirective('D2B');
  const agencies = drillAgencies(p.count);
  const taskQueue = `drill-2-${definition.id}`;
  await startObligations(p.client, { definition, agencies, taskQueue, issuedOn: burstIssuance(definition) });
  r.step(`burst: ${p.count} obligations of ${definition.id} started, none run yet`);
  const env = workerEnv({ address: p.server.address, taskQueue, dir: p.dir, cachedWorkflows: p.count + 10 });
  const worker = await startWorkerProcess(env);
  p.workers.push(worker);
  r.step(`burst: worker started (pid ${worker.pid})`);
  const outbox = path.join(p.dir, 'outbox');
  const target = Math.max(1, Math.floor(p.count / 3));
  const out = await waitUntil(
    'the burst reaching a third',
    () => outboxMessageIds(outbox),
    (ids) => ids.length >= target,
    patience(p.count),
    20,
  );
  r.count('burst: emails out when the server was killed', out.length);
  r.expect(out.length < p.count, 'the burst was over before the kill: use more notices');
  await killAndRestart(r, p.server, 'during the burst');
  await checkObligations(
    r,
    'burst',
    p.client,
    definition.id,
    agencies.map((a) => a.id),
  );
  await notices(r, 'burst', p, definition.id, agencies);
}

/**
 * Drill 1: `kill -9` the worker in the middle of a burst of N notices, start it again. Outbox mode: every notice is
 * one `.eml` file, exactly once. SMTP mode: none lost; a duplicate (accepted by the server, the worker killed before
 * it recorded the send) carries the same Message-ID, and is counted.
 */
import path from 'node:path';
import { burstIssuance, drillAgencies, drillDirective, settled, startObligations, tally } from './burst';
import { outboxCount, outboxMessageIds, watchOutbox } from './outbox';
import { startWorkerProcess } from './processes';
import { DrillRecorder, some, type DrillReport } from './report';
import { startDrillSmtpServer } from './smtp-server';
import { patience, waitUntil } from './wait';
import { openWorld, workerEnv, type DrillOptions } from './world';

export interface WorkerKillOptions extends DrillOptions {
  notices: number;
  mode: 'outbox' | 'smtp';
  /** Share of the burst delivered when the worker is killed. */
  killAt?: number;
}

export async function workerKillDrill(opts: WorkerKillOptions): Promise<DrillReport> {
  const r = new DrillRecorder(`drill 1 (${opts.mode})`, opts.say);
  const world = await openWorld(opts, `worker-kill-${opts.mode}`);
  const smtp = opts.mode === 'smtp' ? await startDrillSmtpServer() : undefined;
  const outbox = path.join(world.dir, 'outbox');
  const watcher = smtp ? undefined : watchOutbox(outbox);
  const delivered = async (): Promise<number> => (smtp ? smtp.received.length : outboxCount(outbox));
  const definition = drillDirective('D1');
  const agencies = drillAgencies(opts.notices);
  const taskQueue = `drill-1-${definition.id}`;
  const env = workerEnv({
    address: world.address,
    taskQueue,
    dir: world.dir,
    smtpUrl: smtp?.url,
    cachedWorkflows: opts.notices + 10,
  });
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    const issuedOn = burstIssuance(definition);
    const ids = await startObligations(world.client, { definition, agencies, taskQueue, issuedOn });
    r.count('obligations started (no worker polling yet)', ids.length);
    r.count('notices due at once (identify escalation L1, one per obligation)', agencies.length);

    worker = await startWorkerProcess(env);
    r.step(`worker started (pid ${worker.pid}); mail via ${smtp ? smtp.url : outbox}`);
    const target = Math.max(1, Math.floor(agencies.length * (opts.killAt ?? 1 / 3)));
    await waitUntil('the burst reaching the kill point', delivered, (n) => n >= target, patience(opts.notices), 20);
    await worker.kill9();
    worker = undefined;
    const atKill = await delivered();
    r.count('emails out when the worker was killed (kill -9)', atKill);
    r.expect(atKill < agencies.length, 'the burst was over before the kill: use more notices');

    worker = await startWorkerProcess(env);
    r.step(`worker started again (pid ${worker.pid})`);
    const owed = agencies.length;
    await waitUntil(
      'every notice out',
      async () =>
        tally(smtp ? smtp.received.map((m) => m.messageId) : await outboxMessageIds(outbox), definition.id, agencies),
      (t) => t.missing.length === 0,
      patience(owed),
      1_000,
    );
    // A send cut off by the kill is retried only after its 1-minute timeout: wait until nothing is pending.
    await waitUntil(
      'no notice pending or retrying',
      () => settled(world.client, ids),
      (n) => n === 0,
      patience(owed),
      2_000,
    );

    const ids2 = smtp ? smtp.received.map((m) => m.messageId) : await outboxMessageIds(outbox);
    const t = tally(ids2, definition.id, agencies);
    r.count(smtp ? 'emails the SMTP server accepted' : '.eml files in the outbox', t.emails);
    r.count('distinct Message-IDs', t.distinct);
    r.count('notices delivered (one per obligation)', owed - t.missing.length);
    r.count('duplicates (same Message-ID again)', t.duplicates);
    if (watcher) {
      const again = watcher.rewrites();
      r.count('outbox files rewritten in place by a retry (same name, same Message-ID, still one file)', again.files);
    }
    if (t.duplicated.length > 0) r.step(`duplicated Message-IDs: ${some(t.duplicated)}`);
    r.expect(t.missing.length === 0, `notices lost: ${some(t.missing)}`);
    r.expect(t.unexpected.length === 0, `emails not owed or a second notice for one obligation: ${some(t.unexpected)}`);
    if (!smtp) r.expect(t.duplicates === 0 && t.emails === owed, `outbox holds ${t.emails} files for ${owed} notices`);
    return r.report;
  } catch (err) {
    r.expect(false, `${(err as Error).message}${worker ? `\n--- worker ---\n${worker.tail()}` : ''}`);
    return r.report;
  } finally {
    await worker?.stop();
    watcher?.close();
    await smtp?.stop();
    await world.close();
  }
}

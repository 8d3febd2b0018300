/**
 * Drill 3: the SMTP server goes down in the middle of a burst and comes back after an outage (five minutes at full
 * size). Every notice goes out once it is back, none twice, and the obligations' histories show the retries
 * (ActivityTaskStarted with attempt > 1 for `sendNotice`).
 */
import {
  burstIssuance,
  drillAgencies,
  drillDirective,
  retriedNotices,
  settled,
  startObligations,
  tally,
} from './burst';
import { startWorkerProcess } from './processes';
import { DrillRecorder, some, type DrillReport } from './report';
import { startDrillSmtpServer } from './smtp-server';
import { patience, sleep, waitUntil } from './wait';
import { openWorld, workerEnv, type DrillOptions } from './world';

export interface SmtpOutageOptions extends DrillOptions {
  notices: number;
  outageMs: number;
}

export async function smtpOutageDrill(opts: SmtpOutageOptions): Promise<DrillReport> {
  const r = new DrillRecorder('drill 3 (SMTP outage)', opts.say);
  const world = await openWorld(opts, 'smtp-outage');
  const smtp = await startDrillSmtpServer();
  const definition = drillDirective('D3');
  const agencies = drillAgencies(opts.notices);
  const taskQueue = `drill-3-${definition.id}`;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    const ids = await startObligations(world.client, {
      definition,
      agencies,
      taskQueue,
      issuedOn: burstIssuance(definition),
    });
    r.count('obligations started (no worker polling yet)', ids.length);
    r.count('notices due at once', agencies.length);
    worker = await startWorkerProcess(
      workerEnv({
        address: world.address,
        taskQueue,
        dir: world.dir,
        smtpUrl: smtp.url,
        cachedWorkflows: opts.notices + 10,
      }),
    );
    r.step(`worker started (pid ${worker.pid}), mail via ${smtp.url}`);
    const target = Math.max(1, Math.floor(agencies.length / 3));
    await waitUntil(
      'the burst reaching a third',
      () => smtp.received.length,
      (n) => n >= target,
      patience(opts.notices),
      20,
    );
    await smtp.stop();
    const atOutage = smtp.received.length;
    r.count('emails accepted when the SMTP server went down', atOutage);
    r.step(`SMTP server down for ${Math.round(opts.outageMs / 1000)} s (connections refused)`);
    await sleep(opts.outageMs);
    r.count('emails accepted during the outage', smtp.received.length - atOutage);
    await smtp.start();
    r.step('SMTP server back on the same port');
    const afterOutage = smtp.received.length;
    await waitUntil(
      'every notice out',
      () =>
        tally(
          smtp.received.map((m) => m.messageId),
          definition.id,
          agencies,
        ),
      (t) => t.missing.length === 0,
      // Retries back off (10 s doubling, at most an hour): after a long outage the next try can be minutes away.
      opts.outageMs * 2 + patience(opts.notices),
      1_000,
    );
    await waitUntil(
      'no notice pending or retrying',
      () => settled(world.client, ids),
      (n) => n === 0,
      patience(opts.notices),
      2_000,
    );
    const t = tally(
      smtp.received.map((m) => m.messageId),
      definition.id,
      agencies,
    );
    r.count('emails accepted after the server came back', smtp.received.length - afterOutage);
    r.count('emails the SMTP server accepted in all', t.emails);
    r.count('distinct Message-IDs', t.distinct);
    r.count('duplicates (same Message-ID again)', t.duplicates);
    const retried = await retriedNotices(world.client, ids);
    r.count('obligations whose history shows a retried sendNotice (attempt > 1)', retried.obligations);
    r.count('highest sendNotice attempt in a history', retried.maxAttempt);
    r.expect(t.missing.length === 0, `notices lost: ${some(t.missing)}`);
    r.expect(t.duplicates === 0, `sent twice: ${some(t.duplicated)}`);
    r.expect(t.unexpected.length === 0, `emails not owed: ${some(t.unexpected)}`);
    r.expect(atOutage < agencies.length, 'the burst was over before the outage: use more notices');
    r.expect(retried.obligations > 0, 'no history shows a retry, so the outage was not seen');
    return r.report;
  } catch (err) {
    r.expect(false, `${(err as Error).message}${worker ? `\n--- worker ---\n${worker.tail()}` : ''}`);
    return r.report;
  } finally {
    await worker?.stop();
    await smtp.stop();
    await world.close();
  }
}

/**
 * A by-reference campaign of more agencies than one page of agencies (500) or of an amendment's answer (500) holds, on
 * the shared dev server with a real worker, driven through the CLI: fan-out, status page by page, the report and one
 * bulk amendment to every agency. Then every payload and event the campaign produced, over all its runs, is measured
 * against a bound that does not depend on the number of agencies (a page), far below Temporal's limits; the inline
 * campaign's input and status answer grew with every agency and broke them at 10,000. The same run at 10,000 is
 * `npm run bench -- --agencies 10000`, or CAMPAIGN_SCALE_AGENCIES=10000 on this file (default 600: minutes on two
 * cores).
 */
import '../harness/quiet-runtime';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import {
  MESSAGE_LIMIT,
  describeFigures,
  generatedAgencies,
  runCampaignAtScale,
  type ScaleFigures,
} from '../../../bench/campaign-scale';
import { findDirective } from '../../../domain/library';
import { MAX_ANSWER_ROWS } from '../../../domain/campaign';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';
import { devServerAddress } from '../harness/servers';

const COUNT = Number(process.env.CAMPAIGN_SCALE_AGENCIES ?? 600);
/**
 * A page of 500 agencies is about 100 KB; answers name at most 500 agencies; nothing else grows. Far below Temporal's
 * limits (2 MiB a payload, 4 MiB a gRPC message), which the figures print beside the measures.
 */
const SIZE_BOUND = 256 * 1024;

const dir = mkdtempSync(path.join(os.tmpdir(), 'campaign-scale-'));
const taskQueue = `scale-${Math.random().toString(36).slice(2, 8)}`;
const directive = {
  ...findDirective('BOD-17-01')!,
  id: `BOD-17-01-S${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
};
const env = {
  TEMPORAL_ADDRESS: devServerAddress(),
  DIRECTIVES_TASK_QUEUE: taskQueue,
  AGENCIES_STORE_DIR: path.join(dir, 'agencies'),
};

let connection: Connection;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let stopWorker: () => Promise<void>;
let figures: ScaleFigures;

beforeAll(async () => {
  const config = loadWorkerConfig({
    ...env,
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    RECORD_DIR: path.join(dir, 'record'),
    WORKER_MAX_CACHED_WORKFLOWS: '1000',
  });
  const workerConnection = await connectWorker(config.connection);
  const created = await createWorker(config, workerConnection);
  worker = created.worker;
  running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    created.close();
    await workerConnection.close();
  };
  connection = await Connection.connect({ address: devServerAddress() });
  client = new Client({ connection });
});

afterAll(async () => {
  // Its obligations would otherwise wait on the shared server for deadlines a month away.
  const ids = [directive.id, ...generatedAgencies(COUNT).map((a) => `${directive.id}/${a.id}`)];
  for (let i = 0; i < ids.length; i += 100)
    await Promise.all(
      ids.slice(i, i + 100).map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('scale test done')
          .catch(() => undefined),
      ),
    );
  await connection?.close();
  await stopWorker?.();
}, 600_000);

test(
  `a campaign of ${COUNT} agencies fans out, pages its status, reports and takes a bulk amendment`,
  async () => {
    figures = await runCampaignAtScale({
      client,
      env,
      directive,
      issuedAt: issuanceWhere(directive, SCENARIOS.nothingDue),
      agencies: COUNT,
      dir,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${describeFigures(figures).join('\n')}\n`);
    expect(figures.statusRows).toBe(COUNT);
    // Pages of 1,000; a full last page may be followed by an empty one (visibility cannot tell it was the last).
    expect(figures.statusPages).toBeGreaterThanOrEqual(Math.ceil(COUNT / 1000));
    expect(figures.statusPages).toBeLessThanOrEqual(Math.ceil(COUNT / 1000) + 1);
    expect(figures.reportRows).toBe(COUNT);
    expect(figures.amendment?.outcomes).toEqual({ applied: COUNT });
    expect(figures.amendment?.agencies).toHaveLength(Math.min(COUNT, MAX_ANSWER_ROWS));
    expect(figures.amendment?.omitted).toBe(Math.max(0, COUNT - MAX_ANSWER_ROWS));
  },
  40 * 60_000,
);

test('no payload or message of the campaign grows with its agencies: each stays under a page’s bound and the limits', () => {
  expect(figures).toBeDefined();
  // Every run was measured. Fan-out and the bulk amendment run from activities, a page each: the campaign's events
  // over all its runs are a few per page (the obligations' closing signals come later), never one or more per agency.
  expect(figures.runs).toBeGreaterThanOrEqual(1);
  expect(figures.historyEvents).toBeLessThan(COUNT / 4);
  expect(figures.largestPayload.bytes).toBeLessThan(SIZE_BOUND);
  expect(figures.largestEvent.bytes).toBeLessThan(SIZE_BOUND);
  // A worker replaying the campaign fetches its history a page of events at a time: each page stays below half a message.
  expect(figures.largestPage.bytes).toBeLessThan(MESSAGE_LIMIT / 2);
  expect(figures.queryAnswerBytes).toBeLessThan(SIZE_BOUND);
  expect(figures.updateAnswerBytes).toBeLessThan(SIZE_BOUND);
});

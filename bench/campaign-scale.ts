/**
 * A campaign of N agencies driven as an operator would, through the `directive` CLI against a real server and worker:
 * start (a generated agencies file), wait for the fan-out, read the status page by page, export the report, issue one
 * bulk amendment; then measure the largest payload and the largest message the campaign put in its history (every
 * run: it continues as new), and the size of its query and update answers. Shared by `npm run bench` and the scale
 * test (test/integration/campaign/scale.test.ts), which asserts the figures against Temporal's limits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { runCliCaptured } from '../client/cli/program';
import { obligationsOf } from '../client/campaign';
import type { Agency } from '../domain/agency';
import type { DirectiveDefinition } from '../domain/directive';
import { campaignStatusQuery, type AmendDirectiveResult, type CampaignStatus } from '../workflows/campaign-messages';

/** Temporal's default limit on one payload (blob) and gRPC's default limit on one message. */
export const PAYLOAD_LIMIT = 2 * 1024 * 1024;
export const MESSAGE_LIMIT = 4 * 1024 * 1024;
/** Events per page of history the server sends a worker that replays a workflow (its default page size). */
export const HISTORY_PAGE = 1000;

export interface ScaleRun {
  client: Client;
  /** TEMPORAL_ADDRESS, DIRECTIVES_TASK_QUEUE and AGENCIES_STORE_DIR for the CLI (the worker's). */
  env: NodeJS.ProcessEnv;
  /** A BOD 17-01 copy under its own id, issued at `issuedAt` (a date when nothing falls due during the run). */
  directive: DirectiveDefinition;
  issuedAt: string;
  agencies: number;
  dir: string;
  log?: (line: string) => void;
  /** Stop after the fan-out (measure it and the history only): `npm run bench -- --agencies N --fan-out-only`. */
  fanOutOnly?: boolean;
}

export interface Largest {
  bytes: number;
  where: string;
}

export interface ScaleFigures {
  agencies: number;
  fanOutSeconds: number;
  statusPages: number;
  statusRows: number;
  statusSeconds: number;
  reportRows: number;
  reportSeconds: number;
  /** Absent with `fanOutOnly`. */
  amendment?: AmendDirectiveResult;
  amendSeconds: number;
  runs: number;
  historyEvents: number;
  historyBytes: number;
  largestPayload: Largest;
  largestEvent: Largest;
  /**
   * The most bytes in any HISTORY_PAGE consecutive events of a run: what a worker replaying the campaign may receive
   * in one message (history comes in pages of so many events, whatever their size).
   */
  largestPage: Largest;
  queryAnswerBytes: number;
  updateAnswerBytes: number;
}

/** Agencies A00000, A00001, … with contacts at example.gov. */
export function generatedAgencies(count: number): Agency[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `A${String(i).padStart(5, '0')}`;
    const d = id.toLowerCase();
    return {
      id,
      name: `Agency ${i}`,
      contacts: { complianceOfficer: `o@${d}.example.gov`, cio: `c@${d}.example.gov`, head: `h@${d}.example.gov` },
    };
  });
}

async function directive(env: NodeJS.ProcessEnv, argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCliCaptured(argv, env);
  if (code !== 0) throw new Error(`directive ${argv.join(' ')}: exit ${code}: ${stderr.trim()}`);
  return stdout;
}

const seconds = (since: number): number => (Date.now() - since) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCampaignAtScale(run: ScaleRun): Promise<ScaleFigures> {
  const { client, env, agencies: count } = run;
  const log = run.log ?? (() => undefined);
  const D = run.directive.id;
  const definitionFile = path.join(run.dir, `${D}.json`);
  const agenciesFile = path.join(run.dir, 'agencies.json');
  writeFileSync(definitionFile, JSON.stringify(run.directive));
  writeFileSync(agenciesFile, JSON.stringify(generatedAgencies(count)));

  // Fan-out: until every obligation has started and shows its first phase in visibility.
  const started = Date.now();
  await directive(env, ['campaign', 'start', definitionFile, '--agencies', agenciesFile, '--issued-at', run.issuedAt]);
  const handle = client.workflow.getHandle(D);
  for (let last = '', failures = 0; ; await sleep(1000)) {
    // A query can time out while a loaded worker is busy with the fan-out: ask again, a while.
    const status = await handle.query(campaignStatusQuery).catch((err: Error) => {
      const cause = (err.cause as Error | undefined)?.message ?? err.message;
      if (++failures > 30) throw new Error(`the campaign did not answer its status query: ${cause}`, { cause: err });
      log(`status query failed (${failures}): ${cause}`);
      return undefined;
    });
    if (!status) continue;
    failures = 0;
    const visible = (await client.workflow.count(`${obligationsOf(D)} AND ObligationPhase = 'identify'`)).count;
    const line = `fan-out: ${status.started ?? 0} started, ${visible} running and visible`;
    if (line !== last) log(`${line} (${seconds(started).toFixed(0)} s)`);
    last = line;
    if (status.started === count && visible === count) break;
  }
  const fanOutSeconds = seconds(started);
  if (run.fanOutOnly) {
    const sizes = await historySizes(client, D);
    const queryAnswerBytes = payloadBytes(await handle.query(campaignStatusQuery));
    const none = { statusPages: 0, statusRows: 0, statusSeconds: 0, reportRows: 0, reportSeconds: 0, amendSeconds: 0 };
    return { agencies: count, fanOutSeconds, ...none, ...sizes, queryAnswerBytes, updateAnswerBytes: 0 };
  }

  // Status, a page at a time, as an operator pages through it.
  const statusStarted = Date.now();
  const seen = new Set<string>();
  let pages = 0;
  for (let cursor: string | null | undefined; ;) {
    const page = JSON.parse(
      await directive(env, [
        'campaign',
        'status',
        D,
        '--json',
        '--limit',
        '1000',
        ...(cursor ? ['--cursor', cursor] : []),
      ]),
    ) as CampaignStatus;
    pages++;
    if (pages === 1 && page.countsByPhase.identify !== count)
      throw new Error(`status counts ${JSON.stringify(page.countsByPhase)}, expected identify ${count}`);
    for (const row of page.agencies) seen.add(row.agencyId);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const statusSeconds = seconds(statusStarted);
  log(`status: ${seen.size} agencies in ${pages} pages, ${statusSeconds.toFixed(1)} s`);

  const reportStarted = Date.now();
  const reportFile = path.join(run.dir, 'report.csv');
  await directive(env, ['report', D, '--format', 'csv', '--out', reportFile]);
  const reportRows = readFileSync(reportFile, 'utf8').trim().split('\n').length - 1;
  const reportSeconds = seconds(reportStarted);
  log(`report: ${reportRows} rows, ${reportSeconds.toFixed(1)} s`);

  const amendStarted = Date.now();
  const amendment = JSON.parse(
    await directive(env, [
      'amend',
      D,
      '--extend',
      'identify',
      '--by-days',
      '7',
      '--reason',
      'Scale test: every agency gets a week more',
      '--directed-by',
      'DHS',
      '--json',
    ]),
  ) as AmendDirectiveResult;
  const amendSeconds = seconds(amendStarted);
  log(`amendment: ${JSON.stringify(amendment.outcomes)}, ${amendSeconds.toFixed(1)} s`);

  const sizes = await historySizes(client, D);
  const queryAnswerBytes = payloadBytes(await handle.query(campaignStatusQuery));
  return {
    agencies: count,
    fanOutSeconds,
    statusPages: pages,
    statusRows: seen.size,
    statusSeconds,
    reportRows,
    reportSeconds,
    amendment,
    amendSeconds,
    ...sizes,
    queryAnswerBytes,
    updateAnswerBytes: payloadBytes(amendment),
  };
}

/** The bytes a value takes as a Temporal payload (JSON, as the default converter encodes it). */
export function payloadBytes(value: unknown): number {
  const p = defaultPayloadConverter.toPayload(value);
  return (p.data?.length ?? 0) + Object.values(p.metadata ?? {}).reduce((n, m) => n + m.length, 0);
}

type Payload = temporal.api.common.v1.IPayload;
const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' && v !== null && (v as Payload).data instanceof Uint8Array && 'metadata' in v;

/** Every payload inside an event (inputs, results, signal and update arguments, memo, search attributes). */
function* payloadsIn(value: unknown): Generator<Payload> {
  if (isPayload(value)) {
    yield value;
    return;
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) yield* payloadsIn(v);
}

const sizeOf = (p: Payload): number =>
  (p.data?.length ?? 0) + Object.values(p.metadata ?? {}).reduce((n, m) => n + (m?.length ?? 0), 0);

/** Over every run of the campaign: events, bytes, the largest payload and the largest event (a message's worth). */
export async function historySizes(
  client: Client,
  workflowId: string,
): Promise<
  Pick<ScaleFigures, 'runs' | 'historyEvents' | 'historyBytes' | 'largestPayload' | 'largestEvent' | 'largestPage'>
> {
  const runIds: string[] = [];
  for await (const info of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runIds.push(info.runId);
  let historyEvents = 0;
  let historyBytes = 0;
  const largestPayload: Largest = { bytes: 0, where: '' };
  const largestEvent: Largest = { bytes: 0, where: '' };
  const largestPage: Largest = { bytes: 0, where: '' };
  for (const runId of runIds) {
    const window: number[] = [];
    let windowBytes = 0;
    for await (const event of historyOf(client, workflowId, runId)) {
      const where = `run ${runId.slice(0, 8)}, event ${String(event.eventId)} (${eventType(event)})`;
      const bytes = temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
      historyEvents++;
      historyBytes += bytes;
      window.push(bytes);
      windowBytes += bytes - (window.length > HISTORY_PAGE ? window.shift()! : 0);
      if (windowBytes > largestPage.bytes)
        Object.assign(largestPage, {
          bytes: windowBytes,
          where: `run ${runId.slice(0, 8)}, events to ${String(event.eventId)}`,
        });
      if (bytes > largestEvent.bytes) Object.assign(largestEvent, { bytes, where });
      for (const p of payloadsIn(event)) {
        const size = sizeOf(p);
        if (size > largestPayload.bytes) Object.assign(largestPayload, { bytes: size, where });
      }
    }
  }
  return { runs: runIds.length, historyEvents, historyBytes, largestPayload, largestEvent, largestPage };
}

/** A run's events, in small pages (so that measuring never needs a message as large as what it measures). */
async function* historyOf(
  client: Client,
  workflowId: string,
  runId: string,
): AsyncGenerator<temporal.api.history.v1.IHistoryEvent> {
  let nextPageToken: Uint8Array | undefined;
  do {
    const res = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: 100,
      nextPageToken,
    });
    yield* res.history?.events ?? [];
    nextPageToken = res.nextPageToken?.length ? res.nextPageToken : undefined;
  } while (nextPageToken);
}

function eventType(event: temporal.api.history.v1.IHistoryEvent): string {
  const name = temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown';
  return name.replace(/^EVENT_TYPE_/, '').toLowerCase();
}

/** The figures as an operator reads them. */
export function describeFigures(f: ScaleFigures): string[] {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return [
    `campaign of ${f.agencies} agencies (by reference):`,
    `  fan-out, every obligation running and visible: ${f.fanOutSeconds.toFixed(1)} s (${(f.agencies / f.fanOutSeconds).toFixed(0)} obligations/s)`,
    ...(f.amendment
      ? [
          `  status, ${f.statusPages} page(s) of at most 1,000: ${f.statusRows} agencies in ${f.statusSeconds.toFixed(1)} s`,
          `  report: ${f.reportRows} rows in ${f.reportSeconds.toFixed(1)} s`,
          `  bulk amendment (extend identify by 7 days, every agency): ${JSON.stringify(f.amendment.outcomes)} in ${f.amendSeconds.toFixed(1)} s`,
        ]
      : ['  (fan-out only)']),
    `  campaign history: ${f.runs} runs, ${f.historyEvents} events, ${kib(f.historyBytes)}`,
    `  largest payload: ${kib(f.largestPayload.bytes)} (limit ${kib(PAYLOAD_LIMIT)}), ${f.largestPayload.where}`,
    `  largest history event: ${kib(f.largestEvent.bytes)} (gRPC message limit ${kib(MESSAGE_LIMIT)}), ${f.largestEvent.where}`,
    `  largest history page (${HISTORY_PAGE} events): ${kib(f.largestPage.bytes)} (gRPC message limit ${kib(MESSAGE_LIMIT)}), ${f.largestPage.where}`,
    `  campaignStatus answer: ${kib(f.queryAnswerBytes)}; amendDirective answer: ${kib(f.updateAnswerBytes)}`,
  ];
}

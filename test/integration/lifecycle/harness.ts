import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createDirectoryRecordStore } from '../../../record';
import { createActivities, type ActivityDeps } from '../../../activities';
import { createMailer, type Mailer } from '../../../activities/mail/mailer';
import type { Agency } from '../../../domain/agency';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import { DAY_MS, type ObligationStatus } from '../../../domain/obligation';
import { agencyObligation } from '../../../workflows';
import { workflowsPath } from '../../../worker/worker';
import { createTimeSkippingEnv } from '../harness/servers';
import { cli, type CliResult } from '../cli/harness';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../harness/smtp-sink';

export const DOJ: Agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'officer@doj.example.gov', cio: 'cio@doj.example.gov', head: 'ag@doj.example.gov' },
};
export const BOD_17_01 = findDirective('BOD-17-01')!;
export { DAY_MS };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds: once per test file. */
function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  return bundle;
}

/** A time-skipping server, a real SMTP server and a worker wired to both: the lifecycle suites' world. */
export interface Lifecycle {
  env: TestWorkflowEnvironment;
  smtp: SmtpSink;
  mailer: Mailer;
  taskQueue: string;
  /** Runs `fn` while a worker polls; the worker stops when `fn` settles. */
  withWorker<T>(fn: () => Promise<T>, deps?: Partial<ActivityDeps>): Promise<T>;
  close(): Promise<void>;
}

export async function startLifecycle(): Promise<Lifecycle> {
  const env = await createTimeSkippingEnv();
  const smtp = await startSmtpSink({ clock: () => env.currentTimeMs() });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifecycle-'));
  const mailer = createMailer({
    smtpUrl: smtp.url,
    outboxDir: path.join(dir, 'outbox'),
    ledgerDir: path.join(dir, 'ledger'),
    from: 'directives@cisa.example.gov',
  });
  const record = createDirectoryRecordStore(path.join(dir, 'record'));
  let queue = 0;
  const taskQueue = `obligations-${process.pid}`;
  return {
    env,
    smtp,
    mailer,
    taskQueue,
    async withWorker(fn, deps = {}) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: `${taskQueue}`,
        workflowBundle: await workflowBundle(),
        // Every scenario's obligations keep a compliance record, as in production; a test may pass its own store.
        activities: createActivities({ mailer, record, client: env.client, ...deps }),
        identity: `lifecycle-worker-${++queue}`,
      });
      return worker.runUntil(fn());
    },
    async close() {
      mailer.close();
      await smtp.close();
      await env.teardown();
    },
  };
}

/**
 * A test file's world, started in `beforeAll` and closed in `afterAll` (with `alongside`, e.g. a shared worker,
 * started after it and stopped before it). Returned at once, so files write `const world = useLifecycle()`.
 */
export function useLifecycle(alongside?: (world: Lifecycle) => Promise<() => Promise<void>>): Lifecycle {
  let real: Lifecycle | undefined;
  let stopAlongside: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    real = await startLifecycle();
    stopAlongside = await alongside?.(real);
  });
  afterAll(async () => {
    await stopAlongside?.();
    await real?.close();
  });
  const get = (): Lifecycle => {
    if (!real) throw new Error('the lifecycle world starts in beforeAll');
    return real;
  };
  return {
    get env() {
      return get().env;
    },
    get smtp() {
      return get().smtp;
    },
    get mailer() {
      return get().mailer;
    },
    get taskQueue() {
      return get().taskQueue;
    },
    withWorker: (fn, deps) => get().withWorker(fn, deps),
    close: () => get().close(),
  };
}

/** Starts a BOD 17-01 obligation for DOJ issued at the server's current (simulated) time. */
export async function startObligation(
  world: Lifecycle,
  opts: { workflowId?: string; agency?: Agency } = {},
): Promise<{ handle: WorkflowHandle<typeof agencyObligation>; issuedAt: number }> {
  const issuedAt = await world.env.currentTimeMs();
  const agency = opts.agency ?? DOJ;
  const schedule = computeSchedule(BOD_17_01, new Date(issuedAt).toISOString());
  const handle = await world.env.client.workflow.start(agencyObligation, {
    taskQueue: world.taskQueue,
    workflowId: opts.workflowId ?? `BOD-17-01/${agency.id}-${issuedAt}`,
    args: [{ definition: BOD_17_01, agency, schedule }],
  });
  return { handle, issuedAt };
}

/** Skips simulated time until `day` days after issuance. */
export async function advanceTo(world: Lifecycle, issuedAt: number, day: number): Promise<void> {
  const now = await world.env.currentTimeMs();
  const target = issuedAt + day * DAY_MS;
  if (target > now) await world.env.sleep(target - now);
}

export interface SentNotice {
  kind: string;
  milestone: string;
  to: string[];
  day: number;
  key: string;
}

/** What reached the SMTP server, by notice kind and simulated day after issuance. */
export function sentSince(smtp: SmtpSink, issuedAt: number, agencyId = 'DOJ'): SentNotice[] {
  return smtp.received
    .map((r: ReceivedMail) => {
      const key = String(r.mail.headers.get('x-directive-notice') ?? '');
      const [, agency, milestone, kind] = key.split('/');
      return {
        key,
        agency,
        kind: kind ?? '',
        milestone: milestone ?? '',
        to: r.rcptTo,
        day: Math.floor(((r.receivedAt ?? 0) - issuedAt) / DAY_MS),
      };
    })
    .filter((n) => n.agency === agencyId)
    .map(({ agency: _agency, ...n }) => n);
}

export async function status(handle: WorkflowHandle): Promise<ObligationStatus> {
  return handle.query<ObligationStatus>('status');
}

/**
 * The `directive` CLI, in-process, against this world's time-skipping server and task queue: scenarios that a user
 * drives from the command line. Simulated time moves only through `advanceTo` / `world.env.sleep`.
 */
export function cliFor(world: Lifecycle): (argv: string[]) => Promise<CliResult> {
  return (argv) =>
    cli(argv, {
      TEMPORAL_ADDRESS: world.env.address,
      TEMPORAL_NAMESPACE: world.env.namespace ?? 'default',
      DIRECTIVES_TASK_QUEUE: world.taskQueue,
    });
}

import '../harness/quiet-runtime';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Agency } from '../../../domain/agency';
import { findDirective } from '../../../domain/library';
import { runCliCaptured, type CliResult } from '../../../client/cli/program';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { devServerAddress } from '../harness/servers';

export type { CliResult };

/** Runs the CLI in-process with captured output and the given environment. */
export const cli = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => runCliCaptured(argv, env);

export const tmpDir = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), prefix));

/** BOD 17-01 under a fresh id, so test files never collide in the shared dev server. */
export function uniqueDirectiveFile(dir: string, tag: string): { id: string; file: string } {
  const id = `BOD-17-01-${tag}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const file = path.join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify({ ...findDirective('BOD-17-01')!, id }, null, 2));
  return { id, file };
}

export function agency(id: string): Agency {
  const d = id.toLowerCase();
  return {
    id,
    name: `Agency ${id}`,
    contacts: {
      complianceOfficer: `compliance@${d}.example.gov`,
      cio: `cio@${d}.example.gov`,
      head: `head@${d}.example.gov`,
    },
  };
}

/** A real worker on the dev server, polling its own task queue, mail going to a temp outbox. */
export async function startDevWorker(taskQueue: string): Promise<{ env: NodeJS.ProcessEnv; stop(): Promise<void> }> {
  const dir = tmpDir('cli-worker-');
  const config = loadWorkerConfig({
    TEMPORAL_ADDRESS: devServerAddress(),
    DIRECTIVES_TASK_QUEUE: taskQueue,
    MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
    MAIL_LEDGER_DIR: path.join(dir, 'ledger'),
    RECORD_DIR: path.join(dir, 'record'),
  });
  const connection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, connection);
  const running = worker.run();
  return {
    env: { TEMPORAL_ADDRESS: devServerAddress(), DIRECTIVES_TASK_QUEUE: taskQueue },
    async stop() {
      worker.shutdown();
      await running;
      close();
      await connection.close();
    },
  };
}

/** Polls until `check` passes (visibility and child starts are eventually consistent). */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

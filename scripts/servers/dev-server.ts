import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { searchAttributeKeys } from '../../workflows/search-attributes';
import { isPortFree, waitForPort, type Log } from './process';

export interface DevServerOptions {
  cliPath: string;
  host?: string;
  port: number;
  namespace?: string;
  /** Web UI port; omit for a headless server. */
  uiPort?: number;
  /** SQLite file; omit for an in-memory server. */
  dbFile?: string;
  log?: Log;
  startTimeoutMs?: number;
}

export interface RunningDevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly purpose: string,
    readonly hint: string,
  ) {
    super(`Port ${port} (${purpose}) is already in use. ${hint}`);
    this.name = 'PortInUseError';
  }
}

/** Registers the engine's search attributes at start-up, so saved views work from the first workflow on. */
export function searchAttributeArgs(): string[] {
  return searchAttributeKeys.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`,
  ]);
}

/** Starts `temporal server start-dev` and resolves once its namespace answers. */
export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  const host = opts.host ?? '127.0.0.1';
  const namespace = opts.namespace ?? 'default';
  const log = opts.log ?? (() => undefined);
  if (!(await isPortFree(opts.port, host))) {
    throw new PortInUseError(
      opts.port,
      'Temporal frontend',
      'Stop the other Temporal server, or set TEMPORAL_ADDRESS to a free port, e.g. TEMPORAL_ADDRESS=127.0.0.1:7234.',
    );
  }
  if (opts.uiPort !== undefined && !(await isPortFree(opts.uiPort, host))) {
    throw new PortInUseError(
      opts.uiPort,
      'Temporal Web UI',
      'Stop whatever serves it, or pass another UI port (npm start -- --ui-port 8234).',
    );
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(opts.port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...searchAttributeArgs(),
  ];
  if (opts.uiPort !== undefined) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });

  const stop = (): Promise<void> => stopProcess(child);
  const address = `${host}:${opts.port}`;
  try {
    const timeout = opts.startTimeoutMs ?? 90_000;
    if (!(await waitForPort(opts.port, timeout, host)) || exited !== undefined) {
      throw new Error(`the dev server did not listen on ${address} within ${timeout / 1000} s`);
    }
    await waitForNamespace(address, namespace, timeout);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- temporal server output ---\n${output.join('').slice(-4000)}`, {
      cause: err,
    });
  }
  log(`Temporal dev server on ${address}${opts.dbFile ? ` (SQLite ${opts.dbFile})` : ''}`);
  return {
    address,
    namespace,
    uiUrl: opts.uiPort !== undefined ? `http://${host === '0.0.0.0' ? 'localhost' : host}:${opts.uiPort}` : undefined,
    process: child,
    stop,
  };
}

async function waitForNamespace(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const connection = await Connection.connect({ address });
  try {
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`namespace ${namespace} did not come up: ${(err as Error).message}`, { cause: err });
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}

/** SIGTERM first so SQLite is closed cleanly; SIGKILL if it lingers. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The processes a drill kills: the worker (`worker/main.ts`, exactly what `npm run worker` runs, as its own process)
 * and the dev server (`temporal server start-dev` on a SQLite file). `kill -9` is SIGKILL sent to the process itself,
 * so nothing gets to flush, close or say goodbye.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startDevServer, type RunningDevServer } from '../scripts/servers/dev-server';

const ROOT = path.resolve(__dirname, '..');

export interface WorkerProcess {
  readonly pid: number;
  /** SIGKILL, then waits until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (the worker drains), SIGKILL after the grace period. */
  stop(): Promise<void>;
  /** The last lines the worker wrote, for a drill's failure message. */
  tail(): string;
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function kill9(child: ChildProcess): Promise<void> {
  const exited = waitForExit(child);
  child.kill('SIGKILL');
  await exited;
}

/**
 * Starts `worker/main.ts` under ts-node (no npm wrapper between, so the pid is the worker's) and resolves once it
 * polls. `env` is the worker's whole configuration on top of this process's environment.
 */
export async function startWorkerProcess(
  env: NodeJS.ProcessEnv,
  startTimeoutMs = 180_000,
  /** Another worker that prints the same line once it polls (bench/baseline/main.ts). */
  script = 'worker/main.ts',
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, script)],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 12) lines.splice(0, lines.length - 12);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const tail = (): string => lines.join('\n');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker did not poll within ${startTimeoutMs} ms\n${tail()}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      if (!chunk.toString().includes('Worker polling')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve();
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited at start (${code ?? signal})\n${tail()}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    kill9: () => kill9(child),
    async stop() {
      const exited = waitForExit(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    tail,
  };
}

/** A dev server on a fixed port and SQLite file, so a restart is the same server with the same data. */
export interface DrillServer {
  readonly address: string;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDrillServer(opts: { cliPath: string; port: number; dbFile: string }): Promise<DrillServer> {
  let running: RunningDevServer = await startDevServer(opts);
  return {
    address: running.address,
    kill9: () => kill9(running.process),
    async restart() {
      running = await startDevServer(opts);
    },
    stop: () => running.stop(),
  };
}

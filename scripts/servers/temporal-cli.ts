import path from 'node:path';
import { cacheDir } from './cache';
import { trySdkDownload } from './sdk-download';
import { ServerUnavailableError } from './obtain-error';
import { isExecutable, onPath, runWithProgress, works, type Log } from './process';

/** Newest CLI that `go install` accepts: later releases carry a `replace` directive in go.mod. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go install' | 'SDK download';
export interface ResolvedCli {
  path: string;
  source: CliSource;
}

export interface ObtainOptions {
  log?: Log;
  env?: NodeJS.ProcessEnv;
}

/**
 * Finds or builds the Temporal CLI (dev server + Web UI), cheapest way first:
 * TEMPORAL_CLI_PATH, `temporal` on PATH, the per-user cache, a Go build from the module proxy, the SDK's download.
 */
export async function obtainTemporalCli(opts: ObtainOptions = {}): Promise<ResolvedCli> {
  const log = opts.log ?? (() => undefined);
  const env = opts.env ?? process.env;
  const attempts: string[] = [];

  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'TEMPORAL_CLI_PATH' };
    throw new ServerUnavailableError(
      'the Temporal CLI',
      [`TEMPORAL_CLI_PATH=${explicit}: not an executable file`],
      'Fix or unset TEMPORAL_CLI_PATH.',
    );
  }
  attempts.push('TEMPORAL_CLI_PATH: not set');

  const fromPath = onPath('temporal', env);
  if (fromPath && works(fromPath, ['--version'])) return { path: fromPath, source: 'PATH' };
  attempts.push(fromPath ? `${fromPath}: does not run` : '`temporal` on PATH: not found');

  const cached = cachedCliPath(env);
  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  attempts.push(`cache ${cached}: empty`);

  const go = onPath('go', env);
  if (go) {
    try {
      await goInstall(go, path.dirname(cached), env, log);
      if (isExecutable(cached)) return { path: cached, source: 'go install' };
      attempts.push(`go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}: finished but left no binary at ${cached}`);
    } catch (err) {
      attempts.push(
        `go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`,
      );
    }
  } else {
    attempts.push('go: not on PATH');
  }

  const downloaded = await trySdkDownload('dev-server', env, log, attempts);
  if (downloaded) return { path: downloaded, source: 'SDK download' };

  throw new ServerUnavailableError(
    'the Temporal CLI',
    attempts,
    `Install Go 1.22+ (the build fetches modules from the Go module proxy), or put a \`temporal\` binary on PATH, or set TEMPORAL_CLI_PATH.`,
  );
}

export function cachedCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env, `temporal-cli-${TEMPORAL_CLI_VERSION}`), 'temporal');
}

async function goInstall(go: string, gobin: string, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${gobin}.`);
  log('This happens once per machine and takes a few minutes (several hundred modules); later runs reuse it.');
  await runWithProgress(go, ['install', `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...env, GOBIN: gobin, GOFLAGS: '' },
    log,
    label: 'go install temporal',
  });
}

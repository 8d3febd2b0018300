import { chmodSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './cache';
import { trySdkDownload } from './sdk-download';
import { ServerUnavailableError } from './obtain-error';
import { isExecutable, onPath, runWithProgress, type Log } from './process';

/** The Java time-skipping test server, from Maven Central. */
export const TEST_SERVER_VERSION = '1.38.0';
const ARTIFACT = `io.temporal:temporal-test-server:${TEST_SERVER_VERSION}`;

export interface ResolvedTestServer {
  path: string;
  source: 'TEMPORAL_TEST_SERVER_PATH' | 'cache' | 'maven' | 'SDK download';
}

/**
 * Finds or fetches the time-skipping test server and returns an executable the SDK's `existing-path` option accepts
 * (it runs `<path> <port>`): TEMPORAL_TEST_SERVER_PATH, the per-user cache, Maven, the SDK's download.
 */
export async function obtainTestServer(opts: { log?: Log; env?: NodeJS.ProcessEnv } = {}): Promise<ResolvedTestServer> {
  const log = opts.log ?? (() => undefined);
  const env = opts.env ?? process.env;
  const attempts: string[] = [];

  const explicit = env.TEMPORAL_TEST_SERVER_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'TEMPORAL_TEST_SERVER_PATH' };
    throw new ServerUnavailableError(
      'the Temporal test server',
      [`TEMPORAL_TEST_SERVER_PATH=${explicit}: not an executable file`],
      'Fix or unset TEMPORAL_TEST_SERVER_PATH.',
    );
  }
  attempts.push('TEMPORAL_TEST_SERVER_PATH: not set');

  const home = cacheDir(env, `temporal-test-server-${TEST_SERVER_VERSION}`);
  const wrapper = path.join(home, 'temporal-test-server');
  if (isExecutable(wrapper)) return { path: wrapper, source: 'cache' };
  attempts.push(`cache ${wrapper}: empty`);

  const java = javaExecutable(env);
  const mvn = onPath('mvn', env);
  if (java && mvn) {
    try {
      await fetchWithMaven(mvn, home, env, log);
      writeWrapper(wrapper, java, path.join(home, 'lib'));
      return { path: wrapper, source: 'maven' };
    } catch (err) {
      attempts.push(
        `mvn dependency:copy-dependencies ${ARTIFACT}: ${(err as Error).message.split('\n').slice(0, 6).join(' | ')}`,
      );
    }
  } else {
    attempts.push(`Maven: ${java ? '' : 'java not found (JAVA_HOME or PATH); '}${mvn ? '' : 'mvn not on PATH'}`);
  }

  const downloaded = await trySdkDownload('time-skipping', env, log, attempts);
  if (downloaded) return { path: downloaded, source: 'SDK download' };

  throw new ServerUnavailableError(
    'the Temporal test server',
    attempts,
    'Install a Java 17+ JDK and Maven (the artifact comes from Maven Central), or set TEMPORAL_TEST_SERVER_PATH.',
  );
}

function javaExecutable(env: NodeJS.ProcessEnv): string | undefined {
  const fromHome = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined;
  if (fromHome && isExecutable(fromHome)) return fromHome;
  return onPath('java', env);
}

/** Copies the artifact and its runtime dependencies into `<home>/lib`, atomically so a failed run leaves nothing. */
async function fetchWithMaven(mvn: string, home: string, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'directive-engine-mvn-'));
  try {
    writeFileSync(
      path.join(work, 'pom.xml'),
      `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.directive-engine</groupId><artifactId>test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`,
    );
    log(`Fetching ${ARTIFACT} and its dependencies from Maven Central into ${home}.`);
    const staging = path.join(work, 'lib');
    await runWithProgress(
      mvn,
      [
        '-B',
        '-q',
        '-Dstyle.color=never',
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${staging}`,
      ],
      {
        cwd: work,
        env,
        log,
        label: 'mvn dependency:copy-dependencies',
      },
    );
    if (!readdirSync(staging).some((f) => f.startsWith('temporal-test-server')))
      throw new Error('Maven finished without the test server jar');
    rmSync(path.join(home, 'lib'), { recursive: true, force: true });
    renameSync(staging, path.join(home, 'lib'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeWrapper(wrapper: string, java: string, lib: string): void {
  // Quick-start JVM flags: a test run starts several servers on two cores, and the SDK waits only seconds for each.
  const script = `#!/bin/sh
# Temporal time-skipping test server ${TEST_SERVER_VERSION}, fetched from Maven Central by directive-engine.
# Usage: temporal-test-server <port> [--enable-time-skipping]; with only a port, time skipping is on.
if [ "$#" -eq 1 ]; then set -- "$1" --enable-time-skipping; fi
# The server's own chatter (SLF4J notices, gRPC traces) goes to a log file rather than into test output.
exec "${java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "${lib}/*" io.temporal.testserver.TestServer "$@" \
  >>"\${TEMPORAL_TEST_SERVER_LOG:-${path.dirname(lib)}/server.log}" 2>&1
`;
  const tmp = `${wrapper}.tmp`;
  writeFileSync(tmp, script);
  chmodSync(tmp, 0o755);
  renameSync(tmp, wrapper);
}

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { cacheDir } from './cache';
import { sdkDownloadReachable } from './internet';
import { isExecutable, type Log } from './process';

const servers = {
  'dev-server': {
    label: 'the Temporal CLI',
    start: (downloadDir: string) =>
      TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'cached-download', downloadDir } } }),
    isBinary: (file: string) => file.startsWith('temporal') && !file.includes('test-server'),
  },
  'time-skipping': {
    label: 'the Temporal test server',
    start: (downloadDir: string) =>
      TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'cached-download', downloadDir } } }),
    isBinary: (file: string) => file.includes('test-server'),
  },
};

/**
 * The last resort, only where the internet is reachable: let the SDK fetch its pinned binary into our cache (it
 * starts and stops a server to do so), then use that file. Records why it did not work in `attempts`.
 */
export async function trySdkDownload(
  kind: keyof typeof servers,
  env: NodeJS.ProcessEnv,
  log: Log,
  attempts: string[],
): Promise<string | undefined> {
  if (!(await sdkDownloadReachable(env))) {
    attempts.push('SDK download: no internet (download host does not resolve)');
    return undefined;
  }
  const server = servers[kind];
  const dir = cacheDir(env, 'sdk-download');
  try {
    log(`Downloading ${server.label} through the SDK into ${dir}.`);
    await (await server.start(dir)).teardown();
    const found = readdirSync(dir).find(
      (f) => server.isBinary(f) && !f.endsWith('.tmp') && isExecutable(path.join(dir, f)),
    );
    if (!found) throw new Error(`the SDK started a server but left no binary in ${dir}`);
    return path.join(dir, found);
  } catch (err) {
    attempts.push(`SDK download: ${(err as Error).message}`);
    return undefined;
  }
}

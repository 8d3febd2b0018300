import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The per-user cache for the server binaries. It lives outside the repository so that fresh clones, CI runs and
 * later sessions on the same machine reuse a `temporal` build that took minutes.
 */
export function cacheDir(env: NodeJS.ProcessEnv, ...parts: string[]): string {
  const root =
    env.DIRECTIVE_ENGINE_CACHE ??
    path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'directive-engine');
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

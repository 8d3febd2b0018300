/**
 * The outbox as a recipient would find it: one `.eml` file per email, read from disk (never from the worker's logs).
 * A watcher also counts how often each file was written, since a retried write replaces a file under the same name
 * and would not show in a listing.
 */
import { watch, mkdirSync, promises as fs, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { headerOf } from './smtp-server';

/** The Message-ID of every `.eml` file in the folder, one entry per file. */
export async function outboxMessageIds(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml'));
  const ids: string[] = [];
  for (const name of names) {
    const raw = await fs.readFile(path.join(dir, name), 'utf8');
    ids.push(headerOf(raw, 'Message-ID').replace(/\s+/g, ''));
  }
  return ids;
}

export async function outboxCount(dir: string): Promise<number> {
  return (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).length;
}

export interface OutboxWatch {
  /** Files written more than once (the same name renamed into place again), and how many extra writes in all. */
  rewrites(): { files: number; writes: number };
  close(): void;
}

/** inotify on the outbox: each atomic write ends with a rename onto `<stem>.eml`. */
export function watchOutbox(dir: string): OutboxWatch {
  mkdirSync(dir, { recursive: true });
  const writes = new Map<string, number>();
  const watcher: FSWatcher = watch(dir, (event, name) => {
    if (event === 'rename' && name?.endsWith('.eml')) writes.set(name, (writes.get(name) ?? 0) + 1);
  });
  return {
    rewrites() {
      const again = [...writes.values()].filter((n) => n > 1);
      return { files: again.length, writes: again.reduce((s, n) => s + n - 1, 0) };
    },
    close: () => watcher.close(),
  };
}

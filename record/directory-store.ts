/**
 * The record as a directory of JSON Lines files, one per obligation (`BOD-17-01/DOJ.jsonl` under RECORD_DIR): for
 * `npm start` and a single worker host. Each append writes whole lines and flushes them to disk before it returns;
 * a line torn by a crash (no final newline) was never acknowledged and is cut off before the next append.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createKeyLock } from '../activities/key-lock';
import type { ChainHead } from './chain';
import type { RecordEntry } from './entry';
import { batchObligation, entriesToAppend, headAfter, type RecordStore } from './store';

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** `BOD-17-01/DOJ` → `<dir>/BOD-17-01/DOJ.jsonl`; an id that is no safe path is refused. */
export function chainFile(dir: string, obligationId: string): string {
  const segments = obligationId.split('/');
  if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..'))
    throw new Error(`obligation id ${JSON.stringify(obligationId)} is not a record name`);
  return `${path.join(dir, ...segments)}.jsonl`;
}

/** The entries of a JSON Lines chain, with the length of the text they fill (a torn last line excluded). */
export function parseChain(text: string, source: string): { entries: RecordEntry[]; length: number } {
  const end = text.lastIndexOf('\n') + 1;
  const entries = text
    .slice(0, end)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as RecordEntry;
      } catch {
        throw new Error(`${source}: line ${i + 1} is not JSON`);
      }
    });
  return { entries, length: Buffer.byteLength(text.slice(0, end)) };
}

export function createDirectoryRecordStore(dir: string): RecordStore {
  const exclusive = createKeyLock();

  async function read(file: string): Promise<{ entries: RecordEntry[]; length: number; size: number }> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], length: 0, size: 0 };
      throw err;
    }
    return { ...parseChain(text, file), size: Buffer.byteLength(text) };
  }

  const headOf = (entries: RecordEntry[]): ChainHead | undefined => {
    const last = entries[entries.length - 1];
    return last && { seq: last.seq, hash: last.hash };
  };

  async function walk(folder: string): Promise<string[]> {
    let names;
    try {
      names = await fs.readdir(folder, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const found: string[] = [];
    for (const n of names) {
      const full = path.join(folder, n.name);
      if (n.isDirectory()) found.push(...(await walk(full)));
      else if (n.name.endsWith('.jsonl')) found.push(full);
    }
    return found;
  }

  return {
    description: `directory ${dir}`,
    append(batch) {
      const obligationId = batchObligation(batch);
      const file = chainFile(dir, obligationId);
      return exclusive(file, async () => {
        const { entries, length, size } = await read(file);
        const head = headOf(entries);
        const fresh = entriesToAppend(head, new Map(entries.map((e) => [e.seq, e])), batch);
        if (fresh.length > 0) {
          await fs.mkdir(path.dirname(file), { recursive: true });
          const handle = await fs.open(file, 'a+');
          try {
            if (size > length) await handle.truncate(length);
            await handle.appendFile(fresh.map((e) => `${JSON.stringify(e)}\n`).join(''));
            await handle.sync();
          } finally {
            await handle.close();
          }
        }
        return { appended: fresh.length, head: headAfter(head, fresh) };
      });
    },
    async entries(obligationId) {
      return (await read(chainFile(dir, obligationId))).entries;
    },
    async head(obligationId) {
      return headOf((await read(chainFile(dir, obligationId))).entries);
    },
    async obligations({ directiveId, agencyId }) {
      const ids: string[] = [];
      for (const file of await walk(dir)) {
        const first = (await read(file)).entries[0];
        if (first && first.directiveId === directiveId && (agencyId === undefined || first.agencyId === agencyId))
          ids.push(first.obligationId);
      }
      return ids.sort();
    },
    async close() {},
  };
}

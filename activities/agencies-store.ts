/**
 * The agencies of a campaign, stored once by content and read in pages: a campaign carries only the file's SHA-256 and
 * its count, so no workflow payload grows with the number of agencies. The client writes `<sha256>.jsonl` (one
 * validated agency per line) into AGENCIES_STORE_DIR; workers read it there. The file never changes (its name is its
 * content's hash), so on several hosts any shared or synchronised directory will do, and a copy that does not match
 * its name is refused rather than read.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, definedEnv } from '../client/config';
import { Agency } from '../domain/agency';
import type { AgenciesRef } from '../domain/campaign';
import { describeIssues } from '../domain/zod-issues';
import { writeFileAtomic } from './mail/atomic-file';

export const AgenciesStoreEnv = z.object({
  AGENCIES_STORE_DIR: z.string().min(1).default('.data/agencies'),
});

/** AGENCIES_STORE_DIR, resolved against the working directory; a bad value names the variable. */
export function agenciesStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = AgenciesStoreEnv.safeParse(definedEnv(env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, '(environment)'));
  return path.resolve(parsed.data.AGENCIES_STORE_DIR);
}

/** A stored agencies file that is missing, or does not match its name. */
export class AgenciesStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgenciesStoreError';
  }
}

const fileOf = (dir: string, sha256: string): string => path.join(dir, `${sha256}.jsonl`);

/** One agency per line, fields in a fixed order: the same list always has the same bytes, hence the same name. */
function canonical(agencies: readonly Agency[]): string {
  return agencies
    .map((a) =>
      JSON.stringify({
        id: a.id,
        name: a.name,
        contacts: { complianceOfficer: a.contacts.complianceOfficer, cio: a.contacts.cio, head: a.contacts.head },
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Stores the (validated) agencies under their SHA-256, once; returns the reference a campaign carries. */
export async function storeAgencies(dir: string, agencies: readonly Agency[]): Promise<AgenciesRef> {
  const text = canonical(agencies);
  const sha256 = sha256Of(text);
  const file = fileOf(dir, sha256);
  if (!existsSync(file)) await writeFileAtomic(file, text);
  return { sha256, count: agencies.length };
}

/** Reads and checks a stored file: its hash must be its name and every line a valid agency. */
export async function loadStoredAgencies(dir: string, sha256: string): Promise<Agency[]> {
  const file = fileOf(dir, sha256);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new AgenciesStoreError(
      `agencies ${sha256} not found in AGENCIES_STORE_DIR (${dir}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  if (sha256Of(text) !== sha256)
    throw new AgenciesStoreError(`${file} does not match its name: its SHA-256 is ${sha256Of(text)}`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      const parsed = Agency.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new AgenciesStoreError(`${file}: line ${i + 1}: ${describeIssues(parsed.error.issues).join('; ')}`);
      return parsed.data;
    });
}

/**
 * Stored files by hash, kept parsed: a fan-out reads the same file page after page. A few at most (each campaign has
 * one), the least recently used dropped first.
 */
export function agenciesCache(dir: string, keep = 4): (sha256: string) => Promise<Agency[]> {
  const cache = new Map<string, Promise<Agency[]>>();
  return (sha256) => {
    let loaded = cache.get(sha256);
    if (loaded) cache.delete(sha256);
    else loaded = loadStoredAgencies(dir, sha256);
    cache.set(sha256, loaded);
    loaded.catch(() => cache.delete(sha256));
    while (cache.size > keep) cache.delete(cache.keys().next().value!);
    return loaded;
  };
}

/**
 * `directive audit verify`: checks an export with nothing but its own files. The signature over the manifest, every
 * file's SHA-256 against the manifest, every chain recomputed from its first entry, the manifest's counts and head
 * hashes, and the previous export's heads still in the chains. Each problem names its file and, for an entry, its line
 * and seq.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeIssues } from '../domain/zod-issues';
import { checkChain } from './chain';
import { parseChain } from './directory-store';
import type { RecordEntry } from './entry';
import { RecordEntrySchema } from './entry-schema';
import { evidenceNamed } from './export';
import { MANIFEST_FILE, Manifest, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './manifest';
import { fingerprintOf, publicKeyFrom, verifyDetached } from './signing';

export interface VerifyReport {
  /** Empty when the export holds. */
  problems: string[];
  /** What was checked, for the user. */
  notes: string[];
  manifest?: Manifest;
  /** The chains as read (for --against-temporal), by obligation id. */
  chains: Map<string, RecordEntry[]>;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A path from the manifest, kept inside the export's folder. */
function inside(dir: string, relative: string): string | undefined {
  const full = path.resolve(dir, relative);
  return full.startsWith(path.resolve(dir) + path.sep) ? full : undefined;
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function verifyExport(dir: string, opts: { pinnedKey?: KeyObject } = {}): Promise<VerifyReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const chains = new Map<string, RecordEntry[]>();
  const manifestBytes = await readOptional(path.join(dir, MANIFEST_FILE));
  if (!manifestBytes) return { problems: [`${MANIFEST_FILE}: missing (is ${dir} an export?)`], notes, chains };

  checkSignature(dir, manifestBytes, await readOptional(path.join(dir, SIGNATURE_FILE)), opts, problems, notes);
  const manifest = parseManifest(manifestBytes, problems);
  if (!manifest) return { problems, notes, chains };

  for (const c of manifest.chains) {
    const file = inside(dir, c.file);
    const bytes = file && (await readOptional(file));
    if (!bytes) {
      problems.push(`${c.file}: missing (the chain of ${c.obligationId})`);
      continue;
    }
    if (sha256(bytes) !== c.sha256)
      problems.push(`${c.file}: SHA-256 differs from the manifest's (the file was changed)`);
    const entries = readEntries(c.file, bytes.toString('utf8'), problems);
    if (!entries) continue;
    chains.set(c.obligationId, entries);
    const fault = checkChain(entries, c.obligationId);
    if (fault)
      problems.push(
        `${c.file} line ${fault.line}${fault.seq === undefined ? '' : ` (seq ${fault.seq})`}: ${fault.problem}`,
      );
    const last = entries[entries.length - 1];
    if (entries.length !== c.count) problems.push(`${c.file}: ${entries.length} entries, the manifest says ${c.count}`);
    if (last && last.hash !== c.headHash)
      problems.push(`${c.file}: head hash ${last.hash} (seq ${last.seq}) is not the manifest's ${c.headHash}`);
    const before = manifest.previous?.heads[c.obligationId];
    if (before && entries[before.seq]?.hash !== before.hash)
      problems.push(
        `${c.file} line ${before.seq + 1} (seq ${before.seq}): not the entry the previous export ended with (${before.hash})`,
      );
  }
  for (const id of Object.keys(manifest.previous?.heads ?? {}))
    if (
      !manifest.chains.some((c) => c.obligationId === id) &&
      (!manifest.agencyId || id.endsWith(`/${manifest.agencyId}`))
    )
      problems.push(`${MANIFEST_FILE}: the previous export's chain of ${id} is missing from this one`);

  await checkEvidence(dir, manifest, chains, problems, notes);
  notes.push(
    `${manifest.counts.obligations} chain(s), ${manifest.counts.entries} entries, ${manifest.counts.evidenceFiles} evidence file(s)`,
  );
  return { problems, notes, manifest, chains };
}

function checkSignature(
  dir: string,
  manifestBytes: Buffer,
  signature: Buffer | undefined,
  opts: { pinnedKey?: KeyObject },
  problems: string[],
  notes: string[],
): void {
  if (!signature) {
    problems.push(`${SIGNATURE_FILE}: missing (the manifest is not signed)`);
    return;
  }
  let key = opts.pinnedKey;
  if (!key) {
    try {
      key = publicKeyFrom(readFileSync(path.join(dir, PUBLIC_KEY_FILE), 'utf8'), PUBLIC_KEY_FILE);
    } catch (err) {
      problems.push(`${PUBLIC_KEY_FILE}: ${(err as Error).message}`);
      return;
    }
  }
  if (!verifyDetached(key, manifestBytes, signature.toString('utf8')))
    problems.push(
      `${MANIFEST_FILE}: the signature does not verify with key ${fingerprintOf(key)} (the manifest was changed after signing, or another key signed it)`,
    );
  else
    notes.push(
      `signature verified with key ${fingerprintOf(key)}${opts.pinnedKey ? ' (the key you gave)' : ` (the export's own ${PUBLIC_KEY_FILE}: give --key to require yours)`}`,
    );
}

function parseManifest(bytes: Buffer, problems: string[]): Manifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push(`${MANIFEST_FILE}: not JSON`);
    return undefined;
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    problems.push(...describeIssues(parsed.error.issues, '(manifest)').map((p) => `${MANIFEST_FILE}: ${p}`));
    return undefined;
  }
  return parsed.data;
}

function readEntries(file: string, text: string, problems: string[]): RecordEntry[] | undefined {
  let lines: unknown[];
  try {
    lines = parseChain(text, file).entries;
  } catch (err) {
    problems.push((err as Error).message);
    return undefined;
  }
  if (!text.endsWith('\n') && text.length > 0) problems.push(`${file}: the last line is cut short`);
  const entries: RecordEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = RecordEntrySchema.safeParse(line);
    if (!parsed.success) {
      const seq = (line as { seq?: unknown } | null)?.seq;
      problems.push(
        `${file} line ${i + 1}${typeof seq === 'number' ? ` (seq ${seq})` : ''}: ${describeIssues(parsed.error.issues, '(entry)').join('; ')}`,
      );
      return undefined;
    }
    entries.push(parsed.data);
  }
  return entries;
}

async function checkEvidence(
  dir: string,
  manifest: Manifest,
  chains: Map<string, RecordEntry[]>,
  problems: string[],
  notes: string[],
): Promise<void> {
  const listed = new Map(manifest.evidence.map((e) => [e.sha256, e]));
  for (const entries of chains.values())
    for (const e of entries)
      for (const [hash] of evidenceNamed(e))
        if (!listed.has(hash))
          problems.push(`${MANIFEST_FILE}: evidence ${hash} named by ${e.obligationId} seq ${e.seq} is not listed`);
  for (const e of manifest.evidence) {
    if (!e.file) {
      notes.push(`evidence ${e.sha256} (${e.names.join(', ')}) is not in the export: ${e.missing ?? 'not exported'}`);
      continue;
    }
    const file = inside(dir, e.file);
    const bytes = file && (await readOptional(file));
    if (!bytes) problems.push(`${e.file}: missing (evidence ${e.names.join(', ')})`);
    else if (sha256(bytes) !== e.sha256)
      problems.push(`${e.file}: its SHA-256 is ${sha256(bytes)}, not ${e.sha256} (the evidence file was changed)`);
  }
}

/**
 * `directive audit export`: a directive's chains (or one agency's), the evidence files they name, a manifest and its
 * detached signature, written into a new folder that needs nothing of the engine to be checked.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkChain } from './chain';
import type { RecordEntry } from './entry';
import {
  EXPORT_FORMAT,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type ChainSummary,
  type EvidenceSummary,
  type Manifest,
} from './manifest';
import { publicKeyPem, signDetached, type SigningKey } from './signing';
import type { RecordStore } from './store';

export interface ExportRequest {
  store: RecordStore;
  evidenceDir: string;
  directiveId: string;
  agencyId?: string;
  outDir: string;
  namespace: string;
  engineVersion: string;
  key: SigningKey;
  /** The previous export's manifest (its bytes), whose head hashes this one names. */
  previous?: { manifest: Manifest; bytes: Buffer };
  now?: Date;
}

/** The export cannot be made as asked (nothing recorded, a folder that is not empty, a chain already broken). */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'invalid' | 'broken',
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export async function exportRecord(req: ExportRequest): Promise<{ manifest: Manifest; warnings: string[] }> {
  const ids = await req.store.obligations({ directiveId: req.directiveId, agencyId: req.agencyId });
  if (ids.length === 0)
    throw new ExportError(
      `nothing recorded for ${req.directiveId}${req.agencyId ? ` / ${req.agencyId}` : ''} in ${req.store.description}`,
      'not-found',
    );
  await prepareFolder(req.outDir);

  const chains: ChainSummary[] = [];
  const named = new Map<string, Set<string>>();
  for (const obligationId of ids) {
    const entries = await req.store.entries(obligationId);
    // An export vouches for what it holds: a chain already broken in the store is reported, not signed.
    const fault = checkChain(entries, obligationId);
    if (fault)
      throw new ExportError(
        `the record of ${obligationId} is broken at entry ${fault.seq ?? fault.line - 1}: ${fault.problem}`,
        'broken',
      );
    chains.push(await writeChain(req.outDir, obligationId, entries));
    for (const e of entries) for (const [hash, name] of evidenceNamed(e)) addName(named, hash, name);
  }
  const { evidence, warnings } = await copyEvidence(req.evidenceDir, req.outDir, named);

  const ats = chains.flatMap((c) => [c.firstAt, c.lastAt]).sort();
  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    directiveId: req.directiveId,
    ...(req.agencyId !== undefined && { agencyId: req.agencyId }),
    namespace: req.namespace,
    engineVersion: req.engineVersion,
    exportedAt: (req.now ?? new Date()).toISOString(),
    hash: 'SHA-256(previousHash || RFC 8785 canonical JSON of the entry without previousHash and hash)',
    range: { from: ats[0]!, to: ats[ats.length - 1]! },
    counts: {
      obligations: chains.length,
      entries: chains.reduce((n, c) => n + c.count, 0),
      evidenceFiles: evidence.filter((e) => e.file).length,
    },
    chains,
    evidence,
    signature: {
      algorithm: 'Ed25519',
      file: SIGNATURE_FILE,
      publicKeyFile: PUBLIC_KEY_FILE,
      publicKeyFingerprint: req.key.fingerprint,
    },
    ...(req.previous && {
      previous: {
        manifestSha256: sha256(req.previous.bytes),
        exportedAt: req.previous.manifest.exportedAt,
        heads: Object.fromEntries(
          req.previous.manifest.chains.map((c) => [c.obligationId, { seq: c.lastSeq, hash: c.headHash }]),
        ),
      },
    }),
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await fs.writeFile(path.join(req.outDir, MANIFEST_FILE), bytes);
  await fs.writeFile(path.join(req.outDir, SIGNATURE_FILE), `${signDetached(req.key, bytes)}\n`);
  await fs.writeFile(path.join(req.outDir, PUBLIC_KEY_FILE), publicKeyPem(req.key));
  return { manifest, warnings };
}

async function prepareFolder(dir: string): Promise<void> {
  try {
    const names = await fs.readdir(dir);
    if (names.length > 0)
      throw new ExportError(`--out: ${dir} is not empty; an export goes into a new folder`, 'invalid');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(dir, { recursive: true });
}

export const chainPath = (obligationId: string): string => `entries/${obligationId}.jsonl`;

async function writeChain(outDir: string, obligationId: string, entries: RecordEntry[]): Promise<ChainSummary> {
  const file = chainPath(obligationId);
  const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
  await fs.mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
  await fs.writeFile(path.join(outDir, file), text);
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  return {
    obligationId,
    file,
    sha256: sha256(text),
    count: entries.length,
    firstSeq: first.seq,
    lastSeq: last.seq,
    firstAt: first.at,
    lastAt: last.at,
    headHash: last.hash,
  };
}

/** Every file an entry names by SHA-256: the portal's uploads, and the one a CLI report hashed (`evidence.sha256`). */
export function evidenceNamed(e: RecordEntry): [string, string][] {
  const found: [string, string][] = (e.evidence?.files ?? []).map((f) => [f.sha256, f.name]);
  if (e.evidence?.sha256) found.push([e.evidence.sha256.toLowerCase(), '(file hashed by the reporter)']);
  return found;
}

function addName(named: Map<string, Set<string>>, hash: string, name: string): void {
  const names = named.get(hash) ?? new Set<string>();
  names.add(name);
  named.set(hash, names);
}

/** Copies each named file whose bytes still match its name; the others are listed with why they are missing. */
async function copyEvidence(
  evidenceDir: string,
  outDir: string,
  named: Map<string, Set<string>>,
): Promise<{ evidence: EvidenceSummary[]; warnings: string[] }> {
  const evidence: EvidenceSummary[] = [];
  const warnings: string[] = [];
  if (named.size > 0) await fs.mkdir(path.join(outDir, 'evidence'), { recursive: true });
  for (const [hash, nameSet] of [...named].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const names = [...nameSet].sort();
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(evidenceDir, hash));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      evidence.push({ sha256: hash, names, missing: 'not in the evidence store' });
      continue;
    }
    if (sha256(bytes) !== hash) {
      warnings.push(`evidence ${hash} in ${evidenceDir} no longer matches its SHA-256: not exported`);
      evidence.push({ sha256: hash, names, missing: 'altered in the evidence store' });
      continue;
    }
    const file = `evidence/${hash}`;
    await fs.writeFile(path.join(outDir, file), bytes);
    evidence.push({ sha256: hash, file, size: bytes.length, names });
  }
  return { evidence, warnings };
}

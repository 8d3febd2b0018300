/**
 * An audit export's manifest: what the export holds and the hash of every file in it, signed (detached, Ed25519) as
 * `manifest.json.sig`. Naming the previous export's head hashes chains exports: each chain in the new export must
 * still contain the entry a previous export ended with, unchanged.
 */
import { z } from 'zod';

export const EXPORT_FORMAT = 'directive-audit-export/1';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.sig';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

const hex64 = z.string().regex(/^[a-f0-9]{64}$/);
const Head = z.strictObject({ seq: z.number().int().min(0), hash: hex64 });

export const ChainSummary = z.strictObject({
  obligationId: z.string(),
  /** Relative to the export's folder, e.g. `entries/BOD-17-01/DOJ.jsonl`. */
  file: z.string(),
  sha256: hex64,
  count: z.number().int().min(1),
  firstSeq: z.number().int().min(0),
  lastSeq: z.number().int().min(0),
  firstAt: z.string(),
  lastAt: z.string(),
  headHash: hex64,
});
export type ChainSummary = z.infer<typeof ChainSummary>;

export const EvidenceSummary = z.strictObject({
  sha256: hex64,
  /** `evidence/<sha256>`, or absent when the evidence store does not hold the file (e.g. a CLI report's local file). */
  file: z.string().optional(),
  size: z.number().int().min(0).optional(),
  /** The names the reports gave it. */
  names: z.array(z.string()),
  /** Why the file is not in the export. */
  missing: z.string().optional(),
});
export type EvidenceSummary = z.infer<typeof EvidenceSummary>;

export const Manifest = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  directiveId: z.string(),
  agencyId: z.string().optional(),
  namespace: z.string(),
  engineVersion: z.string(),
  exportedAt: z.string(),
  hash: z.literal('SHA-256(previousHash || RFC 8785 canonical JSON of the entry without previousHash and hash)'),
  range: z.strictObject({ from: z.string(), to: z.string() }),
  counts: z.strictObject({
    obligations: z.number().int(),
    entries: z.number().int(),
    evidenceFiles: z.number().int(),
  }),
  chains: z.array(ChainSummary),
  evidence: z.array(EvidenceSummary),
  signature: z.strictObject({
    algorithm: z.literal('Ed25519'),
    file: z.literal(SIGNATURE_FILE),
    publicKeyFile: z.literal(PUBLIC_KEY_FILE),
    publicKeyFingerprint: z.string(),
  }),
  previous: z
    .strictObject({
      manifestSha256: hex64,
      exportedAt: z.string(),
      heads: z.record(z.string(), Head),
    })
    .optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * The evidence an agency reports a milestone with, defined once: the `completeMilestone` update parses it with this
 * schema, and the obligation's state keeps what was parsed. Bounds in domain/limits.ts.
 */
import { z } from 'zod';
import { LIMITS, httpsUrl, requiredName, requiredText } from './limits';

/** A required text field, trimmed and bounded (4 KB); the messages name the field as the payload spells it. */
export { requiredText };

/** A media type as `type/subtype`, e.g. application/pdf (the uploader's word: shown, never trusted). */
export const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

const sha256 = (what: string) => z.string().regex(/^[a-f0-9]{64}$/i, { error: `${what} must be 64 hex digits` });

/**
 * A file kept in the evidence store (the portal's content-addressed directory, never in Temporal): the engine records
 * what identifies it. The name and media type are the uploader's, shown to people and never used as a path.
 */
export const EvidenceFile = z.strictObject({
  name: requiredName('evidence.files[].name'),
  size: z
    .number({ error: 'evidence.files[].size must be a number of bytes' })
    .int()
    .min(0)
    .max(LIMITS.evidenceFileMaxBytes, { error: `evidence.files[].size: at most ${LIMITS.evidenceFileMaxBytes} bytes` }),
  mediaType: z
    .string()
    .regex(MEDIA_TYPE, { error: 'evidence.files[].mediaType must be a media type, e.g. application/pdf' })
    .max(LIMITS.nameMaxChars),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, { error: 'evidence.files[].sha256 must be 64 lower-case hex digits' }),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const Evidence = z.object({
  summary: requiredText('evidence.summary'),
  uri: httpsUrl('evidence.uri').optional(),
  sha256: sha256('evidence.sha256').optional(),
  files: z
    .array(EvidenceFile)
    .max(LIMITS.evidenceFilesMax, { error: `evidence.files: at most ${LIMITS.evidenceFilesMax} files` })
    .optional(),
});
export type Evidence = z.infer<typeof Evidence>;

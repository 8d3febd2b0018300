/**
 * The shape of record entries where they cross a boundary: the `appendRecord` activity's input and each line of an
 * export. Structural only: the content was checked when the engine accepted it, and the record keeps it as it was.
 */
import { z } from 'zod';
import { CHANNELS } from '../domain/vocabulary';
import type { RecordEntry, RecordEntryBody } from './entry';

const hex64 = z.string().regex(/^[a-f0-9]{64}$/, { error: 'must be 64 lower-case hex digits' });

const Actor = z.strictObject({
  channel: z.enum(CHANNELS),
  email: z.string(),
  name: z.string().optional(),
  issuer: z.string().optional(),
  subject: z.string().optional(),
});

const Evidence = z.strictObject({
  summary: z.string(),
  uri: z.string().optional(),
  sha256: z.string().optional(),
  files: z
    .array(z.strictObject({ name: z.string(), size: z.number().int().min(0), mediaType: z.string(), sha256: hex64 }))
    .optional(),
});

export const RecordEntryBodySchema = z.strictObject({
  obligationId: z.string().min(1),
  directiveId: z.string().min(1),
  agencyId: z.string().min(1),
  seq: z.number().int().min(0),
  at: z.iso.datetime(),
  event: z.string().min(1),
  milestoneId: z.string().optional(),
  detail: z.string().optional(),
  actor: Actor.optional(),
  evidence: Evidence.optional(),
}) satisfies z.ZodType<RecordEntryBody>;

export const RecordEntrySchema = RecordEntryBodySchema.extend({
  previousHash: hex64,
  hash: hex64,
}) satisfies z.ZodType<RecordEntry>;

export const RecordBatchSchema = z.array(RecordEntryBodySchema).min(1).max(10_000);

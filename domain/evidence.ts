/**
 * The evidence an agency reports a milestone with, defined once: the `completeMilestone` update parses it with this
 * schema, and the obligation's state keeps what was parsed.
 */
import { z } from 'zod';

/** A required text field, trimmed; the messages name the field as the payload spells it. */
export const requiredText = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

export const Evidence = z.object({
  summary: requiredText('evidence.summary'),
  uri: z.url({ error: 'evidence.uri must be a URL' }).optional(),
  sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/i, { error: 'evidence.sha256 must be 64 hex digits' })
    .optional(),
});
export type Evidence = z.infer<typeof Evidence>;

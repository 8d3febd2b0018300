/**
 * The evidence an agency reports a milestone with, defined once: the `completeMilestone` update parses it with this
 * schema, and the obligation's state keeps what was parsed. Bounds in domain/limits.ts.
 */
import { z } from 'zod';
import { httpsUrl, requiredText } from './limits';

/** A required text field, trimmed and bounded (4 KB); the messages name the field as the payload spells it. */
export { requiredText };

export const Evidence = z.object({
  summary: requiredText('evidence.summary'),
  uri: httpsUrl('evidence.uri').optional(),
  sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/i, { error: 'evidence.sha256 must be 64 hex digits' })
    .optional(),
});
export type Evidence = z.infer<typeof Evidence>;

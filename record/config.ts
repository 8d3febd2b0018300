/** Where the compliance record lives, from the environment: shared by the worker and the `directive audit` commands. */
import path from 'node:path';
import { z } from 'zod';

export const RecordEnv = z.object({
  RECORD_DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected postgres://user:password@host:5432/database or postgresql://...',
    })
    .optional(),
  RECORD_DIR: z.string().min(1).default('.data/record'),
  EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
});

export interface RecordConfig {
  /** When set, the record lives in this PostgreSQL database instead of `dir`. */
  databaseUrl?: string;
  /** JSON Lines files, one per obligation. */
  dir: string;
  /** The portal's content-addressed evidence files (exports copy them). */
  evidenceDir: string;
}

export function recordConfig(env: z.infer<typeof RecordEnv>): RecordConfig {
  return {
    databaseUrl: env.RECORD_DATABASE_URL,
    dir: path.resolve(env.RECORD_DIR),
    evidenceDir: path.resolve(env.EVIDENCE_DIR),
  };
}

/**
 * The evidence store: files outside Temporal, in a content-addressed directory. Each file is named by the SHA-256
 * the server computes while the upload streams in, so the name proves the content, a file sent twice is kept once,
 * and nothing a user types becomes a path. Served back through a check of the same hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  sha256: string;
  size: number;
  /** False when the store already held these bytes. */
  created: boolean;
}

/** An upload over the size limit: nothing of it is kept. */
export class EvidenceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${formatBytes(maxBytes)}`);
    this.name = 'EvidenceTooLargeError';
  }
}

/** A stored file whose bytes no longer match its name: it has been altered on disk. */
export class EvidenceAlteredError extends Error {
  constructor(readonly sha256: string) {
    super(`evidence file ${sha256} does not match its SHA-256: it was altered in the store`);
    this.name = 'EvidenceAlteredError';
  }
}

export const SHA256 = /^[a-f0-9]{64}$/;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

export interface EvidenceStore {
  readonly dir: string;
  readonly maxBytes: number;
  /** Streams `source` in, hashing and counting; refuses (and keeps nothing) past `maxBytes`. */
  put(source: Readable): Promise<StoredFile>;
  has(sha256: string): Promise<boolean>;
  /** The file's bytes, checked against its name as they stream: the stream fails at the end if they differ. */
  openVerified(sha256: string): Readable;
}

export function createEvidenceStore(dir: string, maxBytes: number): EvidenceStore {
  const incoming = path.join(dir, '.incoming');
  const fileFor = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
    return path.join(dir, sha256);
  };

  return {
    dir,
    maxBytes,
    async put(source) {
      await fs.mkdir(incoming, { recursive: true });
      const temp = path.join(incoming, randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new EvidenceTooLargeError(maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(temp, { flags: 'wx', mode: 0o640 }));
        // Some multipart parsers end a truncated file quietly instead of failing the stream.
        if ((source as Readable & { truncated?: boolean }).truncated) throw new EvidenceTooLargeError(maxBytes);
      } catch (err) {
        source.resume();
        await fs.rm(temp, { force: true });
        throw err;
      }
      const sha256 = hash.digest('hex');
      const target = fileFor(sha256);
      const existed = await exists(target);
      if (existed) await fs.rm(temp, { force: true });
      else await fs.rename(temp, target);
      return { sha256, size, created: !existed };
    },
    has: async (sha256) => exists(fileFor(sha256)),
    openVerified(sha256) {
      const hash = createHash('sha256');
      const check = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
        flush(done) {
          done(hash.digest('hex') === sha256 ? null : new EvidenceAlteredError(sha256));
        },
      });
      const source = createReadStream(fileFor(sha256));
      source.on('error', (err) => check.destroy(err));
      return source.pipe(check);
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

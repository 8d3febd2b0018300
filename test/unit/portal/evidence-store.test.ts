/** The evidence store on a real directory: named by the SHA-256 of what streamed in, bounded, checked when served. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { EvidenceAlteredError, EvidenceTooLargeError, createEvidenceStore } from '../../../portal/evidence/store';
import { tempDir } from '../../fixtures/notices';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

test('a file streamed in is kept under its SHA-256, computed by the server, with its size', async () => {
  const store = createEvidenceStore(tempDir('evidence'), 1024);
  const stored = await store.put(chunks('scan of 14,210 ', 'endpoints: none found'));
  expect(stored).toEqual({ sha256: sha('scan of 14,210 endpoints: none found'), size: 36, created: true });
  expect(await fs.readFile(path.join(store.dir, stored.sha256), 'utf8')).toBe('scan of 14,210 endpoints: none found');
  expect(await store.has(stored.sha256)).toBe(true);
});

test('the same bytes sent twice are kept once', async () => {
  const store = createEvidenceStore(tempDir('evidence'), 1024);
  const first = await store.put(chunks('plan v1'));
  const second = await store.put(chunks('plan ', 'v1'));
  expect(second).toEqual({ ...first, created: false });
  expect((await fs.readdir(store.dir)).filter((f) => !f.startsWith('.'))).toEqual([first.sha256]);
});

test('a file over the limit is refused and nothing of it is kept', async () => {
  const store = createEvidenceStore(tempDir('evidence'), 10);
  await expect(store.put(chunks('0123456789', 'X'))).rejects.toThrow(EvidenceTooLargeError);
  await expect(store.put(chunks('0123456789', 'X'))).rejects.toThrow('larger than the limit of 10 bytes');
  expect((await fs.readdir(store.dir)).filter((f) => !f.startsWith('.'))).toEqual([]);
  expect(await fs.readdir(path.join(store.dir, '.incoming'))).toEqual([]);
  // Exactly at the limit is fine.
  await expect(store.put(chunks('0123456789'))).resolves.toMatchObject({ size: 10 });
});

test('a stored file serves back its bytes; once altered on disk, serving it fails instead of passing it on', async () => {
  const store = createEvidenceStore(tempDir('evidence'), 1024);
  const { sha256 } = await store.put(chunks('the removal plan'));
  expect(await text(store.openVerified(sha256))).toBe('the removal plan');

  await fs.writeFile(path.join(store.dir, sha256), 'the removal plan, edited');
  await expect(text(store.openVerified(sha256))).rejects.toThrow(EvidenceAlteredError);
});

test('a name that is not a SHA-256 is never a path', async () => {
  const store = createEvidenceStore(tempDir('evidence'), 1024);
  await expect(store.has('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  expect(() => store.openVerified('A'.repeat(64))).toThrow('not a SHA-256');
});

import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainFile, createDirectoryRecordStore, checkChain } from '../../../record';
import { entryBodies } from '../../fixtures/record';
import { recordStoreContract } from './store-contract';

describe('the directory record store keeps the record store contract', () => {
  recordStoreContract(async () => createDirectoryRecordStore(mkdtempSync(path.join(os.tmpdir(), 'record-'))));
});

describe('the directory record store on disk', () => {
  test('each obligation is one JSON Lines file named after it, one entry per line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'record-'));
    const store = createDirectoryRecordStore(dir);
    await store.append(entryBodies('BOD-17-01/DOJ', 0, 2));
    const lines = readFileSync(path.join(dir, 'BOD-17-01', 'DOJ.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([0, 1]);
  });

  test('a line torn by a crash is cut off by the next append, and the chain still holds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'record-'));
    const store = createDirectoryRecordStore(dir);
    await store.append(entryBodies('BOD-17-01/DOJ', 0, 2));
    appendFileSync(chainFile(dir, 'BOD-17-01/DOJ'), '{"obligationId":"BOD-17-01/DOJ","seq":2,"ev');
    expect(await store.entries('BOD-17-01/DOJ')).toHaveLength(2);
    await store.append(entryBodies('BOD-17-01/DOJ', 2, 1));
    const entries = await store.entries('BOD-17-01/DOJ');
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(checkChain(entries)).toBeUndefined();
  });

  test('an obligation id that is no safe file name is refused', () => {
    expect(() => chainFile('/srv/record', 'BOD-17-01/../../etc/passwd')).toThrow(/is not a record name/);
    expect(() => chainFile('/srv/record', 'BOD-17-01/DOJ')).not.toThrow();
  });
});

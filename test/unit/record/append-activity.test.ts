import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createRecordActivities } from '../../../activities/record';
import { createDirectoryRecordStore } from '../../../record';
import { entryBodies } from '../../fixtures/record';

const fresh = () => createDirectoryRecordStore(mkdtempSync(path.join(os.tmpdir(), 'record-activity-')));

describe('the appendRecord activity', () => {
  test('called twice with the same batch (a retry) records it once', async () => {
    const store = fresh();
    const { appendRecord } = createRecordActivities(store);
    const batch = entryBodies('BOD-17-01/DOJ', 0, 3);
    expect((await appendRecord(batch)).appended).toBe(3);
    expect((await appendRecord(batch)).appended).toBe(0);
    expect(await store.entries('BOD-17-01/DOJ')).toHaveLength(3);
  });

  test('a batch that contradicts the record fails for good (RecordRefused), naming the entry', async () => {
    const { appendRecord } = createRecordActivities(fresh());
    await appendRecord(entryBodies('BOD-17-01/DOJ', 0, 2));
    const forged = appendRecord(entryBodies('BOD-17-01/DOJ', 1, 1, { event: 'approved' }));
    await expect(forged).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(forged).rejects.toMatchObject({
      type: 'RecordRefused',
      nonRetryable: true,
      message: 'BOD-17-01/DOJ: entry 1 is already recorded with other content',
    });
  });

  test('a malformed batch fails for good, naming the field', async () => {
    const { appendRecord } = createRecordActivities(fresh());
    const bad = entryBodies('BOD-17-01/DOJ', 0, 1, { at: 'yesterday' });
    await expect(appendRecord(bad)).rejects.toMatchObject({ type: 'RecordRefused', message: /0\.at/ });
  });

  test('a worker without a record store says so, for good, instead of retrying forever', async () => {
    const { appendRecord } = createRecordActivities(undefined);
    await expect(appendRecord(entryBodies('BOD-17-01/DOJ', 0, 1))).rejects.toMatchObject({
      type: 'RecordNotConfigured',
      nonRetryable: true,
    });
  });
});

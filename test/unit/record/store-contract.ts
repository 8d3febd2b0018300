/**
 * What every record store backend promises (record/store.ts), as one suite: the directory backend runs it in the unit
 * project, PostgreSQL in the integration project.
 */
import { checkChain, RecordBatchError, RecordConflictError, type RecordStore } from '../../../record';
import { entryBodies } from '../../fixtures/record';

export function recordStoreContract(open: () => Promise<RecordStore>): void {
  let store: RecordStore;
  let n = 0;
  let obligation: string;
  beforeEach(async () => {
    store = await open();
    // Each test its own obligation, so a shared database needs no cleaning (and a DELETE would be refused anyway).
    obligation = `BOD-17-01/T${process.pid}-${Date.now()}-${++n}`;
  });
  afterEach(async () => store.close());

  test('appended entries come back in order, chained from the genesis hash, with the last one as head', async () => {
    const result = await store.append(entryBodies(obligation, 0, 3));
    const entries = await store.entries(obligation);
    expect(entries.map((e) => [e.seq, e.event])).toEqual([
      [0, 'issued'],
      [1, 'notice:reminder'],
      [2, 'notice:reminder'],
    ]);
    expect(checkChain(entries, obligation)).toBeUndefined();
    expect(result).toEqual({ appended: 3, head: { seq: 2, hash: entries[2]!.hash } });
    expect(await store.head(obligation)).toEqual({ seq: 2, hash: entries[2]!.hash });
  });

  test('a retried batch adds nothing and leaves the head where it was', async () => {
    const batch = entryBodies(obligation, 0, 2);
    const first = await store.append(batch);
    const again = await store.append(batch);
    expect(again).toEqual({ appended: 0, head: first.head });
    expect(await store.entries(obligation)).toHaveLength(2);
  });

  test('a batch overlapping the record appends only the entries after its head', async () => {
    await store.append(entryBodies(obligation, 0, 2));
    const result = await store.append(entryBodies(obligation, 1, 3));
    expect(result.appended).toBe(2);
    const entries = await store.entries(obligation);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(checkChain(entries, obligation)).toBeUndefined();
  });

  test('an entry already recorded is never rewritten: other content under its seq is refused', async () => {
    await store.append(entryBodies(obligation, 0, 2));
    const before = await store.entries(obligation);
    const forged = entryBodies(obligation, 1, 1, { detail: 'something else happened' });
    await expect(store.append(forged)).rejects.toThrow(RecordConflictError);
    await expect(store.append(forged)).rejects.toThrow(/entry 1 is already recorded with other content/);
    expect(await store.entries(obligation)).toEqual(before);
  });

  test('a batch that would leave a gap is refused, naming the missing entries', async () => {
    await store.append(entryBodies(obligation, 0, 1));
    await expect(store.append(entryBodies(obligation, 3, 1))).rejects.toThrow(RecordBatchError);
    await expect(store.append(entryBodies(obligation, 3, 1))).rejects.toThrow(/entry 3 would follow 0/);
    expect(await store.entries(obligation)).toHaveLength(1);
  });

  test('the same batch sent by two workers at once is recorded once', async () => {
    const batch = entryBodies(obligation, 0, 5);
    const results = await Promise.all([store.append(batch), store.append(batch), store.append(batch)]);
    expect(results.map((r) => r.appended).sort()).toEqual([0, 0, 5]);
    const entries = await store.entries(obligation);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(checkChain(entries, obligation)).toBeUndefined();
  });

  test('an obligation with nothing recorded has no head and no entries', async () => {
    expect(await store.head(obligation)).toBeUndefined();
    expect(await store.entries(obligation)).toEqual([]);
  });

  test('obligations are listed by directive and by agency', async () => {
    const other = `${obligation}-other`;
    const elsewhere = obligation.replace('BOD-17-01', 'BOD-18-01');
    await store.append(entryBodies(obligation, 0, 1));
    await store.append(entryBodies(other, 0, 1, { agencyId: 'DHS' }));
    await store.append(entryBodies(elsewhere, 0, 1));
    const all = await store.obligations({ directiveId: 'BOD-17-01' });
    expect(all).toEqual(expect.arrayContaining([obligation, other]));
    expect(all).not.toContain(elsewhere);
    const dhs = await store.obligations({ directiveId: 'BOD-17-01', agencyId: 'DHS' });
    expect(dhs).toContain(other);
    expect(dhs).not.toContain(obligation);
  });
}

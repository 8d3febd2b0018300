/** The content-addressed agencies store a campaign reads its agencies from, page by page. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAgencyActivities } from '../../../activities/agencies';
import { agenciesStoreDir, loadStoredAgencies, storeAgencies } from '../../../activities/agencies-store';
import type { Agency } from '../../../domain/agency';

const agencies: Agency[] = Array.from({ length: 1_234 }, (_, i) => ({
  id: `A${i}`,
  name: `Agency ${i}`,
  contacts: { complianceOfficer: `o@a${i}.example.gov`, cio: `c@a${i}.example.gov`, head: `h@a${i}.example.gov` },
}));
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'agencies-store-'));

test('the same agencies stored twice are one file, named by its SHA-256', async () => {
  const dir = tmp();
  const first = await storeAgencies(dir, agencies);
  const again = await storeAgencies(
    dir,
    agencies.map((a) => ({ ...a, contacts: { ...a.contacts } })),
  );
  expect(again).toEqual(first);
  expect(first.count).toBe(1_234);
  expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(readdirSync(dir)).toEqual([`${first.sha256}.jsonl`]);
});

test('pages come in the file order, at most 500, and the last one is short', async () => {
  const dir = tmp();
  const ref = await storeAgencies(dir, agencies);
  const { readAgencyPage } = createAgencyActivities(dir);
  const page = await readAgencyPage({ sha256: ref.sha256, offset: 1000, limit: 10_000 });
  expect(page.total).toBe(1_234);
  expect(page.agencies).toHaveLength(234);
  expect(page.agencies[0]).toEqual(agencies[1000]);
  expect((await readAgencyPage({ sha256: ref.sha256, offset: 0, limit: 10_000 })).agencies).toHaveLength(500);
});

test('named agencies the file does not list are found', async () => {
  const dir = tmp();
  const ref = await storeAgencies(dir, agencies);
  const { unknownAgencies } = createAgencyActivities(dir);
  expect(await unknownAgencies({ sha256: ref.sha256, agencyIds: ['A7', 'NASA', 'A1233', 'XYZ'] })).toEqual([
    'NASA',
    'XYZ',
  ]);
});

test('a missing file, or one that does not match its name, is refused naming the store', async () => {
  const dir = tmp();
  const ref = await storeAgencies(dir, agencies.slice(0, 3));
  await expect(loadStoredAgencies(dir, 'b'.repeat(64))).rejects.toThrow(/not found in AGENCIES_STORE_DIR/);
  writeFileSync(path.join(dir, `${ref.sha256}.jsonl`), '{"id":"EVIL"}\n');
  await expect(loadStoredAgencies(dir, ref.sha256)).rejects.toThrow(/does not match its name/);
  const { readAgencyPage } = createAgencyActivities(dir);
  await expect(readAgencyPage({ sha256: ref.sha256, offset: 0, limit: 1 })).rejects.toThrow(/does not match/);
});

test('AGENCIES_STORE_DIR defaults to .data/agencies; an empty value means the default', () => {
  expect(agenciesStoreDir({})).toBe(path.resolve('.data/agencies'));
  expect(agenciesStoreDir({ AGENCIES_STORE_DIR: '' })).toBe(path.resolve('.data/agencies'));
  expect(agenciesStoreDir({ AGENCIES_STORE_DIR: '/srv/agencies' })).toBe('/srv/agencies');
});

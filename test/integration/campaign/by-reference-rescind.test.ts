/**
 * In a file of its own (its own time-skipping server, as rescind.test.ts): a by-reference campaign ends when every
 * obligation has told it that it ended, counting them without a row per agency.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { amendDirectiveUpdate } from '../../../workflows/campaign-messages';
import { useLifecycle } from '../lifecycle/harness';
import { bod1701As, endCampaign, settle, startCampaignByReference, startSharedWorker } from './harness';

const storeDir = mkdtempSync(path.join(os.tmpdir(), 'by-reference-store-'));
const world = useLifecycle((w) => startSharedWorker(w, { agenciesStoreDir: storeDir }));
const directive = bod1701As('BOD-17-01-BR');
afterAll(async () => endCampaign(world, directive.id));

test('rescind: every obligation says it ended, and the campaign completes counting them', async () => {
  const handle = await startCampaignByReference(world, storeDir, directive);
  await settle(world);
  const result = await handle.executeUpdate(amendDirectiveUpdate, {
    args: [{ amendmentId: 'DEC-B', kind: 'decide', decision: 'rescind', reason: 'Final', directedBy: 'DHS' }],
  });
  expect(result.outcomes).toEqual({ applied: 3 });
  const final = await handle.result();
  expect(final).toMatchObject({ started: 3, closed: 3, vendorResponse: { decision: 'rescind' } });
});

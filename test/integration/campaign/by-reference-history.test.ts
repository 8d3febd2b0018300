/**
 * A by-reference campaign starts and amends its obligations from activities, a page each: its own history records
 * nothing per agency, so it stays the same size whether the campaign binds 3 agencies or 40 (or 10,000: see the
 * fan-out benchmark). On the time-skipping server.
 *
 * A file of its own: after obligations that answered an `applyAmendment` update are terminated, the time-skipping
 * server runs in real time for about a minute, which would slow the tests after it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { Agency } from '../../../domain/agency';
import { amendDirectiveUpdate } from '../../../workflows/campaign-messages';
import { useLifecycle } from '../lifecycle/harness';
import { AGENCIES, bod1701As, endCampaign, settle, startCampaignByReference, startSharedWorker } from './harness';

const storeDir = mkdtempSync(path.join(os.tmpdir(), 'by-reference-history-'));
const world = useLifecycle((w) => startSharedWorker(w, { agenciesStoreDir: storeDir }));

const FORTY: Agency[] = Array.from({ length: 40 }, (_, i) => ({
  ...AGENCIES[0]!,
  id: `AG${String(i).padStart(2, '0')}`,
  name: `Agency ${i}`,
}));

const extend = {
  amendmentId: 'AMD-H1',
  kind: 'extend' as const,
  milestoneId: 'identify',
  extendByDays: 5,
  reason: 'Shutdown',
  directedBy: 'DHS',
};

const started: [string, Agency[]][] = [];
afterAll(async () => {
  for (const [directiveId, agencies] of started) await endCampaign(world, directiveId, agencies);
});

/** Fans out, applies a bulk amendment to every agency, and lists the campaign's history by event type. */
async function campaignEvents(directiveId: string, agencies: Agency[]): Promise<string[]> {
  started.push([directiveId, agencies]);
  const handle = await startCampaignByReference(world, storeDir, bod1701As(directiveId), agencies);
  await settle(world);
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [extend] });
  expect(result.outcomes).toEqual({ applied: agencies.length });
  expect(result.agencies.map((a) => a.agencyId)).toEqual(agencies.map((a) => a.id));
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((e) => String(temporal.api.enums.v1.EventType[e.eventType ?? 0]));
}

test("the campaign's history does not grow with its agencies: 40 record the same events as 3", async () => {
  const few = await campaignEvents('BOD-17-01-H1', AGENCIES);
  const many = await campaignEvents('BOD-17-01-H2', FORTY);
  expect(many).toEqual(few);
  // Nothing per agency: no child started, no signal sent, no outcome signalled back.
  expect(many.filter((type) => /CHILD|SIGNAL/.test(type))).toEqual([]);
  expect(many).toContain('EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
});

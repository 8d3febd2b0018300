/**
 * A campaign that takes its agencies by reference (what `directive campaign start` does), on the time-skipping
 * server: the obligations come from pages of the stored file, restarts start none twice, amendments answer with
 * counts, and unknown agencies are refused by name (the rescission that ends it: by-reference-rescind.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DirectiveDefinition } from '../../../domain/directive';
import { amendDirectiveUpdate, campaignStatusQuery, obligationWorkflowId } from '../../../workflows/campaign-messages';
import { useLifecycle } from '../lifecycle/harness';
import { AGENCIES, bod1701As, endCampaign, settle, startCampaignByReference, startSharedWorker } from './harness';

const storeDir = mkdtempSync(path.join(os.tmpdir(), 'by-reference-store-'));
const world = useLifecycle((w) => startSharedWorker(w, { agenciesStoreDir: storeDir }));
let n = 0;
let directive = bod1701As('BOD-17-01');
beforeEach(() => {
  directive = bod1701As(`BOD-17-01-B${++n}`);
});
afterEach(async () => endCampaign(world, directive.id));

const startByReference = (definition: DirectiveDefinition) => startCampaignByReference(world, storeDir, definition);

test('the obligations come from the stored agencies; a restarted campaign starts none twice', async () => {
  const handle = await startByReference(directive);
  await settle(world);
  const runs = new Map<string, string>();
  for (const a of AGENCIES) {
    const d = await world.env.client.workflow.getHandle(obligationWorkflowId(directive.id, a.id)).describe();
    expect(d.status.name).toBe('RUNNING');
    runs.set(a.id, d.runId);
  }
  expect(await handle.query(campaignStatusQuery)).toMatchObject({
    agencies: [],
    rowsFrom: 'visibility',
    agencyCount: 3,
    started: 3,
    closed: 0,
  });

  await handle.terminate('restart');
  const again = await startByReference(directive);
  await settle(world);
  for (const a of AGENCIES) {
    const d = await world.env.client.workflow.getHandle(obligationWorkflowId(directive.id, a.id)).describe();
    expect(d.runId).toBe(runs.get(a.id));
  }
  const history = await again.fetchHistory();
  expect((history.events ?? []).filter((e) => e.childWorkflowExecutionStartedEventAttributes)).toHaveLength(0);
  expect(await again.query(campaignStatusQuery)).toMatchObject({ started: 3, closed: 0 });
});

test('a bulk amendment answers with counts and each agency; unknown agencies are refused by name', async () => {
  const handle = await startByReference(directive);
  await settle(world);
  const extend = {
    amendmentId: 'AMD-B1',
    kind: 'extend' as const,
    milestoneId: 'identify',
    extendByDays: 10,
    reason: 'Shutdown',
    directedBy: 'DHS',
  };
  const refused = await handle
    .executeUpdate(amendDirectiveUpdate, { args: [{ ...extend, agencies: ['DOJ', 'NASA'] }] })
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((refused as WorkflowUpdateFailedError).cause?.message).toMatch(/unknown agencies: NASA/);

  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [extend] });
  expect(result.outcomes).toEqual({ applied: 3 });
  expect(result.agencies.map((a) => [a.agencyId, a.outcome])).toEqual(AGENCIES.map((a) => [a.id, 'applied']));
  expect(result.omitted).toBe(0);
  const again = await handle.executeUpdate(amendDirectiveUpdate, { args: [extend] });
  expect(again.outcomes).toEqual({ unchanged: 3 });
  expect((await handle.query(campaignStatusQuery)).amendments).toEqual(['AMD-B1']);
});

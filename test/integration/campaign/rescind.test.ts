/**
 * In a file of its own (its own time-skipping server): after earlier tests' workflows were terminated, the test
 * server stopped skipping time for this one (simulated time crept at real-time speed); alone it takes seconds.
 */
import type { ObligationStatus } from '../../../domain/obligation';
import { amendDirectiveUpdate } from '../../../workflows/campaign-messages';
import { advanceTo, useLifecycle } from '../lifecycle/harness';
import { AGENCIES, bod1701As, endCampaign, startCampaign, startSharedWorker } from './harness';

// One worker for the whole file: see startSharedWorker.
const world = useLifecycle(startSharedWorker);
let n = 0;
let directive = bod1701As('BOD-17-01');
beforeEach(() => {
  directive = bod1701As(`BOD-17-01-R${++n}`);
});
afterEach(async () => endCampaign(world, directive.id));

const decide = (amendmentId: string, decision: 'uphold' | 'rescind') => ({
  amendmentId,
  kind: 'decide' as const,
  decision,
  reason: 'Final decision on the response',
  directedBy: 'DHS',
});

test('rescind: every obligation ends rescinded and the campaign completes', async () => {
  const { handle, issuedAt, obligation } = await startCampaign(world, directive);
  await advanceTo(world, issuedAt, 20);
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [decide('DEC-R', 'rescind')] });
  expect(result.agencies.map((a) => a.outcome)).toEqual(['applied', 'applied', 'applied']);
  const final = await handle.result();
  for (const a of AGENCIES) {
    const s = (await obligation(a.id).result()) as ObligationStatus;
    expect(s.state).toBe('rescinded');
  }
  expect(final.vendorResponse?.decision).toBe('rescind');
  expect(final.countsByPhase).toEqual({ rescinded: 3 });
});

import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ObligationStatus } from '../../../domain/obligation';
import { GATE_HOLD_REASON } from '../../../workflows/campaign';
import { amendDirectiveUpdate } from '../../../workflows/campaign-messages';
import { statusQuery } from '../../../workflows/messages';
import { DAY_MS, advanceTo, useLifecycle } from '../lifecycle/harness';
import {
  AGENCIES,
  advanceToInstant,
  bod1701As,
  campaignStatus,
  dueOf,
  settle,
  startCampaign,
  startSharedWorker,
  endCampaign,
} from './harness';

// One worker for the whole file: see startSharedWorker.
const world = useLifecycle(startSharedWorker);
let n = 0;
let directive = bod1701As('BOD-17-01');
beforeEach(() => {
  directive = bod1701As(`BOD-17-01-G${++n}`);
});
afterEach(async () => endCampaign(world, directive.id));

const remove = (s: ObligationStatus) => s.milestones.find((m) => m.id === 'remove')!;
const decide = (amendmentId: string, decision: 'uphold' | 'rescind') => ({
  amendmentId,
  kind: 'decide' as const,
  decision,
  reason: 'Final decision on the response',
  directedBy: 'DHS',
});

test('uphold while the vendor response window is open: removal opens at day 90 as scheduled, never held', async () => {
  const { handle, issuedAt, schedule, obligation } = await startCampaign(world, directive);
  const gateAt = dueOf(schedule, 'remove');
  await advanceTo(world, issuedAt, 45); // the window closes at day 51
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [decide('DEC-1', 'uphold')] });
  expect(result.agencies).toEqual([]);
  expect(result.detail).toMatch(/opens as scheduled/);

  const second = await handle
    .executeUpdate(amendDirectiveUpdate, { args: [decide('DEC-2', 'rescind')] })
    .catch((e: unknown) => e);
  expect(second).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((second as WorkflowUpdateFailedError).cause?.message).toMatch(/already made: uphold/);

  await advanceTo(world, issuedAt, 91);
  const status = await campaignStatus(handle);
  expect(status.vendorResponse).toMatchObject({ decision: 'uphold', gates: 'remove', heldSince: null });
  for (const a of AGENCIES) {
    const s: ObligationStatus = await obligation(a.id).query(statusQuery);
    expect(remove(s).held).toBe(false);
    expect(Date.parse(remove(s).dueAt!)).toBe(gateAt);
    expect(s.history.filter((h) => h.event.startsWith('amended:'))).toEqual([]);
    // Day 91, nothing reported: the open milestones are overdue, removal among them (it opened).
    expect(s.overdue).toBe(true);
  }
});

test('no decision when the response window closes: removal is held for every agency; uphold at day 95 resumes it, moved by the time held, never due at the decision', async () => {
  const { handle, schedule, obligation } = await startCampaign(world, directive);
  const gateAt = dueOf(schedule, 'remove');
  const windowCloses = Date.parse(schedule.vendorResponseDueAt!);
  await advanceToInstant(world, gateAt);
  await settle(world);
  const status = await campaignStatus(handle);
  expect(status.vendorResponse?.decision).toBe('pending');
  // Held as the window closed (day 51), long before removal would open: no race with its deadline.
  const heldSince = Date.parse(status.vendorResponse?.heldSince ?? '');
  expect(heldSince).toBeGreaterThanOrEqual(windowCloses);
  expect(heldSince).toBeLessThan(windowCloses + 10 * 60_000);
  for (const a of AGENCIES) {
    const s: ObligationStatus = await obligation(a.id).query(statusQuery);
    expect(remove(s).held).toBe(true);
    expect(s.history.find((h) => h.event === 'amended:hold')?.detail).toContain(GATE_HOLD_REASON);
  }

  await advanceToInstant(world, gateAt + 5 * DAY_MS);
  const decidedAt = await world.env.currentTimeMs();
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [decide('DEC-1', 'uphold')] });
  expect(result.agencies).toEqual(AGENCIES.map((a) => ({ agencyId: a.id, outcome: 'applied' })));
  await settle(world);
  const held = decidedAt - heldSince;
  for (const a of AGENCIES) {
    const s: ObligationStatus = await obligation(a.id).query(statusQuery);
    expect(remove(s).held).toBe(false);
    // Its own deadline, moved by the days held (about 44): not the decision's instant.
    const moved = Date.parse(remove(s).dueAt!) - gateAt;
    expect(Math.abs(moved - held)).toBeLessThanOrEqual(DAY_MS);
    expect(s.amendments).toEqual([`${directive.id}/vendor-response/hold`, 'DEC-1/resume']);
  }
  expect((await campaignStatus(handle)).vendorResponse?.decision).toBe('uphold');
});

test('uphold after the window closed but before day 90: removal is resumed with its own deadline, not earlier than scheduled', async () => {
  const { handle, issuedAt, schedule, obligation } = await startCampaign(world, directive);
  const gateAt = dueOf(schedule, 'remove');
  await advanceTo(world, issuedAt, 70);
  await settle(world);
  expect((await campaignStatus(handle)).vendorResponse?.heldSince).not.toBeNull();
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [decide('DEC-70', 'uphold')] });
  expect(result.agencies.map((a) => a.outcome)).toEqual(['applied', 'applied', 'applied']);
  await settle(world);
  for (const a of AGENCIES) {
    const s: ObligationStatus = await obligation(a.id).query(statusQuery);
    expect(remove(s).held).toBe(false);
    expect(Date.parse(remove(s).dueAt!)).toBeGreaterThanOrEqual(gateAt);
    expect(s.amendments).toEqual([`${directive.id}/vendor-response/hold`, 'DEC-70/resume']);
  }
});

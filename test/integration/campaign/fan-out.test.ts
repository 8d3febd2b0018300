import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { DAY_MS, type ObligationStatus } from '../../../domain/obligation';
import { amendDirectiveUpdate } from '../../../workflows/campaign-messages';
import { completeMilestoneUpdate, statusQuery } from '../../../workflows/messages';
import { advanceTo, useLifecycle } from '../lifecycle/harness';
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
  directive = bod1701As(`BOD-17-01-T${++n}`);
});
afterEach(async () => endCampaign(world, directive.id));

const dueAt = (s: ObligationStatus, id: string) => s.milestones.find((m) => m.id === id)?.dueAt;

test('one obligation per agency, with the right ids; a restarted campaign starts none twice', async () => {
  const { handle, obligation } = await startCampaign(world, directive);
  await settle(world);
  const firstRuns = new Map<string, string>();
  for (const a of AGENCIES) {
    const d = await obligation(a.id).describe();
    expect(d.workflowId).toBe(`${directive.id}/${a.id}`);
    expect(d.type).toBe('agencyObligation');
    expect(d.status.name).toBe('RUNNING');
    firstRuns.set(a.id, d.runId);
  }
  const status = await campaignStatus(handle);
  expect(status.agencies.map((r) => [r.agencyId, r.workflowId, r.phase])).toEqual(
    AGENCIES.map((a) => [a.id, `${directive.id}/${a.id}`, 'identify']),
  );
  expect(status.countsByPhase).toEqual({ identify: 3 });

  // Terminate the campaign and start it again: the obligations (abandoned children) live on and are not restarted.
  await handle.terminate('restart');
  await settle(world);
  const again = await startCampaign(world, directive);
  await settle(world);
  for (const a of AGENCIES) {
    const d = await obligation(a.id).describe();
    expect(d.status.name).toBe('RUNNING');
    expect(d.runId).toBe(firstRuns.get(a.id));
  }
  const history = await again.handle.fetchHistory();
  const startedChildren = (history.events ?? []).filter((e) => e.childWorkflowExecutionStartedEventAttributes);
  expect(startedChildren).toHaveLength(0);
  // The new run asked each running obligation for its row: none is left showing "starting".
  const restarted = await campaignStatus(again.handle);
  expect(restarted.agencies.map((r) => [r.agencyId, r.phase])).toEqual(AGENCIES.map((a) => [a.id, 'identify']));
});

test('campaignStatus follows the obligations: a completed milestone moves its row', async () => {
  const { handle, issuedAt, schedule, obligation } = await startCampaign(world, directive);
  await advanceTo(world, issuedAt, 10);
  await obligation('DOE').executeUpdate(completeMilestoneUpdate, {
    args: [{ milestoneId: 'identify', completedBy: 'officer@doe.example.gov', evidence: { summary: 'None found' } }],
  });
  await settle(world);
  const status = await campaignStatus(handle);
  expect(status.countsByPhase).toEqual({ identify: 2, plan: 1 });
  expect(status.agencies.find((r) => r.agencyId === 'DOE')?.phase).toBe('plan');
  expect(status.overdue).toBe(0);

  // A day after identify's deadline (from the schedule: "day 31" can fall before it, by the hour of issuance and DST),
  // the two that did not report are overdue.
  await advanceToInstant(world, dueOf(schedule, 'identify') + DAY_MS);
  const later = await campaignStatus(handle);
  expect(later.overdue).toBe(2);
  expect(
    later.agencies
      .filter((r) => r.overdue)
      .map((r) => r.agencyId)
      .sort(),
  ).toEqual(['DOJ', 'DOT']);
});

test('a bulk amendment moves the named agencies only, each confirming it applied; the same amendmentId again changes nothing', async () => {
  const { handle, obligation } = await startCampaign(world, directive);
  await settle(world);
  const before = new Map<string, string | null | undefined>();
  for (const a of AGENCIES) before.set(a.id, dueAt(await obligation(a.id).query(statusQuery), 'identify'));

  const extend = {
    amendmentId: 'AMD-1',
    kind: 'extend' as const,
    milestoneId: 'identify',
    extendByDays: 10,
    agencies: ['DOJ', 'DOE'],
    reason: 'Shutdown',
    directedBy: 'DHS',
  };
  const result = await handle.executeUpdate(amendDirectiveUpdate, { args: [extend] });
  expect(result.agencies).toEqual([
    { agencyId: 'DOJ', outcome: 'applied' },
    { agencyId: 'DOE', outcome: 'applied' },
  ]);
  await settle(world);
  const moved = async (id: string) =>
    Date.parse(dueAt(await obligation(id).query(statusQuery), 'identify') ?? '') - Date.parse(before.get(id) ?? '');
  // Ten calendar days in the directive's zone: 10 × 24 h, give or take the hour of a DST change between them.
  const tenDays = (id: string) => {
    const from = DateTime.fromISO(before.get(id) ?? '', { zone: directive.timeZone });
    return from.plus({ days: 10 }).toMillis() - from.toMillis();
  };
  expect(await moved('DOJ')).toBe(tenDays('DOJ'));
  expect(await moved('DOE')).toBe(tenDays('DOE'));
  expect(await moved('DOT')).toBe(0);

  const again = await handle.executeUpdate(amendDirectiveUpdate, { args: [extend] });
  expect(again.agencies.map((a) => a.outcome)).toEqual(['unchanged', 'unchanged']);
  await settle(world);
  expect(await moved('DOJ')).toBe(tenDays('DOJ'));
  expect((await campaignStatus(handle)).amendments).toEqual(['AMD-1']);
});

test('unknown agencies and malformed amendments are refused with a message naming them', async () => {
  const { handle } = await startCampaign(world, directive);
  await settle(world);
  const refusal = async (args: unknown): Promise<string> => {
    const err = await handle.executeUpdate(amendDirectiveUpdate, { args: [args as never] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message ?? '';
  };
  const base = { amendmentId: 'AMD-2', kind: 'waive', milestoneId: 'identify', reason: 'r', directedBy: 'DHS' };
  expect(await refusal({ ...base, agencies: ['DOJ', 'NASA', 'XYZ'] })).toMatch(/unknown agencies: NASA, XYZ/);
  expect(await refusal({ ...base, extendByDays: 3 })).toMatch(/extendByDays/);
  expect(
    await refusal({ amendmentId: 'D-1', kind: 'decide', decision: 'maybe', reason: 'r', directedBy: 'DHS' }),
  ).toMatch(/decision/);
  expect((await campaignStatus(handle)).amendments).toEqual([]);
});

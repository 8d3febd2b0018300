/**
 * WAITS FOR HELPER R2 (rules v3: "resume moves by the whole calendar days held, keeping the local time of day").
 * Rename to late-uphold-calendar.test.ts once R2's obligation work is merged. On wt-C1 alone the calendar
 * assertions fail: the obligation still moves a resumed deadline by the exact milliseconds held, so removal lands at
 * the decision's clock time instead of 23:59:59 local.
 */
import { DateTime } from 'luxon';
import type { ObligationStatus } from '../../../domain/obligation';
import { statusQuery } from '../../../workflows/messages';
import { cliFor, useLifecycle } from '../lifecycle/harness';
import {
  AGENCIES,
  advanceToInstant,
  bod1701As,
  campaignStatus,
  dueOf,
  endCampaign,
  settle,
  startCampaign,
  startSharedWorker,
} from './harness';

const world = useLifecycle(startSharedWorker);
const run = cliFor(world);
const directive = bod1701As('BOD-17-01-CAL');
afterAll(async () => endCampaign(world, directive.id));

const DAY = 86_400_000;
const local = (ms: number) => DateTime.fromMillis(ms, { zone: directive.timeZone });
const localDays = (from: number, to: number) =>
  Math.round(local(to).startOf('day').diff(local(from).startOf('day'), 'days').days);

test('a late uphold moves removal by the whole calendar days held, keeping its local time of day, and the status reports with it', async () => {
  const { handle, schedule, obligation } = await startCampaign(world, directive);
  const gateAt = dueOf(schedule, 'remove');
  const status1At = dueOf(schedule, 'status-1');
  await advanceToInstant(world, gateAt + 5 * DAY + 9.5 * 3_600_000); // day 95, mid-morning or so
  await settle(world);
  const heldSince = Date.parse((await campaignStatus(handle)).vendorResponse!.heldSince!);
  const decidedAt = await world.env.currentTimeMs();
  const decided = await run(['decide', directive.id, '--uphold', '--by', 'DHS', '--reason', 'upheld', '--json']);
  expect(decided.code).toBe(0);
  await settle(world);
  const days = localDays(heldSince, decidedAt);
  for (const a of AGENCIES) {
    const s: ObligationStatus = await obligation(a.id).query(statusQuery);
    const remove = Date.parse(s.milestones.find((m) => m.id === 'remove')!.currentDueAt!);
    expect(local(remove).toISODate()).toBe(local(gateAt).plus({ days }).toISODate());
    expect(local(remove).toFormat('HH:mm:ss')).toBe(local(gateAt).toFormat('HH:mm:ss'));
    const status1 = Date.parse(s.milestones.find((m) => m.id === 'status-1')!.currentDueAt!);
    expect(local(status1).toFormat('HH:mm')).toBe(local(status1At).toFormat('HH:mm'));
    expect(s.milestones.find((m) => m.id === 'remove')!.escalationLevel).toBe(0);
  }
});

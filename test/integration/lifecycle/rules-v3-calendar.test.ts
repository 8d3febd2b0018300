/**
 * Rules v3, the calendar, driven through the `directive` CLI on the time-skipping server (issue 9, points 3, 5, 10).
 * Amendments go through the campaign (`directive amend`); the recurring-series scenario runs an obligation without a
 * campaign and reads it with `directive status --json`.
 */
import { DateTime } from 'luxon';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import type { DirectiveDefinition } from '../../../domain/directive';
import type { ObligationStatus } from '../../../domain/obligation';
import { agencyObligation } from '../../../workflows';
import { obligationWorkflowId } from '../../../workflows/campaign-messages';
import { amendSignal } from '../../../workflows/messages';
import { bod1701As, endCampaign, settle, startCampaign, startSharedWorker } from '../campaign/harness';
import { DOJ, advanceTo, cliFor, sentSince, useLifecycle } from './harness';

// One worker for the whole file: see startSharedWorker.
const world = useLifecycle(startSharedWorker);

let n = 0;
let definition: DirectiveDefinition;
beforeEach(() => {
  definition = bod1701As(`BOD-17-01-V3C${++n}`);
});
afterEach(async () => endCampaign(world, definition.id, [DOJ]));

const zone = () => definition.timeZone;
/** The local date `days` calendar days after issuance, as an operator types it: 2026-12-16. */
const localDate = (issuedAt: number, days: number) =>
  DateTime.fromMillis(issuedAt, { zone: zone() }).plus({ days }).toISODate()!;

async function statusJson(agencyId = 'DOJ'): Promise<ObligationStatus> {
  const r = await cliFor(world)(['status', definition.id, agencyId, '--json']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as ObligationStatus;
}

/** What reached the mail server for this test's directive (the server is shared by the file's tests). */
const sentHere = (issuedAt: number) =>
  sentSince(world.smtp, issuedAt).filter((s) => s.key.startsWith(`${definition.id}/`));

const amend = (...args: string[]) =>
  cliFor(world)(['amend', definition.id, '--agency', 'DOJ', ...args, '--reason', 'test', '--directed-by', 'DHS/CS&C']);

test('identify brought forward to a day already passed gets escalation L1 at once, then L2 and L3 in their time', async () => {
  const { issuedAt } = await startCampaign(world, definition, { agencies: [DOJ] });
  await advanceTo(world, issuedAt, 20);
  const r = await amend('--extend', 'identify', '--to', localDate(issuedAt, 17), '--amendment-id', 'FWD-1');
  expect(r.code).toBe(0);
  await settle(world);
  await advanceTo(world, issuedAt, 33);
  const identify = sentHere(issuedAt).filter((s) => s.milestone === 'identify' && s.kind === 'escalation');
  // L1 on the day of the amendment (day 20), L2 seven days after the new deadline (day 24-25), L3 fourteen after.
  expect(identify.map((s) => s.key.split('/').at(-1))).toEqual(['L1', 'L2', 'L3']);
  expect(identify[0]!.day).toBe(20);
  const status = await statusJson();
  expect(status.milestones.find((m) => m.id === 'identify')).toMatchObject({ highestEscalation: 3 });
});

test('a new date before issuance or ten years after it is refused into the history, naming the date', async () => {
  const { issuedAt } = await startCampaign(world, definition, { agencies: [DOJ] });
  await advanceTo(world, issuedAt, 5);
  // The obligation refuses both and tells the campaign: the CLI exits 3 (refused by the engine) naming the date.
  const bad1 = await amend('--extend', 'identify', '--to', '0001-01-01', '--amendment-id', 'BAD-1');
  expect(bad1.code).toBe(3);
  expect(bad1.stderr).toMatch(/DOJ.*0001-01-01.*before the directive's issuance/);
  // Absurd counts are refused at the boundary (exit 2, naming the option and the limit) and never sent.
  const absurd = await amend('--extend', 'identify', '--by-days', '-100000', '--amendment-id', 'BAD-0');
  expect(absurd.code).toBe(2);
  expect(absurd.stderr).toContain('--by-days');
  const bad2 = await amend('--extend', 'identify', '--by-days', '-3000', '--amendment-id', 'BAD-2');
  expect(bad2.code).toBe(3);
  await settle(world);
  const status = await statusJson();
  const refused = status.history.filter((h) => h.event === 'amendment-refused').map((h) => h.detail);
  expect(refused).toEqual([
    expect.stringMatching(/^BAD-1: the new deadline Mon 0001-01-01 23:59 .* is before the directive's issuance/),
    expect.stringMatching(/^BAD-2: the new deadline .* is before the directive's issuance/),
  ]);
  expect(status.amendments).toEqual([]);
  // The dry run says the same before anything is sent.
  const dry = await amend('--extend', 'identify', '--to', '0001-01-01', '--dry-run', '--json');
  expect(dry.code).toBe(3);
  expect((JSON.parse(dry.stdout) as { agencies: { effect: string }[] }).agencies).toEqual([
    {
      agencyId: 'DOJ',
      milestoneId: 'identify',
      oldDueAt: expect.any(String),
      newDueAt: expect.any(String),
      effect: expect.stringMatching(
        /^refused: the new deadline Mon 0001-01-01 23:59 .* is before the directive's issuance/,
      ),
    },
  ]);
  const identify = status.milestones.find((m) => m.id === 'identify')!;
  expect(identify.dueAt).toBe(identify.currentDueAt);
  expect(Date.parse(identify.dueAt!)).toBeGreaterThan(issuedAt + 29 * 24 * 3600 * 1000);
});

test('resuming a held remove keeps its extended deadline and moves it by the whole calendar days held', async () => {
  const { issuedAt, schedule } = await startCampaign(world, definition, { agencies: [DOJ] });
  const remove = () => statusJson().then((s) => s.milestones.find((m) => m.id === 'remove')!);
  await advanceTo(world, issuedAt, 10);
  expect((await amend('--extend', 'remove', '--by-days', '30', '--amendment-id', 'EXT-1')).code).toBe(0);
  await settle(world);
  const extended = DateTime.fromISO((await remove()).dueAt!, { zone: zone() });
  const original = DateTime.fromISO(schedule.milestones.find((m) => m.id === 'remove')!.dueAt!, { zone: zone() });
  expect(extended.toISODate()).toBe(original.plus({ days: 30 }).toISODate());
  await advanceTo(world, issuedAt, 20);
  expect((await amend('--hold', 'remove', '--amendment-id', 'HOLD-1')).code).toBe(0);
  await settle(world);
  await advanceTo(world, issuedAt, 32);
  expect((await amend('--resume', 'remove', '--amendment-id', 'RES-1')).code).toBe(0);
  await settle(world);
  const resumed = await remove();
  const held = DateTime.fromISO(resumed.dueAt!, { zone: zone() });
  // Held from day 20 to day 32: twelve calendar days, whatever the hour of the two amendments; same local time of day.
  expect(held.toISODate()).toBe(extended.plus({ days: 12 }).toISODate());
  expect(held.toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');
  expect(resumed.held).toBe(false);
  const events = (await statusJson()).history.filter((h) => h.milestoneId === 'remove').map((h) => h.event);
  expect(events).toEqual(expect.arrayContaining(['amended:extend', 'amended:hold', 'amended:resume']));
});

test('status reports continue past the ones computed up front until removal is done, and escalate', async () => {
  // BOD 17-01 with only two status reports computed up front, so the series must be continued by the calculus.
  definition = {
    ...bod1701As(`BOD-17-01-V3S${n}`),
    milestones: bod1701As('x').milestones.map((m) =>
      m.recurring ? { ...m, recurring: { ...m.recurring, count: 2 } } : m,
    ),
  };
  const issuedAt = await world.env.currentTimeMs();
  const schedule = computeSchedule(definition, new Date(issuedAt).toISOString());
  await world.env.client.workflow.start(agencyObligation, {
    taskQueue: world.taskQueue,
    workflowId: obligationWorkflowId(definition.id, DOJ.id),
    args: [{ definition, agency: DOJ, schedule }],
  });
  expect(schedule.milestones.filter((m) => m.milestoneId === 'status')).toHaveLength(2);
  // status-1 at day 120, status-2 at day 150: once status-1 has passed, status-3 onwards are computed.
  await advanceTo(world, issuedAt, 185);
  const status = await statusJson();
  const reports = status.milestones.filter((m) => m.id.startsWith('status-'));
  expect(reports.map((m) => m.id)).toEqual(['status-1', 'status-2', ...[3, 4, 5, 6, 7, 8].map((k) => `status-${k}`)]);
  const status2 = DateTime.fromISO(reports[1]!.dueAt!, { zone: zone() });
  const status3 = DateTime.fromISO(reports[2]!.dueAt!, { zone: zone() });
  expect(status3.toISODate()).toBe(status2.plus({ days: 30 }).toISODate());
  expect(status.history.map((h) => h.event)).toContain('series-continued');
  const escalations = sentHere(issuedAt).filter((s) => s.milestone === 'status-3' && s.kind === 'escalation');
  expect(escalations.map((s) => s.key.split('/').at(-1))).toEqual(['L1']);

  // Removal reported: the series closes, and no further occurrence is computed however long the obligation runs.
  const done = await cliFor(world)([
    'complete',
    definition.id,
    'DOJ',
    'removed',
    '--by',
    DOJ.contacts.complianceOfficer,
    '--evidence',
    'all products removed',
  ]);
  expect(done.code).toBe(0);
  await advanceTo(world, issuedAt, 400);
  const after = await world.env.client.workflow
    .getHandle(obligationWorkflowId(definition.id, DOJ.id))
    .query<ObligationStatus>('status');
  expect(after.milestones.filter((m) => m.id.startsWith('status-')).length).toBeLessThanOrEqual(8);
});

test('an open-ended milestone given a date with --to gets reminders at 09:00 and escalation; --by-days is refused', async () => {
  // BOD 18-01's dmarc-report-address: "move the deadline when DHS announces the address". An obligation without a
  // campaign: the amendments go by the obligation's `amend` signal, the dry run and the status through the CLI.
  const bod1801 = findDirective('BOD-18-01')!;
  definition = { ...bod1801, id: `BOD-18-01-V3O${n}` };
  const issuedAt = await world.env.currentTimeMs();
  const handle = await world.env.client.workflow.start(agencyObligation, {
    taskQueue: world.taskQueue,
    workflowId: obligationWorkflowId(definition.id, DOJ.id),
    args: [{ definition, agency: DOJ, schedule: computeSchedule(definition, new Date(issuedAt).toISOString()) }],
  });
  await advanceTo(world, issuedAt, 5);
  const dry = await amend('--extend', 'dmarc-report-address', '--by-days', '10', '--dry-run', '--json');
  expect((JSON.parse(dry.stdout) as { agencies: { effect: string }[] }).agencies[0]!.effect).toBe(
    'refused: dmarc-report-address is open-ended (no deadline): --by-days has nothing to count from; give it a date with --to DATE',
  );
  const signal = (amendmentId: string, change: { newDueAt: string } | { extendByDays: number }) =>
    handle.signal(amendSignal, {
      amendmentId,
      kind: 'extend',
      milestoneId: 'dmarc-report-address',
      reason: 'DHS announced the reporting address',
      directedBy: 'DHS/CS&C',
      ...change,
    });
  await signal('OPEN-1', { extendByDays: 10 });
  await signal('OPEN-2', { newDueAt: localDate(issuedAt, 20) });
  await settle(world);
  const status = await statusJson();
  expect(status.history.filter((h) => h.event === 'amendment-refused').map((h) => h.detail)).toEqual([
    'OPEN-1: dmarc-report-address is open-ended (no deadline): --by-days has nothing to count from; give it a date with --to DATE',
  ]);
  const m = status.milestones.find((x) => x.id === 'dmarc-report-address')!;
  expect(DateTime.fromISO(m.dueAt!, { zone: zone() }).toISODate()).toBe(localDate(issuedAt, 20));
  await advanceTo(world, issuedAt, 22);
  const sent = sentHere(issuedAt).filter((s) => s.milestone === 'dmarc-report-address');
  expect(sent.map((s) => s.kind)).toEqual(['amended', 'reminder', 'reminder', 'escalation']);
  const reminders = world.smtp.received
    .filter((r) => /dmarc-report-address\/reminder/.test(String(r.mail.headers.get('x-directive-notice'))))
    .filter((r) => String(r.mail.headers.get('x-directive-notice')).startsWith(`${definition.id}/`));
  for (const r of reminders)
    expect(DateTime.fromMillis(r.receivedAt ?? 0, { zone: zone() }).toFormat('HH:mm')).toBe('09:00');
});

import { DateTime } from 'luxon';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  applyAmendmentUpdate,
  completeMilestoneUpdate,
  reviewMilestoneUpdate,
  type AmendInput,
} from '../../../workflows/messages';
import { NextDeadlineKey, ObligationPhaseKey, OverdueKey } from '../../../workflows/search-attributes';
import { BOD_17_01, DAY_MS, DOJ, useLifecycle, status } from './harness';
import { scenario, type Handle, type Scenario } from './scenario';

const world = useLifecycle();

const OFFICER = DOJ.contacts.complianceOfficer;
const CIO = DOJ.contacts.cio;
const REVIEWER = 'bod-review@example.gov';
const directedBy = 'DHS Assistant Secretary for Cybersecurity';
const sorted = (xs: string[]) => [...xs].sort();
const plusCalendarDays = (ms: number, days: number) =>
  DateTime.fromMillis(ms, { zone: BOD_17_01.timeZone }).plus({ days }).toMillis();

async function dueAt(handle: Handle, id: string): Promise<number> {
  const m = (await status(handle)).milestones.find((x) => x.id === id);
  return Date.parse(m!.dueAt!);
}

/** identify on day 29.5, plan submitted day 50 and approved day 52: the obligation's first two months, on time. */
async function onTimeThroughPlan({ handle, advance }: Scenario): Promise<void> {
  await advance(29.5);
  await handle.executeUpdate(completeMilestoneUpdate, {
    args: [{ milestoneId: 'identify', completedBy: OFFICER, evidence: { summary: 'None found' } }],
  });
  await advance(50);
  await handle.executeUpdate(completeMilestoneUpdate, {
    args: [{ milestoneId: 'plan', completedBy: OFFICER, evidence: { summary: 'Removal plan' } }],
  });
  await advance(52);
  await handle.executeUpdate(reviewMilestoneUpdate, {
    args: [{ milestoneId: 'plan', reviewer: REVIEWER, decision: 'approve', comment: 'Complete' }],
  });
}

test('an extension of remove by 30 days at day 85: no escalation at day 90, reminders for the new date', async () => {
  await scenario(world, 'DOJX', async (s) => {
    const { handle } = s;
    await onTimeThroughPlan(s);
    await s.advance(85);
    const before = await dueAt(handle, 'remove');
    const firstReportBefore = await dueAt(handle, 'status-1');
    await s.amend({
      amendmentId: 'AMD-1',
      kind: 'extend',
      milestoneId: 'remove',
      extendByDays: 30,
      reason: 'Vendor response under review',
      directedBy,
    });

    const st = await status(handle);
    const remove = st.milestones.find((m) => m.id === 'remove')!;
    const expected = plusCalendarDays(before, 30);
    expect(Date.parse(remove.dueAt!)).toBe(expected);
    // 30 calendar days in the directive's zone: 30×24 h, give or take a DST change.
    expect(Math.abs(expected - (before + 30 * DAY_MS))).toBeLessThanOrEqual(3_600_000);
    expect(remove.state).toBe('pending');
    expect(st.amendments).toEqual(['AMD-1']);
    expect(st.history.filter((h) => h.event === 'amended:extend').map((h) => h.milestoneId)).toEqual(['remove']);
    expect((await handle.describe()).typedSearchAttributes.get(NextDeadlineKey)?.getTime()).toBe(expected);

    await s.advance(100);
    expect(await status(handle)).toMatchObject({ overdue: false, escalationLevel: 0, phase: 'remove' });
    expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);

    await s.advance(119.5);
    const mails = await s.sent();
    expect(mails.filter((n) => n.kind === 'escalation')).toEqual([]);
    // Status reports count from remove: the first one moves with it, by the same 30 calendar days (rules v3), instead of
    // falling due the day remove does.
    expect(await dueAt(handle, 'status-1')).toBe(plusCalendarDays(firstReportBefore, 30));
    expect(mails.filter((n) => n.milestone === 'status-1')).toEqual([]);
    expect(mails.filter((n) => n.milestone === 'remove').map((n) => [n.kind, n.day])).toEqual([
      // Reminders at 09:00 local (rules v3), the day index counted from an 18:00 issuance.
      ['reminder', 82],
      ['amended', 85],
      ['reminder', 112],
      ['reminder', 118],
    ]);
    expect(mails.find((n) => n.kind === 'amended')!.to).toEqual([OFFICER]);
    // The new reminders carry the new deadline in their idempotency key.
    const newIso = new Date(expected).toISOString();
    expect(mails.filter((n) => n.milestone === 'remove' && n.day >= 113).every((n) => n.key.includes(newIso))).toBe(
      true,
    );
    await s.record('amendments-extend');
  });
});

test('a hold of remove at day 80 and a resume at day 100: nothing is sent while held and the deadline moves by the time held', async () => {
  await scenario(world, 'DOJH', async (s) => {
    const { handle } = s;
    await onTimeThroughPlan(s);
    await s.advance(80);
    const before = await dueAt(handle, 'remove');
    await s.amend({
      amendmentId: 'HOLD-1',
      kind: 'hold',
      milestoneId: 'remove',
      reason: 'New information under review',
      directedBy,
    });
    expect((await status(handle)).milestones.find((m) => m.id === 'remove')).toMatchObject({
      held: true,
      state: 'pending',
    });

    await s.advance(95);
    const held = await status(handle);
    expect(held).toMatchObject({ overdue: false, escalationLevel: 0 });
    expect(held.milestones.find((m) => m.id === 'remove')).toMatchObject({
      held: true,
      escalationLevel: 0,
      highestEscalation: 0,
    });
    expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);

    await s.advance(100);
    await s.amend({
      amendmentId: 'RESUME-1',
      kind: 'resume',
      milestoneId: 'remove',
      reason: 'Review concluded',
      directedBy,
    });
    const resumed = await status(handle);
    const remove = resumed.milestones.find((m) => m.id === 'remove')!;
    expect(remove.held).toBe(false);
    expect(Math.abs(Date.parse(remove.dueAt!) - (before + 20 * DAY_MS))).toBeLessThan(60_000);
    expect(resumed.amendments).toEqual(['HOLD-1', 'RESUME-1']);

    await s.advance(109.5);
    const mails = await s.sent();
    expect(mails.filter((n) => n.day >= 80 && n.day < 100 && n.kind !== 'amended')).toEqual([]);
    expect(mails.filter((n) => n.kind === 'escalation')).toEqual([]);
    expect(mails.filter((n) => n.milestone === 'remove').map((n) => [n.kind, n.day])).toEqual([
      ['amended', 80],
      ['amended', 100],
      ['reminder', 102],
      ['reminder', 108],
    ]);
    expect(await status(handle)).toMatchObject({ overdue: false, escalationLevel: 0 });
  });
});

test('a waived identify gets no reminders and no escalation', async () => {
  await scenario(world, 'DOJW', async (s) => {
    const { handle } = s;
    await s.advance(10);
    await s.amend({
      amendmentId: 'WAIVE-1',
      kind: 'waive',
      milestoneId: 'identify',
      reason: 'Inventory already provided under ED 17-01',
      directedBy,
    });

    await s.advance(45);
    const st = await status(handle);
    expect(st).toMatchObject({
      state: 'active',
      phase: 'plan',
      overdue: false,
      escalationLevel: 0,
      amendments: ['WAIVE-1'],
    });
    expect(st.milestones.find((m) => m.id === 'identify')).toMatchObject({
      state: 'waived',
      late: false,
      escalationLevel: 0,
      highestEscalation: 0,
      completedAt: null,
    });
    const attrs = (await handle.describe()).typedSearchAttributes;
    expect(attrs.get(OverdueKey)).toBe(false);
    expect(attrs.get(ObligationPhaseKey)).toBe('plan');

    const mails = await s.sent();
    expect(mails.map((n) => [n.kind, n.milestone, n.day, n.to])).toEqual([['amended', 'identify', 10, [OFFICER]]]);
  });
});

test('the same amendment sent twice is applied once', async () => {
  await scenario(world, 'DOJD', async (s) => {
    const { handle } = s;
    await s.advance(10);
    const before = await dueAt(handle, 'identify');
    const extension: AmendInput = {
      amendmentId: 'EXT-7',
      kind: 'extend',
      milestoneId: 'identify',
      extendByDays: 5,
      reason: 'Holiday staffing',
      directedBy,
    };
    await s.amend(extension);
    const once = await dueAt(handle, 'identify');
    expect(once).toBe(plusCalendarDays(before, 5));

    await s.advance(12);
    await s.amend(extension);
    const st = await status(handle);
    expect(st.amendments).toEqual(['EXT-7']);
    expect(Date.parse(st.milestones.find((m) => m.id === 'identify')!.dueAt!)).toBe(once);
    expect(st.history.filter((h) => h.event.startsWith('amended')).length).toBe(1);
    expect(st.history.filter((h) => h.event === 'amendment-refused')).toEqual([]);

    await s.advance(34.5);
    const mails = await s.sent();
    expect(mails.map((n) => [n.kind, n.milestone, n.day])).toEqual([
      ['amended', 'identify', 10],
      ['reminder', 'identify', 27],
      ['reminder', 'identify', 33],
    ]);
  });
});

test('a rescission at day 45 ends the workflow; the officer is told and nothing more is sent', async () => {
  await scenario(world, 'DOJR', async (s) => {
    const { handle } = s;
    await s.advance(29.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'identify', completedBy: OFFICER, evidence: { summary: 'None found' } }],
    });
    await s.advance(45);
    await s.amend({
      amendmentId: 'RESCIND-1',
      kind: 'rescind',
      reason: 'Superseded by statute (NDAA FY2018 §1634)',
      directedBy,
    });
    const final = await handle.result();
    expect(final).toMatchObject({
      state: 'rescinded',
      phase: 'rescinded',
      overdue: false,
      escalationLevel: 0,
      nextDeadline: null,
      amendments: ['RESCIND-1'],
    });
    expect(final.milestones.find((m) => m.id === 'identify')).toMatchObject({ state: 'completed', late: false });
    // Rules v3: what was still open when the obligation was rescinded is recorded as rescinded, not left pending.
    expect(final.milestones.find((m) => m.id === 'plan')).toMatchObject({ state: 'rescinded' });
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(ObligationPhaseKey)).toBe('rescinded');
    expect(description.typedSearchAttributes.get(OverdueKey)).toBe(false);

    await s.advance(120);
    const mails = await s.sent();
    expect(mails.map((n) => [n.kind, n.milestone, n.day])).toEqual([
      ['reminder', 'identify', 22],
      ['reminder', 'identify', 28],
      ['completed', 'identify', 29],
      ['rescinded', '-', 45],
    ]);
    expect(sorted(mails.find((n) => n.kind === 'rescinded')!.to)).toEqual(sorted([OFFICER, CIO]));
    expect(mails.filter((n) => n.day > 45)).toEqual([]);
    await s.record('amendments-rescind');
  });
});

test('applyAmendment (how a campaign amends) answers with the outcome; a malformed one is refused before the history', async () => {
  await scenario(world, 'DOJU', async (s) => {
    const { handle } = s;
    await s.advance(10);
    const before = await dueAt(handle, 'identify');
    const apply = (amendment: AmendInput) => handle.executeUpdate(applyAmendmentUpdate, { args: [amendment] });
    const extension: AmendInput = {
      amendmentId: 'EXT-8',
      kind: 'extend',
      milestoneId: 'identify',
      extendByDays: 5,
      reason: 'Holiday staffing',
      directedBy,
    };
    expect(await apply(extension)).toEqual({ outcome: 'applied' });
    expect(await dueAt(handle, 'identify')).toBe(plusCalendarDays(before, 5));
    expect(await apply(extension)).toEqual({ outcome: 'unchanged' });
    const refused = await apply({ ...extension, amendmentId: 'EXT-9', milestoneId: 'no-such-milestone' });
    expect(refused).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('no-such-milestone') });

    const refusals = async () => (await status(handle)).history.filter((h) => h.event === 'amendment-refused');
    expect(await refusals()).toHaveLength(1);
    const malformed = await apply({ ...extension, amendmentId: 'EXT-10', extendByDays: undefined }).catch((e) => e);
    expect(malformed).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((malformed as WorkflowUpdateFailedError).cause?.message).toMatch(/newDueAt/);
    // Refused at the door: no refusal recorded for it, unlike EXT-9's.
    expect(await refusals()).toHaveLength(1);

    expect(await apply({ amendmentId: 'RESCIND-2', kind: 'rescind', reason: 'Superseded', directedBy })).toEqual({
      outcome: 'applied',
    });
    expect((await handle.result()).state).toBe('rescinded');
    expect((await status(handle)).amendments).toEqual(['EXT-8', 'RESCIND-2']);
  });
});

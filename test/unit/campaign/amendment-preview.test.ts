/**
 * The dry run's answer comes from the obligation's own reducer (the `previewAmendment` query), and the CLI's default
 * amendment id from the amendment's content: no server.
 */
import { computeSchedule, moveDeadline } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import { DAY_MS, initialObligation, reduce, type ObligationState } from '../../../domain/obligation';
import { previewAmendment, type AmendmentPreviewInput } from '../../../workflows/amendment-preview';
import { contentAmendmentId } from '../../../client/cli/amend';

const bod = findDirective('BOD-17-01')!;
const agency = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};
const schedule = computeSchedule(bod, '2017-09-13');
const issued = Date.parse(schedule.issuedAt);
const day = (n: number) => issued + n * DAY_MS;
const base = { reason: 'vendor review', directedBy: 'DHS' };

function obligation(rulesVersion: number): ObligationState {
  return initialObligation(bod, agency, schedule, issued, rulesVersion);
}
function amended(state: ObligationState, a: AmendmentPreviewInput, at: number): ObligationState {
  return reduce(state, { type: 'amend', at, amendment: { ...a, newDueAt: undefined } }).state;
}

test('the dry run of a hold on a milestone already on hold says what the rules say: refused under v2, applied under v1', () => {
  const hold: AmendmentPreviewInput = { amendmentId: 'hold-1', kind: 'hold', milestoneId: 'remove', ...base };
  const again: AmendmentPreviewInput = { ...hold, amendmentId: 'hold-2' };
  const v2 = amended(obligation(2), hold, day(20));
  expect(previewAmendment(v2, again, day(21))).toMatchObject({
    outcome: 'refused',
    reason: expect.stringMatching(/remove is already on hold since/) as string,
    before: { id: 'remove', held: true },
  });
  const v1 = amended(obligation(1), hold, day(20));
  expect(previewAmendment(v1, again, day(21))).toMatchObject({ outcome: 'applied' });
});

test('the dry run of an extension of the status series is accepted, as the real amendment is', () => {
  const s = obligation(2);
  const status1 = s.milestones.find((m) => m.milestoneId === 'status')!;
  const moved = moveDeadline(new Date(status1.dueAt!).toISOString(), { extendByDays: 30 }, bod.timeZone);
  const p = previewAmendment(
    s,
    {
      amendmentId: 'ext-1',
      kind: 'extend',
      milestoneId: 'status',
      newDueAt: moved.dueAt,
      explanation: moved.explanation,
      ...base,
    },
    day(10),
  );
  expect(p).toMatchObject({
    outcome: 'applied',
    before: { id: status1.id, currentDueAt: new Date(status1.dueAt!).toISOString() },
    after: { id: status1.id, currentDueAt: new Date(Date.parse(moved.dueAt)).toISOString() },
  });
  expect(p.effect).toContain('amended:extend');
  // Nothing changed: a query runs the reducer on a copy.
  expect(s.milestones.find((m) => m.id === status1.id)!.dueAt).toBe(status1.dueAt);
});

test('the dry run names the reason an obligation would refuse, and says unchanged for an amendment it applied', () => {
  let s = obligation(2);
  s = reduce(s, {
    type: 'report',
    at: day(5),
    milestoneId: 'identify',
    completedBy: 'o@doj.example.gov',
    evidence: { summary: 'none found' },
  }).state;
  const extendIdentify: AmendmentPreviewInput = {
    amendmentId: 'ext-2',
    kind: 'extend',
    milestoneId: 'identify',
    newDueAt: new Date(day(40)).toISOString(),
    ...base,
  };
  expect(previewAmendment(s, extendIdentify, day(6))).toMatchObject({
    outcome: 'refused',
    reason: expect.stringMatching(/identify is completed, nothing to extend/) as string,
  });
  const waive: AmendmentPreviewInput = { amendmentId: 'waive-1', kind: 'waive', milestoneId: 'plan', ...base };
  s = amended(s, waive, day(6));
  expect(previewAmendment(s, waive, day(7))).toMatchObject({ outcome: 'unchanged' });
});

test('an extension by days of a milestone with no deadline (removed) is refused as the workflow refuses it', () => {
  const s = obligation(2);
  expect(s.milestones.find((m) => m.id === 'removed')?.dueAt).toBeNull();
  expect(
    previewAmendment(s, { amendmentId: 'x', kind: 'extend', milestoneId: 'removed', ...base }, day(1)),
  ).toMatchObject({ outcome: 'refused', reason: 'removed has no deadline to move' });
});

describe('the default amendment id', () => {
  const extend = {
    amendmentId: '',
    kind: 'extend' as const,
    milestoneId: 'remove',
    extendByDays: 30,
    agencies: ['DOJ', 'DOE'],
    reason: 'vendor contract',
    directedBy: 'DHS',
  };

  test('is derived from the content: the same command retried has the same id', () => {
    expect(contentAmendmentId(extend)).toMatch(/^extend-[0-9a-f]{16}$/);
    expect(contentAmendmentId({ ...extend })).toBe(contentAmendmentId(extend));
    expect(contentAmendmentId({ ...extend, agencies: ['DOE', 'DOJ'] })).toBe(contentAmendmentId(extend));
  });

  test('changes with any of kind, agencies, milestone, days, date, reason or who directed it', () => {
    const id = contentAmendmentId(extend);
    for (const other of [
      { ...extend, agencies: ['DOJ'] },
      { ...extend, milestoneId: 'plan' },
      { ...extend, extendByDays: 31 },
      { ...extend, extendByDays: undefined, newDueAt: '2018-01-15' },
      { ...extend, reason: 'another reason' },
      { ...extend, directedBy: 'OMB' },
      { ...extend, kind: 'hold' as const, extendByDays: undefined },
    ])
      expect(contentAmendmentId(other)).not.toBe(id);
    const uphold = {
      amendmentId: '',
      kind: 'decide' as const,
      decision: 'uphold' as const,
      reason: 'r',
      directedBy: 'd',
    };
    expect(contentAmendmentId(uphold)).not.toBe(contentAmendmentId({ ...uphold, decision: 'rescind' }));
  });
});

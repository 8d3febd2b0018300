/** The campaign's rules alone, without a server: the reducer the `directiveCampaign` workflow applies. */
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import type { Agency } from '../../../domain/agency';
import {
  CampaignRefusal,
  GATE_HOLD_REASON,
  GATE_LEAD_MS,
  allClosed,
  awaitingOutcomes,
  campaignView,
  gateOf,
  initialCampaign,
  reduceCampaign,
  type CampaignAgencyRow,
  type CampaignAmendment,
  type CampaignContext,
  type CampaignEvent,
  type CampaignState,
} from '../../../domain/campaign';

const bod = findDirective('BOD-17-01')!;
const agency = (id: string): Agency => ({
  id,
  name: `Agency ${id}`,
  contacts: {
    complianceOfficer: `o@${id}.example.gov`,
    cio: `c@${id}.example.gov`,
    head: `h@${id}.example.gov`,
  },
});
const AGENCIES = ['DOJ', 'DOE', 'DOT'].map(agency);
const schedule = computeSchedule(bod, '2017-09-13');
const ctx: CampaignContext = { definition: bod, schedule };
const issued = Date.parse(schedule.issuedAt);
const removeDue = Date.parse(schedule.milestones.find((m) => m.id === 'remove')!.dueAt!);
const DAY = 86_400_000;

function run(state: CampaignState, ...events: CampaignEvent[]) {
  let last = reduceCampaign(ctx, state, events[0]!);
  for (const e of events.slice(1)) last = reduceCampaign(ctx, last.state, e);
  return last;
}
/** A campaign whose obligations all exist, under rules `version`. */
function started(version = 2): CampaignState {
  const s = initialCampaign(bod, AGENCIES, schedule, version);
  return run(s, ...AGENCIES.map((a): CampaignEvent => ({ type: 'started', agencyId: a.id }))).state;
}
const extend = (amendmentId: string, agencies?: string[]): CampaignAmendment => ({
  amendmentId,
  kind: 'extend',
  milestoneId: 'remove',
  extendByDays: 30,
  reason: 'vendor contract',
  directedBy: 'DHS',
  ...(agencies ? { agencies } : {}),
});
const decide = (amendmentId: string, decision: 'uphold' | 'rescind'): CampaignAmendment => ({
  amendmentId,
  kind: 'decide',
  decision,
  reason: 'the response does not change the finding',
  directedBy: 'DHS Secretary',
});
const amend = (amendment: CampaignAmendment, at = issued + 10 * DAY): CampaignEvent => ({
  type: 'amend',
  at,
  amendment,
});
const refusal = (state: CampaignState, event: CampaignEvent): string => {
  try {
    reduceCampaign(ctx, state, event);
  } catch (err) {
    expect(err).toBeInstanceOf(CampaignRefusal);
    return (err as Error).message;
  }
  throw new Error('not refused');
};

describe('starting and progress rows', () => {
  test('a new campaign shows every agency as starting, due at the first deadline, under the current rules', () => {
    const s = initialCampaign(bod, AGENCIES, schedule);
    expect(s.rulesVersion).toBe(2);
    expect(s.rows.map((r) => [r.agencyId, r.workflowId, r.phase, r.nextDeadline])).toEqual(
      AGENCIES.map((a) => [a.id, `BOD-17-01/${a.id}`, 'starting', schedule.milestones[0]!.dueAt]),
    );
    expect(campaignView(ctx, s)).toMatchObject({ countsByPhase: { starting: 3 }, overdue: 0 });
  });

  test("an obligation's row replaces its agency's row, under the campaign's agency name; strangers are ignored", () => {
    const row: CampaignAgencyRow = {
      agencyId: 'DOE',
      name: 'renamed',
      workflowId: 'BOD-17-01/DOE',
      phase: 'plan',
      nextDeadline: null,
      overdue: true,
      escalationLevel: 2,
    };
    const s = run(started(), { type: 'progress', row }, { type: 'progress', row: { ...row, agencyId: 'NASA' } }).state;
    expect(s.rows.find((r) => r.agencyId === 'DOE')).toEqual({ ...row, name: 'Agency DOE' });
    expect(s.rows).toHaveLength(3);
    expect(campaignView(ctx, s)).toMatchObject({ countsByPhase: { starting: 2, plan: 1 }, overdue: 1 });
  });

  test('the campaign is over only when every obligation exists and has ended', () => {
    const done = (s: CampaignState, id: string, phase: string) =>
      run(s, { type: 'progress', row: { ...s.rows.find((r) => r.agencyId === id)!, phase } }).state;
    let s = started();
    s = done(done(s, 'DOJ', 'completed'), 'DOE', 'rescinded');
    expect(allClosed(s)).toBe(false);
    expect(allClosed(done(s, 'DOT', 'completed'))).toBe(true);
    const notAllStarted = initialCampaign(bod, AGENCIES, schedule);
    expect(allClosed(notAllStarted)).toBe(false);
  });

  test('the input state is never changed', () => {
    const s = started();
    const copy = JSON.stringify(s);
    run(s, amend(extend('A-1')), { type: 'hold-gate', at: removeDue - 30 * DAY });
    expect(JSON.stringify(s)).toBe(copy);
  });
});

describe('amendments and their outcomes', () => {
  test('an amendment is signalled to the named agencies only, without the agency list', () => {
    const r = run(started(), amend(extend('A-1', ['DOJ', 'DOE'])));
    expect(r.reply).toBeUndefined();
    expect(r.signals).toEqual([
      {
        amendmentId: 'A-1',
        agencies: ['DOJ', 'DOE'],
        amendment: {
          amendmentId: 'A-1',
          kind: 'extend',
          milestoneId: 'remove',
          extendByDays: 30,
          reason: 'vendor contract',
          directedBy: 'DHS',
        },
      },
    ]);
    expect(r.state.amendments).toEqual(['A-1']);
    expect(awaitingOutcomes(r.state, 'A-1')).toBe(true);
  });

  test('the answer says, per agency, what each obligation did: applied, refused with its reason, or ended', () => {
    const r = run(
      started(),
      amend(extend('A-1')),
      { type: 'delivery', amendmentId: 'A-1', agencyId: 'DOJ', delivered: true },
      { type: 'outcome', amendmentId: 'A-1', agencyId: 'DOJ', outcome: 'applied' },
      // The answer may come before the delivery is confirmed: it stands.
      { type: 'outcome', amendmentId: 'A-1', agencyId: 'DOE', outcome: 'refused', reason: 'remove is completed' },
      { type: 'delivery', amendmentId: 'A-1', agencyId: 'DOE', delivered: true },
      { type: 'delivery', amendmentId: 'A-1', agencyId: 'DOT', delivered: false, detail: 'workflow completed' },
    );
    expect(awaitingOutcomes(r.state, 'A-1')).toBe(false);
    const answered = reduceCampaign(ctx, r.state, { type: 'answered', amendmentId: 'A-1' });
    expect(answered.reply).toEqual({
      amendmentId: 'A-1',
      kind: 'extend',
      agencies: [
        { agencyId: 'DOJ', outcome: 'applied' },
        { agencyId: 'DOE', outcome: 'refused', detail: 'remove is completed' },
        { agencyId: 'DOT', outcome: 'not-delivered', detail: 'workflow completed' },
      ],
    });
    expect(answered.state.open).toEqual([]);
  });

  test('an obligation that does not confirm in time is reported as no-answer, not as applied', () => {
    const r = run(started(), amend(extend('A-1', ['DOJ'])), {
      type: 'delivery',
      amendmentId: 'A-1',
      agencyId: 'DOJ',
      delivered: true,
    });
    expect(awaitingOutcomes(r.state, 'A-1')).toBe(true);
    expect(reduceCampaign(ctx, r.state, { type: 'answered', amendmentId: 'A-1' }).reply?.agencies).toEqual([
      { agencyId: 'DOJ', outcome: 'no-answer', detail: expect.stringContaining('did not confirm') as string },
    ]);
  });

  test('the same amendmentId again changes nothing and says unchanged for every agency it named', () => {
    const once = run(started(), amend(extend('A-1', ['DOJ', 'DOE'])), { type: 'answered', amendmentId: 'A-1' });
    const again = reduceCampaign(ctx, once.state, amend(extend('A-1', ['DOJ', 'DOE'])));
    expect(again.signals).toEqual([]);
    expect(again.reply?.agencies).toEqual([
      { agencyId: 'DOJ', outcome: 'unchanged' },
      { agencyId: 'DOE', outcome: 'unchanged' },
    ]);
    expect(again.state.amendments).toEqual(['A-1']);
  });

  test('a version 1 campaign answers as it always did: signalled, and already-applied for a repeat', () => {
    const r = run(started(1), amend(extend('A-1', ['DOJ'])), {
      type: 'delivery',
      amendmentId: 'A-1',
      agencyId: 'DOJ',
      delivered: true,
    });
    expect(awaitingOutcomes(r.state, 'A-1')).toBe(false);
    const answered = reduceCampaign(ctx, r.state, { type: 'answered', amendmentId: 'A-1' });
    expect(answered.reply?.agencies).toEqual([{ agencyId: 'DOJ', outcome: 'signalled' }]);
    expect(reduceCampaign(ctx, answered.state, amend(extend('A-1', ['DOJ']))).reply?.agencies).toEqual([
      { agencyId: 'DOJ', outcome: 'already-applied' },
    ]);
  });

  test('unknown agencies, a second decision, a decision without a vendor response and a rescinded campaign are refused', () => {
    const s = started();
    expect(refusal(s, amend(extend('A-1', ['DOJ', 'NASA', 'XYZ'])))).toMatch(/unknown agencies: NASA, XYZ/);
    const upheld = run(s, amend(decide('D-1', 'uphold'))).state;
    expect(refusal(upheld, amend(decide('D-2', 'rescind')))).toMatch(/already made: uphold/);
    const rescinded = run(s, amend(decide('D-1', 'rescind'))).state;
    expect(refusal(rescinded, amend(extend('A-9')))).toMatch(/was rescinded/);
    const noVendor = { ...ctx, definition: { ...bod, vendorResponse: undefined } };
    expect(() => reduceCampaign(noVendor, s, amend(decide('D-1', 'uphold')))).toThrow(/no vendor response/);
  });
});

describe('the vendor-response gate and the decision', () => {
  const gate = gateOf(bod, schedule)!;

  test('an undecided gate is held as the response window closes (day 51), long before removal opens', () => {
    expect(gate.milestoneId).toBe('remove');
    expect(gate.dueAt).toBe(removeDue);
    expect(gate.holdAt).toBe(Math.min(Date.parse(schedule.vendorResponseDueAt!), removeDue - GATE_LEAD_MS));
    const r = reduceCampaign(ctx, started(), { type: 'hold-gate', at: gate.holdAt });
    expect(r.state.gateHeldAt).toBe(gate.holdAt);
    expect(r.state.amendments).toEqual(['BOD-17-01/vendor-response/hold']);
    expect(r.signals).toEqual([
      {
        amendmentId: 'BOD-17-01/vendor-response/hold',
        agencies: ['DOJ', 'DOE', 'DOT'],
        amendment: {
          amendmentId: 'BOD-17-01/vendor-response/hold',
          kind: 'hold',
          milestoneId: 'remove',
          reason: GATE_HOLD_REASON,
          directedBy: 'BOD-17-01 campaign',
        },
      },
    ]);
    expect(campaignView(ctx, r.state).vendorResponse).toMatchObject({
      decision: 'pending',
      heldSince: new Date(gate.holdAt).toISOString(),
    });
    // Held once only.
    expect(reduceCampaign(ctx, r.state, { type: 'hold-gate', at: gate.holdAt + DAY }).signals).toEqual([]);
  });

  test('uphold before the gate was held sends nothing: removal opens as scheduled', () => {
    const r = reduceCampaign(ctx, started(), amend(decide('D-1', 'uphold'), issued + 45 * DAY));
    expect(r.signals).toEqual([]);
    expect(r.reply).toMatchObject({ agencies: [], detail: expect.stringMatching(/opens as scheduled/) as string });
    expect(r.state.decision).toBe('uphold');
  });

  test('a late uphold resumes the held milestone for every agency with no new date: each keeps its own deadline', () => {
    const held = reduceCampaign(ctx, started(), { type: 'hold-gate', at: gate.holdAt }).state;
    const late = removeDue + 5 * DAY;
    const r = reduceCampaign(ctx, held, amend(decide('D-1', 'uphold'), late));
    expect(r.signals).toEqual([
      {
        amendmentId: 'D-1/resume',
        agencies: ['DOJ', 'DOE', 'DOT'],
        amendment: {
          amendmentId: 'D-1/resume',
          kind: 'resume',
          milestoneId: 'remove',
          reason: 'the response does not change the finding',
          directedBy: 'DHS Secretary',
        },
      },
    ]);
    expect(r.signals[0]!.amendment).not.toHaveProperty('newDueAt');
    expect(r.state.decision).toBe('uphold');
    // The obligations answer for the resume they were sent; the decision's answer carries their outcomes.
    const answers = ['DOJ', 'DOE', 'DOT'].flatMap((agencyId): CampaignEvent[] => [
      { type: 'delivery', amendmentId: 'D-1/resume', agencyId, delivered: true },
      { type: 'outcome', amendmentId: 'D-1/resume', agencyId, outcome: 'applied' },
    ]);
    const confirmed = run(r.state, ...answers);
    expect(awaitingOutcomes(confirmed.state, 'D-1')).toBe(false);
    expect(reduceCampaign(ctx, confirmed.state, { type: 'answered', amendmentId: 'D-1' }).reply).toMatchObject({
      amendmentId: 'D-1',
      kind: 'decide',
      agencies: ['DOJ', 'DOE', 'DOT'].map((agencyId) => ({ agencyId, outcome: 'applied' })),
    });
  });

  test('a version 1 campaign still resumes at the scheduled instant or at the decision, whichever is later', () => {
    const held = reduceCampaign(ctx, started(1), { type: 'hold-gate', at: gate.holdAt }).state;
    const late = removeDue + 5 * DAY;
    expect(reduceCampaign(ctx, held, amend(decide('D-1', 'uphold'), late)).signals[0]!.amendment.newDueAt).toBe(
      new Date(late).toISOString(),
    );
    expect(
      reduceCampaign(ctx, held, amend(decide('D-1', 'uphold'), removeDue - 5 * DAY)).signals[0]!.amendment.newDueAt,
    ).toBe(new Date(removeDue).toISOString());
  });

  test('rescind signals every agency and ends the campaign', () => {
    const r = reduceCampaign(ctx, started(), amend(decide('D-1', 'rescind')));
    expect(r.state.decision).toBe('rescind');
    expect(r.signals[0]).toMatchObject({ agencies: ['DOJ', 'DOE', 'DOT'], amendment: { kind: 'rescind' } });
    expect(campaignView(ctx, r.state).vendorResponse?.decision).toBe('rescind');
  });

  test('a state carried over from a run before rules versions reads as version 1', () => {
    const { rulesVersion: _v, open: _o, ...old } = started();
    const r = run(old, amend(extend('A-1', ['DOJ'])), {
      type: 'delivery',
      amendmentId: 'A-1',
      agencyId: 'DOJ',
      delivered: true,
    });
    expect(reduceCampaign(ctx, r.state, { type: 'answered', amendmentId: 'A-1' }).reply?.agencies).toEqual([
      { agencyId: 'DOJ', outcome: 'signalled' },
    ]);
  });
});

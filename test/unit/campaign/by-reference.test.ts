/**
 * A by-reference campaign's rules and answers without a server: its state stays the same size for 3 agencies or
 * 100,000, and the answers it gives name a bounded number of agencies.
 */
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import {
  CampaignRefusal,
  MAX_ANSWER_ROWS,
  OutcomeTally,
  allReferenceClosed,
  campaignView,
  initialCampaign,
  initialReferenceCampaign,
  reduceReference,
  referenceView,
  type CampaignAgencyRow,
  type ReferenceCampaignState,
  type ReferenceContext,
  type ReferenceEvent,
} from '../../../domain/campaign';

const bod = findDirective('BOD-17-01')!;
const schedule = computeSchedule(bod, '2017-09-13');
const contextOf = (count: number): ReferenceContext => ({
  definition: bod,
  schedule,
  agencies: { sha256: 'a'.repeat(64), count },
});

function run(ctx: ReferenceContext, ...events: ReferenceEvent[]) {
  let state = initialReferenceCampaign();
  let last = reduceReference(ctx, state, events[0]!);
  for (const event of events) {
    last = reduceReference(ctx, state, event);
    state = last.state;
  }
  return last;
}

const row = (agencyId: string, phase: string): CampaignAgencyRow => ({
  agencyId,
  name: agencyId,
  workflowId: `BOD-17-01/${agencyId}`,
  phase,
  nextDeadline: null,
  overdue: false,
  escalationLevel: 0,
});

const extend = {
  amendmentId: 'AMD-1',
  kind: 'extend' as const,
  milestoneId: 'identify',
  extendByDays: 7,
  reason: 'r',
  directedBy: 'DHS',
};

test('the state of a campaign of 100,000 agencies is as small as one of 3', () => {
  const events: ReferenceEvent[] = [
    { type: 'started', count: 3 },
    { type: 'progress', row: row('A1', 'completed') },
    { type: 'amend', at: 0, amendment: extend },
  ];
  const small = JSON.stringify(run(contextOf(3), ...events).state).length;
  const large = JSON.stringify(run(contextOf(100_000), ...events).state).length;
  expect(large).toBe(small);
  expect(large).toBeLessThan(300);
});

test('the fan-out counts started obligations; the campaign is over when every one has reported its end', () => {
  const ctx = contextOf(3);
  let state: ReferenceCampaignState = run(ctx, { type: 'started', count: 2 }, { type: 'started', count: 5 }).state;
  expect(state.started).toBe(3);
  state = reduceReference(ctx, state, { type: 'progress', row: row('A1', 'identify') }).state;
  expect(state.closed).toBe(0);
  state = reduceReference(ctx, state, { type: 'progress', row: row('A1', 'completed') }).state;
  state = reduceReference(ctx, state, { type: 'found-closed' }).state;
  expect(allReferenceClosed(ctx, state)).toBe(false);
  state = reduceReference(ctx, state, { type: 'progress', row: row('A3', 'rescinded') }).state;
  expect(allReferenceClosed(ctx, state)).toBe(true);
});

test('an amendment to every agency names no agency: the workflow pages through the file', () => {
  const result = run(
    contextOf(10_000),
    { type: 'started', count: 10_000 },
    { type: 'amend', at: 0, amendment: extend },
  );
  expect(result.signals).toEqual([{ amendmentId: 'AMD-1', targets: 'all', amendment: extend }]);
  expect(result.state.amendments).toEqual(['AMD-1']);
});

test('the same amendmentId again changes nothing and answers with a count, not 10,000 rows', () => {
  const result = run(
    contextOf(10_000),
    { type: 'amend', at: 0, amendment: extend },
    { type: 'amend', at: 1, amendment: extend },
  );
  expect(result.signals).toEqual([]);
  expect(result.reply).toMatchObject({ agencies: [], outcomes: { unchanged: 10_000 }, omitted: 0 });
  expect(result.reply?.detail).toMatch(/handled before/);
});

test('a decision is refused when the directive was rescinded, or when it was already made', () => {
  const decide = (id: string, decision: 'uphold' | 'rescind') =>
    ({
      type: 'amend',
      at: 0,
      amendment: { amendmentId: id, kind: 'decide', decision, reason: 'r', directedBy: 'DHS' },
    }) as const;
  const ctx = contextOf(5);
  const rescinded = run(ctx, decide('D-1', 'rescind'));
  expect(rescinded.state.decision).toBe('rescind');
  expect(rescinded.signals[0]?.targets).toBe('all');
  expect(() => reduceReference(ctx, rescinded.state, decide('D-2', 'uphold'))).toThrow(CampaignRefusal);
  const upheld = run(ctx, decide('D-1', 'uphold'));
  expect(upheld.reply?.detail).toMatch(/opens as scheduled/);
  expect(() => reduceReference(ctx, upheld.state, decide('D-2', 'rescind'))).toThrow(/already made: uphold/);
});

test('its status answer holds no rows and says where they are', () => {
  const ctx = contextOf(10_000);
  const status = referenceView(ctx, run(ctx, { type: 'started', count: 4_000 }).state);
  expect(status).toMatchObject({
    agencies: [],
    rowsFrom: 'visibility',
    countsByPhase: { starting: 6_000 },
    overdue: null,
    agencyCount: 10_000,
    started: 4_000,
    closed: 0,
  });
  expect(JSON.stringify(status).length).toBeLessThan(1024);
});

describe('the answer to a bulk amendment', () => {
  test('counts every outcome and names at most MAX_ANSWER_ROWS agencies, those that did not apply it first', () => {
    const tally = new OutcomeTally('AMD-1', 'extend', 'AMD-1');
    for (let i = 0; i < 10_000; i++) tally.delivered(`A${i}`, i !== 7, i === 7 ? 'workflow not found' : undefined);
    for (let i = 0; i < 10_000; i++)
      if (i !== 7 && i !== 9)
        tally.answer(`A${i}`, i === 3 ? 'refused' : 'applied', i === 3 ? 'x'.repeat(5000) : undefined);
    expect(tally.waiting()).toBe(1);
    const result = tally.result();
    expect(result.outcomes).toEqual({ applied: 9_997, refused: 1, 'not-delivered': 1, 'no-answer': 1 });
    expect(result.agencies).toHaveLength(MAX_ANSWER_ROWS);
    expect(result.omitted).toBe(10_000 - MAX_ANSWER_ROWS);
    expect(result.agencies.slice(0, 3).map((a) => [a.agencyId, a.outcome])).toEqual([
      ['A3', 'refused'],
      ['A7', 'not-delivered'],
      ['A9', 'no-answer'],
    ]);
    expect(result.agencies[0]!.detail!.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(result).length).toBeLessThan(64 * 1024);
  });

  test('an answer that arrives before the delivery is confirmed counts once', () => {
    const tally = new OutcomeTally('AMD-1', 'extend', 'AMD-1');
    tally.answer('DOJ', 'applied');
    tally.delivered('DOJ', true);
    expect(tally.waiting()).toBe(0);
    expect(tally.result()).toMatchObject({
      agencies: [{ agencyId: 'DOJ', outcome: 'applied' }],
      outcomes: { applied: 1 },
    });
  });
});

test('an inline campaign answers its rows a page at a time; a cursor that is not one is refused by name', () => {
  const agencies = Array.from({ length: 2_500 }, (_, i) => ({
    id: `A${i}`,
    name: `Agency ${i}`,
    contacts: { complianceOfficer: 'o@x.example.gov', cio: 'c@x.example.gov', head: 'h@x.example.gov' },
  }));
  const ctx = { definition: bod, schedule };
  const state = initialCampaign(bod, agencies, schedule);
  const first = campaignView(ctx, state);
  expect(first.agencies).toHaveLength(1000);
  expect(first.countsByPhase).toEqual({ starting: 2_500 });
  expect(first.nextCursor).toBe('1000');
  const last = campaignView(ctx, state, { cursor: '2000', limit: 1000 });
  expect(last.agencies.map((a) => a.agencyId)).toEqual(agencies.slice(2000).map((a) => a.id));
  expect(last.nextCursor).toBeNull();
  expect(() => campaignView(ctx, state, { cursor: 'abc' })).toThrow(/cursor: "abc"/);
  expect(() => campaignView(ctx, state, { limit: 0 })).toThrow(/limit/);
});

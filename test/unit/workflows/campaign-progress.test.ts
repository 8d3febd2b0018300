import type { CampaignAgencyRow } from '../../../workflows/campaign-messages';
import { dedupingReporter, progressRow } from '../../../workflows/campaign-progress';
import { DAY_MS, Obligation, dueAt, iso } from '../../fixtures/bod-17-01';

/** The agency's row in `directive campaign status`, as each obligation reports it to its campaign. */
const WORKFLOW_ID = 'BOD-17-01/DOJ';
const row = (o: Obligation): CampaignAgencyRow => progressRow(o.state, o.agency.name, WORKFLOW_ID);
const identifyDue = dueAt('identify');
const planDue = dueAt('plan');

describe("an obligation's row in its campaign", () => {
  test('at issuance: the agency, its workflow, identify as the phase and its deadline next, nothing overdue', () => {
    expect(row(new Obligation())).toEqual({
      agencyId: 'DOJ',
      name: 'Department of Justice',
      workflowId: WORKFLOW_ID,
      phase: 'identify',
      nextDeadline: iso(identifyDue),
      overdue: false,
      escalationLevel: 0,
    });
  });

  test('a reminder changes nothing in the row; the deadline passing makes it overdue at level 1', () => {
    const o = new Obligation();
    o.tick(identifyDue - DAY_MS);
    expect(row(o)).toMatchObject({ phase: 'identify', overdue: false, escalationLevel: 0 });
    o.tick(identifyDue);
    expect(row(o)).toMatchObject({
      phase: 'identify',
      nextDeadline: iso(identifyDue),
      overdue: true,
      escalationLevel: 1,
    });
  });

  test('a week after identify was missed the agency stands at escalation level 2, after two weeks at level 3', () => {
    const o = new Obligation();
    o.tick(identifyDue + 7 * DAY_MS - 1);
    expect(row(o).escalationLevel).toBe(1);
    o.tick(identifyDue + 7 * DAY_MS);
    expect(row(o).escalationLevel).toBe(2);
    o.tick(identifyDue + 14 * DAY_MS);
    expect(row(o)).toMatchObject({ overdue: true, escalationLevel: 3 });
  });

  test('a late report clears overdue and the escalation, and moves the agency on to the plan', () => {
    const o = new Obligation();
    o.tick(identifyDue + 8 * DAY_MS);
    o.report('identify', identifyDue + 9 * DAY_MS);
    expect(row(o)).toMatchObject({ phase: 'plan', nextDeadline: iso(planDue), overdue: false, escalationLevel: 0 });
  });

  test('a plan awaiting review is not overdue after its deadline; the next deadline is the start of removal', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.tick(planDue + DAY_MS);
    expect(row(o)).toMatchObject({
      phase: 'plan',
      nextDeadline: iso(dueAt('remove')),
      overdue: false,
      escalationLevel: 0,
    });
  });

  test('after a rejection the next deadline is the resubmission deadline', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.review('plan', planDue, 'reject', 'no removal timeline');
    expect(row(o)).toMatchObject({ phase: 'plan', nextDeadline: iso(planDue + 10 * DAY_MS), overdue: false });
  });

  test('once removal has begun the phase reads "reporting" and the next status report is next', () => {
    const o = new Obligation();
    o.report('identify', identifyDue - DAY_MS);
    o.report('plan', planDue - 2 * DAY_MS);
    o.review('plan', planDue, 'approve', 'ok');
    o.report('remove', dueAt('remove') - DAY_MS);
    expect(row(o)).toMatchObject({ phase: 'reporting', nextDeadline: iso(dueAt('status-1')), overdue: false });
    o.report('status', dueAt('status-1') - DAY_MS);
    expect(row(o).nextDeadline).toBe(iso(dueAt('status-2')));
  });

  test('a rescinded obligation has no next deadline and nothing overdue, even with a milestone missed', () => {
    const o = new Obligation();
    o.tick(identifyDue + 8 * DAY_MS);
    o.amend(identifyDue + 8 * DAY_MS, { amendmentId: 'R-1', kind: 'rescind' });
    expect(row(o)).toMatchObject({ phase: 'rescinded', nextDeadline: null, overdue: false, escalationLevel: 0 });
  });
});

describe('sending the row to the campaign', () => {
  const reporter = () => {
    const sent: CampaignAgencyRow[] = [];
    return { sent, progress: dedupingReporter((r) => sent.push(r)) };
  };

  test('the first row is sent; an unchanged row is not sent again; each change is sent', () => {
    const { sent, progress } = reporter();
    const o = new Obligation();
    progress.report(row(o));
    o.tick(identifyDue - 7 * DAY_MS); // a reminder: the row is the same
    progress.report(row(o));
    o.tick(identifyDue); // overdue, level 1
    progress.report(row(o));
    progress.report(row(o));
    expect(sent.map((r) => [r.overdue, r.escalationLevel])).toEqual([
      [false, 0],
      [true, 1],
    ]);
  });

  test('a row that changes back is sent again: only the last row sent counts', () => {
    const { sent, progress } = reporter();
    const o = new Obligation();
    const before = row(o);
    o.tick(identifyDue);
    progress.report(before);
    progress.report(row(o));
    progress.report(before);
    expect(sent).toEqual([before, row(o), before]);
  });

  test('when a restarted campaign asks again, the same row is sent once more, then deduplicated as before', () => {
    const { sent, progress } = reporter();
    const r = row(new Obligation());
    progress.report(r);
    progress.forget();
    progress.report(r);
    progress.report(r);
    expect(sent).toEqual([r, r]);
  });

  test('each obligation remembers only its own rows', () => {
    const a = reporter();
    const b = reporter();
    const r = row(new Obligation());
    a.progress.report(r);
    b.progress.report(r);
    expect([a.sent, b.sent]).toEqual([[r], [r]]);
  });
});

/**
 * Drill 5, the obligation's updates: `completeMilestone` and `reviewMilestone` through the validator's own code
 * (parse, then the reducer on a copy of the state, as workflows/obligation.ts does), 1,000 generated bad payloads
 * each. Every one is refused, and the refusal names the field (or the milestone the obligation does not have).
 */
import fc from 'fast-check';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import { Refusal, initialObligation, reduce, type ObligationEvent } from '../../../domain/obligation';
import { parseReport, parseReview, reportEvent, reviewEvent } from '../../../workflows/obligation-payloads';
import type { CompleteMilestoneInput, ReviewMilestoneInput } from '../../../workflows/messages';
import { RUNS, type BadPayload } from './bad-values';
import { REPORT_BASE, REVIEW_BASE, badReports, badReviews } from './messages';

const BOD = findDirective('BOD-17-01')!;
const schedule = computeSchedule(BOD, '2017-09-13');
const issuedAt = Date.parse(schedule.issuedAt);
const DOJ = {
  id: 'DOJ',
  name: 'Department of Justice',
  contacts: { complianceOfficer: 'o@doj.example.gov', cio: 'c@doj.example.gov', head: 'h@doj.example.gov' },
};
const state = initialObligation(BOD, DOJ, schedule, issuedAt, 3);
const arrival = issuedAt + 10 * 86_400_000;

/** What the workflow's validator does with a payload: undefined when it accepts, else the refusal's message. */
function refusalOf(parse: () => void, event: () => ObligationEvent): string | undefined {
  try {
    parse();
    reduce(state, event());
    return undefined;
  } catch (err) {
    if (err instanceof Refusal) return err.message;
    // Anything else would reach the worker as a workflow task failure, not a refusal.
    throw err;
  }
}

const report = (raw: unknown) =>
  refusalOf(
    () => parseReport(raw as CompleteMilestoneInput),
    () => reportEvent(raw as CompleteMilestoneInput, arrival),
  );
const review = (raw: unknown) =>
  refusalOf(
    () => parseReview(raw as ReviewMilestoneInput),
    () => reviewEvent(raw as ReviewMilestoneInput, arrival),
  );

/** A well-formed id that is no milestone of BOD 17-01. */
const unknownMilestone = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/)
  .filter((id) => !state.milestones.some((m) => m.id === id.trim()));

function expectRefusedNaming(message: string | undefined, { field }: BadPayload): void {
  expect(message).toBeDefined();
  expect(message).toContain(field);
}

test('completeMilestone: 1,000 malformed payloads are each refused, naming the field', () => {
  expect(report(REPORT_BASE)).toBeUndefined();
  fc.assert(
    fc.property(badReports, (bad) => expectRefusedNaming(report(bad.payload), bad)),
    RUNS,
  );
});

test('reviewMilestone: 1,000 malformed payloads are each refused, naming the field', () => {
  fc.assert(
    fc.property(badReviews, (bad) => expectRefusedNaming(review(bad.payload), bad)),
    RUNS,
  );
});

test('completeMilestone and reviewMilestone for 1,000 milestones the obligation does not have are refused, naming the milestone', () => {
  fc.assert(
    fc.property(unknownMilestone, fc.boolean(), (id, isReview) => {
      const message = isReview
        ? review({ ...REVIEW_BASE, milestoneId: id })
        : report({ ...REPORT_BASE, milestoneId: id });
      expect(message).toContain(`unknown milestone "${id}"`);
    }),
    RUNS,
  );
});

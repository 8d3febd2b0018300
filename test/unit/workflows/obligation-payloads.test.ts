/**
 * Validation at the boundary, once: the update validators parse with zod, the handlers (which re-run on replay) build
 * the event from the accepted payload without it, and produce exactly what the parsed payload gave before.
 */
import { Refusal } from '../../../domain/obligation';
import { parseReport, parseReview, reportEvent, reviewEvent } from '../../../workflows/obligation-payloads';
import {
  CompleteMilestoneInput,
  ReviewMilestoneInput,
  type CompleteMilestoneInput as Report,
  type ReviewMilestoneInput as Review,
} from '../../../workflows/messages';

const at = Date.parse('2017-10-13T21:00:00Z');

const reports: Report[] = [
  { milestoneId: 'identify', completedBy: 'officer@doj.example.gov' },
  {
    milestoneId: '  identify \n',
    completedBy: 'Officer@DOJ.example.gov',
    evidence: { summary: '  scan of 14,210 endpoints: none found\t' },
  },
  {
    completedAt: '2017-10-13T17:00:00-04:00',
    evidence: {
      sha256: 'AB'.repeat(32),
      uri: 'https://docs.doj.example.gov/bod-17-01/scan',
      summary: 'scan',
      // Unknown evidence keys are dropped by the schema's parse: the handler drops them too.
      ...({ note: 'extra' } as object),
    },
    completedBy: 'o@doj.example.gov',
    milestoneId: 'status-3',
  },
  {
    milestoneId: 'plan',
    completedBy: 'o@doj.example.gov',
    evidence: {
      summary: 'plan',
      files: [{ sha256: 'cd'.repeat(32), mediaType: 'text/plain', size: 3, name: ' plan.txt ' }],
    },
    actor: { subject: ' acct-1 ', name: ' Olivia ', channel: 'portal', email: 'O@doj.example.gov' },
  },
];

const reviews: Review[] = [
  { milestoneId: 'plan', reviewer: 'r@dhs.example.gov', decision: 'approve', comment: 'ok' },
  { comment: '  timeline missing \n', decision: 'reject', reviewer: 'R@dhs.example.gov', milestoneId: ' plan' },
  {
    milestoneId: 'plan',
    reviewer: 'r@dhs.example.gov',
    decision: 'approve',
    comment: 'ok',
    actor: { email: 'r@dhs.example.gov', channel: 'cli' },
  },
];

/** The event the handler built before: from the schema's parse (key order included, as the state serialises it). */
function parsedReport(raw: Report) {
  const p = CompleteMilestoneInput.parse(raw);
  return {
    type: 'report',
    at,
    milestoneId: p.milestoneId,
    completedBy: p.completedBy,
    evidence: p.evidence,
    completedAt: p.completedAt === undefined ? undefined : Date.parse(p.completedAt),
    ...(p.actor !== undefined && { actor: p.actor }),
  };
}

test.each(reports)(
  'a valid report payload becomes the same event the schema parse gave, without the schema (%#)',
  (raw) => {
    expect(JSON.stringify(reportEvent(raw, at))).toBe(JSON.stringify(parsedReport(raw)));
    expect(reportEvent(raw, at)).toEqual(parsedReport(raw));
  },
);

test.each(reviews)(
  'a valid review payload becomes the same event the schema parse gave, without the schema (%#)',
  (raw) => {
    const before = { type: 'review', at, ...ReviewMilestoneInput.parse(raw) };
    expect(JSON.stringify(reviewEvent(raw, at))).toBe(JSON.stringify(before));
  },
);

test('the handlers apply an accepted payload even if the parser of the day would refuse it (replay after an upgrade)', () => {
  const refuse = () => {
    throw new Error('a stricter parser');
  };
  const spies = [
    jest.spyOn(CompleteMilestoneInput, 'safeParse').mockImplementation(refuse),
    jest.spyOn(CompleteMilestoneInput, 'parse').mockImplementation(refuse),
    jest.spyOn(ReviewMilestoneInput, 'safeParse').mockImplementation(refuse),
    jest.spyOn(ReviewMilestoneInput, 'parse').mockImplementation(refuse),
  ];
  try {
    expect(reportEvent(reports[1]!, at)).toMatchObject({
      milestoneId: 'identify',
      evidence: { summary: 'scan of 14,210 endpoints: none found' },
    });
    expect(reviewEvent(reviews[1]!, at)).toMatchObject({ milestoneId: 'plan', comment: 'timeline missing' });
  } finally {
    for (const s of spies) s.mockRestore();
  }
});

test('the validators refuse what does not parse, naming the field', () => {
  expect(() => parseReport({ milestoneId: 'identify', completedBy: 'not an email' })).toThrow(Refusal);
  expect(() => parseReport({ milestoneId: 'identify', completedBy: 'not an email' })).toThrow(/completedBy/);
  expect(() => parseReview({ ...reviews[0]!, comment: '   ' })).toThrow(/comment must not be empty/);
  expect(() => parseReport(reports[2]!)).not.toThrow();
});

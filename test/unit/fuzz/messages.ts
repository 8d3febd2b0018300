/**
 * Generators of malformed `agencyObligation` update and signal payloads, shared by the unit fuzz suites (1,000 each,
 * against the validators) and the real run on the dev server (test/integration/drills/fuzz-messages.test.ts).
 */
import fc from 'fast-check';
import { AMENDMENT_KINDS } from '../../../domain/vocabulary';
import {
  MISSING,
  badDateShape,
  badDays,
  badEmail,
  badId,
  badInstant,
  badName,
  badPayloads,
  badText,
  badUri,
  notAString,
  notAnObject,
  notOneOf,
  oversized,
  type BadPayload,
  type FieldSpec,
} from './bad-values';

const actorFields = (emailField: string) => [
  { path: ['actor'], bad: notAnObject },
  { path: ['actor', 'channel'], bad: notOneOf(['portal', 'cli']) },
  { path: ['actor', 'email'], bad: badEmail },
  { path: ['actor', 'name'], bad: badName },
  { path: ['actor', 'subject'], bad: badName },
  { path: ['actor', 'issuer'], bad: badUri },
  // Someone else's address in the actor: the record would say one person and mean another.
  { path: ['actor', 'email'], bad: fc.constant('someone.else@example.gov'), name: 'actor.email' },
  { path: [emailField], bad: fc.constant('someone.else@example.gov'), name: 'actor.email' },
];

const actor = { channel: 'cli', email: 'o@doj.example.gov' };

export const REPORT_BASE = {
  milestoneId: 'identify',
  completedBy: 'o@doj.example.gov',
  evidence: {
    summary: 'scan of 14,210 endpoints: none found',
    uri: 'https://docs.doj.example.gov/scan',
    files: [{ name: 'scan.pdf', size: 10, mediaType: 'application/pdf', sha256: 'ab'.repeat(32) }],
  },
  completedAt: '2017-09-20T12:00:00-04:00',
  actor,
};

export const REVIEW_BASE = {
  milestoneId: 'plan',
  reviewer: 'o@doj.example.gov',
  decision: 'approve',
  comment: 'looks complete',
  actor,
};

export const badReports = badPayloads(
  REPORT_BASE,
  [
    { path: ['milestoneId'], bad: badId },
    { path: ['completedBy'], bad: badEmail },
    { path: ['evidence'], bad: notAnObject },
    { path: ['evidence', 'summary'], bad: badText },
    { path: ['evidence', 'uri'], bad: badUri },
    { path: ['evidence', 'sha256'], bad: fc.oneof(notAString, fc.stringMatching(/^[0-9a-z]{0,70}$/)) },
    { path: ['evidence', 'files'], bad: notAnObject.filter((v) => !Array.isArray(v)) },
    {
      path: ['evidence', 'files'],
      bad: fc.integer({ min: 21, max: 200 }).map((n) => Array.from({ length: n }, () => REPORT_BASE.evidence.files[0])),
    },
    { path: ['evidence', 'files', 0, 'name'], bad: badName },
    {
      path: ['evidence', 'files', 0, 'size'],
      bad: fc.oneof(
        fc.integer({ max: -1 }),
        fc.constantFrom(1e308, 2 ** 31 * 1024, 1.5),
        fc.string({ maxLength: 5 }),
        fc.constant(null),
      ),
    },
    {
      path: ['evidence', 'files', 0, 'mediaType'],
      bad: fc.oneof(notAString, fc.constantFrom('pdf', '', 'a/b/c', 'text/ html')),
    },
    {
      path: ['evidence', 'files', 0, 'sha256'],
      bad: fc.oneof(notAString, fc.constantFrom('AB'.repeat(32), 'ab'.repeat(31))),
    },
    { path: ['completedAt'], bad: badInstant },
    ...actorFields('completedBy'),
  ],
  { required: ['milestoneId', 'completedBy'], knownKeys: Object.keys(REPORT_BASE) },
);

export const badReviews = badPayloads(
  REVIEW_BASE,
  [
    { path: ['milestoneId'], bad: badId },
    { path: ['reviewer'], bad: badEmail },
    { path: ['decision'], bad: notOneOf(['approve', 'reject']) },
    { path: ['comment'], bad: badText },
    ...actorFields('reviewer'),
  ],
  { required: ['milestoneId', 'reviewer', 'decision', 'comment'], knownKeys: Object.keys(REVIEW_BASE) },
);

export const badAmendmentId = fc.oneof(
  badId.filter((v) => v !== 'a/b'),
  oversized(160, (n) => `a/${'b'.repeat(n)}`),
  fc.constantFrom('a//b', '/a', 'a/', 'a/../b'),
);

export const WAIVE = {
  amendmentId: 'A-1',
  kind: 'waive',
  milestoneId: 'identify',
  reason: 'agency request',
  directedBy: 'DHS',
};
export const EXTEND_BY = { ...WAIVE, kind: 'extend', extendByDays: 14 };
export const EXTEND_TO = { ...WAIVE, kind: 'extend', newDueAt: '2017-11-01' };
export const KNOWN = ['amendmentId', 'kind', 'milestoneId', 'newDueAt', 'extendByDays', 'reason', 'directedBy'];

const common: FieldSpec[] = [
  { path: ['amendmentId'], bad: badAmendmentId },
  { path: ['kind'], bad: notOneOf(AMENDMENT_KINDS) },
  { path: ['milestoneId'], bad: badId },
  { path: ['reason'], bad: badText },
  { path: ['directedBy'], bad: badName },
];

/** Every way an amendment for one obligation can be malformed, over the three shapes (waive, extend by, extend to). */
export function badAmendments(extraKnown: string[] = []): fc.Arbitrary<BadPayload> {
  const known = [...KNOWN, ...extraKnown];
  return fc.oneof(
    badPayloads(WAIVE, common, {
      required: ['amendmentId', 'kind', 'milestoneId', 'reason', 'directedBy'],
      knownKeys: known,
    }),
    badPayloads(EXTEND_BY, [{ path: ['extendByDays'], bad: badDays }], {
      required: ['extendByDays'],
      knownKeys: known,
    }).map(
      // Without extendByDays an extend has no change at all: the refusal names newDueAt ("exactly one of").
      (b) =>
        b.field === 'extendByDays' && !('extendByDays' in (b.payload as object)) ? { ...b, field: 'newDueAt' } : b,
    ),
    badPayloads(EXTEND_TO, [{ path: ['newDueAt'], bad: badDateShape.filter((v) => v !== MISSING) }], {
      required: [],
      knownKeys: known,
    }),
    // Rules across fields: days on a waive, both a date and days, neither.
    fc.constant({ payload: { ...WAIVE, extendByDays: 3 }, field: 'extendByDays' }),
    fc.constant({ payload: { ...EXTEND_BY, newDueAt: '2017-11-01' }, field: 'newDueAt' }),
    fc.constantFrom('extend', 'waive', 'hold', 'resume').map((kind) => ({
      payload: { ...WAIVE, kind, milestoneId: undefined },
      field: 'milestoneId',
    })),
  );
}

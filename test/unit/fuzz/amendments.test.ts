/**
 * Drill 5, amendments: the obligation's `amend` signal (a signal cannot be refused at the door, so the workflow parses
 * it and records `amendment-refused` with the parser's reason, see workflows/obligation.ts) and the campaign's
 * `amendDirective` update (its validator refuses). 1,000 generated bad payloads each, every one refused, naming the
 * field.
 */
import fc from 'fast-check';
import { ApplicationFailure } from '@temporalio/common';
import { amendEvent } from '../../../workflows/campaign-amendment-input';
import type { AmendDirectiveInput } from '../../../workflows/campaign-messages';
import { amendmentProblem } from '../../../workflows/obligation-payloads';
import { RUNS, badName, badPayloads, badText, notOneOf, withForbidden, type BadPayload } from './bad-values';
import { EXTEND_BY, EXTEND_TO, KNOWN, WAIVE, badAmendmentId, badAmendments } from './messages';

/**
 * What the obligation records for an `amend` it cannot parse (its `amendment-refused` reason), and what the
 * `applyAmendment` update's validator refuses with; undefined when it parses.
 */
const signalRefusal = amendmentProblem;

/** The campaign validator's refusal of an `amendDirective` payload, or undefined when it parses. */
function campaignRefusal(raw: unknown): string | undefined {
  try {
    amendEvent(raw as AmendDirectiveInput);
    return undefined;
  } catch (err) {
    if (err instanceof ApplicationFailure) return err.message;
    throw err;
  }
}

function expectNamed(message: string | undefined, { field }: BadPayload, whole: RegExp): void {
  expect(message).toBeDefined();
  if (field === 'payload') expect(message).toMatch(whole);
  else expect(message).toContain(field);
}

test('amend signal: 1,000 malformed amendments are each refused with a reason naming the field', () => {
  expect(signalRefusal(WAIVE)).toBeUndefined();
  expect(signalRefusal(EXTEND_BY)).toBeUndefined();
  expect(signalRefusal(EXTEND_TO)).toBeUndefined();
  fc.assert(
    fc.property(badAmendments(), (bad) =>
      // A payload that is not an object has no field to name: the reason says what it is.
      expectNamed(signalRefusal(bad.payload), bad, /expected object/),
    ),
    RUNS,
  );
});

const DECIDE = {
  amendmentId: 'D-1',
  kind: 'decide',
  decision: 'uphold',
  reason: 'vendor response reviewed',
  directedBy: 'DHS',
};

const badDirectiveAmendments = fc.oneof(
  badAmendments(['agencies']),
  badPayloads(
    { ...WAIVE, agencies: ['DOJ', 'DOE'] },
    [
      { path: ['agencies'], bad: fc.oneof(fc.constant([]), fc.constant('DOJ'), fc.constant(null), fc.integer()) },
      { path: ['agencies', 1], bad: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.boolean()) },
    ],
    { required: [], knownKeys: [...KNOWN, 'agencies'] },
  ),
  badPayloads(
    DECIDE,
    [
      { path: ['amendmentId'], bad: badAmendmentId },
      { path: ['decision'], bad: notOneOf(['uphold', 'rescind']) },
      { path: ['reason'], bad: badText },
      { path: ['directedBy'], bad: badName },
    ],
    { required: ['amendmentId', 'decision', 'reason', 'directedBy'], knownKeys: Object.keys(DECIDE) },
  ),
);

test('amendDirective: 1,000 malformed amendments are each refused by the validator, naming the field', () => {
  for (const ok of [WAIVE, EXTEND_BY, EXTEND_TO, DECIDE, { ...WAIVE, agencies: ['DOJ'] }])
    expect(campaignRefusal(ok)).toBeUndefined();
  fc.assert(
    fc.property(badDirectiveAmendments, (bad) => expectNamed(campaignRefusal(bad.payload), bad, /^payload: /)),
    RUNS,
  );
});

test('amendDirective refuses fields it does not know, as each obligation would, instead of fanning them out', () => {
  expect(campaignRefusal({ ...WAIVE, agencies: ['DOJ'], extendByDay: 30 })).toBe(
    'payload: Unrecognized key: "extendByDay"',
  );
});

test("amendDirective's decide names the issuer and the amendment as every other amendment does (one line, an id)", () => {
  expect(campaignRefusal({ ...DECIDE, directedBy: 'DHS\nand someone else' })).toMatch(
    /^directedBy: must not contain control/,
  );
  expect(campaignRefusal({ ...DECIDE, amendmentId: 'decide ../x' })).toMatch(/^amendmentId: .*letters, digits/);
  expect(campaignRefusal({ ...DECIDE, directedBy: 'd'.repeat(129) })).toBe(
    'directedBy: at most 128 characters (got 129)',
  );
});

test('generated control and bidi characters sit inside the value, where trimming cannot remove them', () => {
  fc.assert(
    fc.property(withForbidden('text'), (v) => expect(v.trim()).toBe(v)),
    { numRuns: 200 },
  );
});

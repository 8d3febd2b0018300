import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { DirectiveDefinitionError, parseDirectiveDefinition } from '../../../domain';
import { loadAgenciesFile } from '../../../domain/agencies-file';
import { LIMITS } from '../../../domain/limits';
import { describeIssues } from '../../../domain/zod-issues';
import { AmendDirectiveInput } from '../../../workflows/campaign-messages';
import { AmendInput, CompleteMilestoneInput, ReviewMilestoneInput } from '../../../workflows/messages';
import { days, definition, milestone } from './fixtures';

/**
 * Bounded, clean input at every boundary (domain/limits.ts): what people and files give the engine has a maximum
 * size, no control or bidirectional-formatting characters where they could disguise an id, a name or an address,
 * and evidence links are https: only. Each refusal names the field and the limit.
 */
function problems(schema: z.ZodType, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : describeIssues(parsed.error.issues);
}

const report = {
  milestoneId: 'identify',
  completedBy: 'officer@doj.example.gov',
  evidence: { summary: 'Scanned all endpoints; none found' },
};
const review = { milestoneId: 'plan', reviewer: 'review@dhs.example.gov', decision: 'approve', comment: 'ok' };
const amendment = {
  amendmentId: 'EXT-7',
  kind: 'extend',
  milestoneId: 'identify',
  extendByDays: 30,
  reason: 'procurement of replacement products',
  directedBy: 'DHS/CS&C',
};
const RLO = '\u202E';

describe('the limits, in one place', () => {
  test('4096 characters for a summary, comment or reason; 128 for ids, names and emails', () => {
    expect(LIMITS).toMatchObject({ textMaxChars: 4096, idMaxChars: 128, nameMaxChars: 128, emailMaxChars: 128 });
  });
});

describe('completeMilestone and reviewMilestone payloads', () => {
  test('a report with a summary of 900,000 characters is refused, naming the field and the limit', () => {
    const huge = { ...report, evidence: { summary: 'x'.repeat(900_000) } };
    expect(problems(CompleteMilestoneInput, huge)).toEqual(['evidence.summary: at most 4096 characters (got 900000)']);
  });

  test('a summary of exactly 4096 characters, with line breaks and tabs, is accepted as before', () => {
    const summary = `line one\n\tline two\r\n${'x'.repeat(4096 - 20)}`;
    expect(summary).toHaveLength(4096);
    expect(problems(CompleteMilestoneInput, { ...report, evidence: { summary } })).toEqual([]);
    expect(problems(CompleteMilestoneInput, report)).toEqual([]);
  });

  test('control and bidi characters in free text are refused, naming the character', () => {
    for (const [c, code] of [
      ['\u0000', 'U+0000'],
      ['\u001B', 'U+001B'],
      ['\u0085', 'U+0085'],
      [RLO, 'U+202E'],
      ['\u2066', 'U+2066'],
      ['\u200F', 'U+200F'],
    ]) {
      expect(problems(CompleteMilestoneInput, { ...report, evidence: { summary: `none${c}found` } })).toEqual([
        `evidence.summary: must not contain control or bidirectional-formatting characters (other than line breaks and tabs) (found ${code} at position 5)`,
      ]);
    }
  });

  test('evidence links are https: only (no javascript:, file:, data: or http:)', () => {
    const withUri = (uri: string) => ({ ...report, evidence: { summary: 'scan', uri } });
    expect(problems(CompleteMilestoneInput, withUri('https://docs.doj.example.gov/bod-17-01/scan'))).toEqual([]);
    expect(problems(CompleteMilestoneInput, withUri('javascript:alert(1)'))).toEqual([
      'evidence.uri: must be an https: link (got javascript:)',
    ]);
    expect(problems(CompleteMilestoneInput, withUri('file:///etc/passwd'))).toEqual([
      'evidence.uri: must be an https: link (got file:)',
    ]);
    expect(problems(CompleteMilestoneInput, withUri('http://docs.doj.example.gov/scan'))).toEqual([
      'evidence.uri: must be an https: link (got http:)',
    ]);
    expect(problems(CompleteMilestoneInput, withUri('data:text/html,<script>'))).toEqual([
      'evidence.uri: must be an https: link (got data:)',
    ]);
    expect(problems(CompleteMilestoneInput, withUri(`https://x.example/${'a'.repeat(2048)}`))).toEqual([
      'evidence.uri: at most 2048 characters (got 2066)',
    ]);
  });

  test('milestone ids never carry line breaks, slashes, backslashes or ".."; at most 128 characters', () => {
    for (const id of ['plan\r\nBcc: x', '../identify', 'a/b', 'a\\b', 'status..1', 'plan x'])
      expect(problems(CompleteMilestoneInput, { ...report, milestoneId: id })[0]).toMatch(/^milestoneId: /);
    expect(problems(CompleteMilestoneInput, { ...report, milestoneId: 'x'.repeat(129) })).toEqual([
      'milestoneId: at most 128 characters (got 129)',
    ]);
    expect(problems(CompleteMilestoneInput, { ...report, milestoneId: 'status-24' })).toEqual([]);
  });

  test('an email address with a bidi override, or longer than 128 characters, is refused', () => {
    expect(problems(CompleteMilestoneInput, { ...report, completedBy: `officer${RLO}@doj.example.gov` })).toEqual([
      'completedBy: must not contain control or bidirectional-formatting characters (found U+202E at position 8)',
    ]);
    const long = `${'o'.repeat(120)}@doj.example.gov`;
    expect(problems(ReviewMilestoneInput, { ...review, reviewer: long })).toEqual([
      `reviewer: at most 128 characters (got ${long.length})`,
    ]);
  });

  test("a reviewer's comment of more than 4096 characters is refused", () => {
    expect(problems(ReviewMilestoneInput, review)).toEqual([]);
    expect(problems(ReviewMilestoneInput, { ...review, comment: 'c'.repeat(4097) })).toEqual([
      'comment: at most 4096 characters (got 4097)',
    ]);
  });
});

describe('the amend signal (parsed when the obligation takes it from its queue) and the campaign amendment', () => {
  test('a reasonable amendment is accepted, including the ids the campaign derives ("D-1/resume")', () => {
    expect(problems(AmendInput, amendment)).toEqual([]);
    expect(problems(AmendInput, { ...amendment, amendmentId: 'D-1/resume' })).toEqual([]);
    expect(problems(AmendInput, { ...amendment, amendmentId: 'BOD-17-01/vendor-response/hold' })).toEqual([]);
  });

  test('reason at most 4096 characters, directedBy at most 128, each refusal naming its field', () => {
    expect(problems(AmendInput, { ...amendment, reason: 'r'.repeat(5000) })).toEqual([
      'reason: at most 4096 characters (got 5000)',
    ]);
    expect(problems(AmendInput, { ...amendment, directedBy: 'd'.repeat(129) })).toEqual([
      'directedBy: at most 128 characters (got 129)',
    ]);
    expect(problems(AmendInput, { ...amendment, directedBy: `DHS\nBcc: everyone` })).toEqual([
      'directedBy: must not contain control or bidirectional-formatting characters (found U+000A at position 4)',
    ]);
  });

  test('amendment ids with line breaks, "..", backslashes or more than 160 characters are refused', () => {
    for (const id of ['EXT\r\n7', '../../etc', 'a\\b', 'D-1//resume', 'x'.repeat(161)])
      expect(problems(AmendInput, { ...amendment, amendmentId: id })[0]).toMatch(/^amendmentId: /);
    expect(problems(AmendInput, { ...amendment, amendmentId: 'x'.repeat(161) })).toEqual([
      'amendmentId: at most 160 characters (got 161)',
    ]);
  });

  test('extendByDays is bounded to ten years either way', () => {
    expect(problems(AmendInput, { ...amendment, extendByDays: -3650 })).toEqual([]);
    expect(problems(AmendInput, { ...amendment, extendByDays: -100000 })).toEqual([
      'extendByDays: at most 3650 days either way (got -100000)',
    ]);
  });

  test("the campaign's amendDirective payload has the same bounds", () => {
    expect(problems(AmendDirectiveInput.options[0], { ...amendment, reason: 'r'.repeat(4097) })).toEqual([
      'reason: at most 4096 characters (got 4097)',
    ]);
  });
});

describe('the agencies file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'directive-limits-'));
  const contacts = { complianceOfficer: 'c@doj.example.gov', cio: 'i@doj.example.gov', head: 'h@doj.example.gov' };
  const load = (agency: object) => {
    const file = path.join(dir, 'agencies.json');
    writeFileSync(file, JSON.stringify([agency]));
    return () => loadAgenciesFile(file);
  };

  test('a name of more than 128 characters, or with a bidi override, is refused naming the entry and field', () => {
    expect(load({ id: 'DOJ', name: 'n'.repeat(129), contacts })).toThrow(
      'agencies.json: [0].name: at most 128 characters (got 129)',
    );
    expect(load({ id: 'DOJ', name: `Department of ${RLO}Justice`, contacts })).toThrow(
      'agencies.json: [0].name: must not contain control or bidirectional-formatting characters (found U+202E at position 15)',
    );
  });

  test('an id of more than 128 characters and an address with a control character are refused', () => {
    expect(load({ id: 'D'.repeat(129), name: 'DOJ', contacts })).toThrow(
      'agencies.json: [0].id: at most 128 characters (got 129)',
    );
    expect(load({ id: 'DOJ', name: 'DOJ', contacts: { ...contacts, cio: 'cio@doj.example.gov\r\n' } })).toThrow(
      /^agencies\.json: \[0\]\.contacts\.cio: must not contain control/,
    );
  });
});

describe('directive definitions', () => {
  function problemsOf(input: unknown): string[] {
    try {
      parseDirectiveDefinition(input);
    } catch (error) {
      expect(error).toBeInstanceOf(DirectiveDefinitionError);
      return (error as DirectiveDefinitionError).problems;
    }
    return [];
  }

  test('offsets are bounded per unit: 3650 days, 120 months, 87600 hours', () => {
    expect(problemsOf(definition([milestone('a', days(3650))]))).toEqual([]);
    expect(problemsOf(definition([milestone('a', days(3651))]))).toEqual([
      'milestones.0.clock.offset.amount: at most 3650 calendarDays (got 3651)',
    ]);
    expect(problemsOf(definition([milestone('a', days(121, 'months'))]))).toEqual([
      'milestones.0.clock.offset.amount: at most 120 months (got 121)',
    ]);
    expect(problemsOf(definition([milestone('a', days(87601, 'hours'))]))).toEqual([
      'milestones.0.clock.offset.amount: at most 87600 hours (got 87601)',
    ]);
  });

  test('reminders at most 365 days before, review and resubmission windows at most 365 days', () => {
    expect(problemsOf(definition([milestone('a', days(30), { reminderDaysBefore: [366] })]))).toEqual([
      'milestones.0.reminderDaysBefore.0: at most 365 days (got 366)',
    ]);
    expect(
      problemsOf(definition([milestone('a', days(30), { review: { windowDays: 400, resubmissionDays: 10 } })])),
    ).toEqual(['milestones.0.review.windowDays: at most 365 days (got 400)']);
    expect(
      problemsOf(definition([milestone('a', days(30), { review: { windowDays: 10, resubmissionDays: 366 } })])),
    ).toEqual(['milestones.0.review.resubmissionDays: at most 365 days (got 366)']);
  });

  test('escalation steps and recurrences are bounded too', () => {
    const step = { level: 1, notify: ['cio' as const], afterDays: 366 };
    expect(problemsOf(definition([milestone('a', days(30), { escalation: [step] })]))).toEqual([
      'milestones.0.escalation.0.afterDays: at most 365 days (got 366)',
    ]);
    const status = milestone('s', days(30), { recurring: { everyDays: 366, until: 'a' } });
    expect(problemsOf(definition([milestone('a', days(30)), status]))).toEqual([
      'milestones.1.recurring.everyDays: at most 365 days (got 366)',
    ]);
  });

  test('ids, titles and contacts of a definition are clean text', () => {
    expect(problemsOf(definition([milestone('a', days(30), { title: `Identify${RLO}` })]))).toEqual([
      'milestones.0.title: must not contain control or bidirectional-formatting characters (other than line breaks and tabs) (found U+202E at position 9)',
    ]);
    const long = definition([milestone('a', days(30))]);
    long.contacts.reviewer.name = 'n'.repeat(129);
    expect(problemsOf(long)).toEqual(['contacts.reviewer.name: at most 128 characters (got 129)']);
  });
});

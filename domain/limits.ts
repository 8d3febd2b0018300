/**
 * The bounds on everything a person or a file gives the engine, in one place: update payloads, the amend signal, the
 * CLI, the agencies file and directive definitions all check against these, and each refusal names the field and the
 * limit ("evidence.summary: at most 4096 characters (got 900000)"). They keep a workflow's state (carried whole by
 * continue-as-new, Temporal refuses payloads over 2 MB) small, and keep emails, file names and CSV cells clean.
 * Plain zod, no luxon: the workflow bundle imports it.
 */
import { z } from 'zod';

export const LIMITS = {
  /** A summary, comment, reason or any other free text: characters (UTF-16 code units), after trimming. */
  textMaxChars: 4096,
  /** An id (directive, agency, milestone, amendment), a name or an email address. */
  idMaxChars: 128,
  nameMaxChars: 128,
  emailMaxChars: 128,
  /** An amendment id: an id, plus the `/`-separated suffix the campaign adds to its own ("D-1/resume"). */
  amendmentIdMaxChars: 160,
  /** An evidence link (https only). */
  uriMaxChars: 2048,
  /** Definition numbers: a deadline offset from issuance or from another milestone. */
  offsetMax: { calendarDays: 3650, businessDays: 2600, months: 120, hours: 87600 },
  /** Reminder days before a deadline, review and resubmission windows, escalation steps, recurrence, in days. */
  reminderDaysMax: 365,
  reviewWindowDaysMax: 365,
  escalationAfterDaysMax: 365,
  recurrenceEveryDaysMax: 365,
  recurrenceCountMax: 1000,
  /** Reminders or escalation steps per milestone, milestones per directive. */
  listMax: 20,
  milestonesMax: 100,
  /** Evidence files named in one report, and the largest the engine records (the portal's own limit is lower). */
  evidenceFilesMax: 20,
  evidenceFileMaxBytes: 1024 * 1024 * 1024,
  /** An amendment's `extendByDays`, either way (ten years). */
  extendByDaysMax: 3650,
} as const;

/**
 * C0 and C1 control characters, and the bidirectional-formatting ones that can make text read differently from what
 * it is (LRM/RLM, embeddings and overrides, isolates).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Free text may keep line breaks and tabs.
const CONTROL_OR_BIDI_BUT_LINES =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** `text` without control and bidi characters (keeping line breaks and tabs if asked): for text shown to people. */
export function withoutControlOrBidi(text: string, keep: 'lineBreaks' | 'nothing'): string {
  const chars = keep === 'lineBreaks' ? CONTROL_OR_BIDI_BUT_LINES : CONTROL_OR_BIDI;
  return text.replace(new RegExp(chars.source, 'g'), '');
}

export type TextKind = 'text' | 'id' | 'name' | 'email' | 'uri';

const MAX: Record<TextKind, number> = {
  text: LIMITS.textMaxChars,
  id: LIMITS.idMaxChars,
  name: LIMITS.nameMaxChars,
  email: LIMITS.emailMaxChars,
  uri: LIMITS.uriMaxChars,
};

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a value is not clean text of this kind (length, control or bidi characters), or undefined when it is. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  const max = MAX[kind];
  if (value.length > max) return `at most ${max} characters (got ${value.length})`;
  const bad = (kind === 'text' ? CONTROL_OR_BIDI_BUT_LINES : CONTROL_OR_BIDI).exec(value);
  if (bad)
    return `must not contain control or bidirectional-formatting characters${
      kind === 'text' ? ' (other than line breaks and tabs)' : ''
    } (found ${codePoint(bad[0])} at position ${bad.index + 1})`;
  return undefined;
}

/**
 * Ids go into workflow ids, notice keys, file names and visibility queries: letters, digits, dots, dashes and
 * underscores, starting with a letter or digit, never `..` (so no slash, backslash, space, quote or line break).
 */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export function idProblem(value: string): string | undefined {
  const problem = textProblem(value, 'id');
  if (problem) return problem;
  if (!ID.test(value) || value.includes('..'))
    return 'must be letters, digits, dots, dashes and underscores, starting with a letter or digit, without ".." (e.g. BOD-17-01, DOJ, plan)';
  return undefined;
}

/**
 * Evidence links are web links only: `https:` (not javascript:, file:, data:, http: ...). A plain pattern, not `URL`:
 * the workflow parses payloads too, and a pattern answers the same on every Node and in the workflow sandbox.
 */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const HTTPS = /^https:\/\/[^\s/?#@\\]+(?:[/?#]\S*)?$/i;
export function httpsProblem(value: string): string | undefined {
  const problem = textProblem(value, 'uri');
  if (problem) return problem;
  const scheme = SCHEME.exec(value);
  if (!scheme) return 'must be a URL';
  if (scheme[1]!.toLowerCase() !== 'https') return `must be an https: link (got ${scheme[1]!.toLowerCase()}:)`;
  if (!HTTPS.test(value)) return 'must be an https: link with a host, e.g. https://docs.agency.example.gov/evidence';
  return undefined;
}

/** A zod refinement reporting `problem`'s message on the value's own path (describeIssues prefixes the field). */
function bounded<T extends z.ZodType<string>>(schema: T, problem: (v: string) => string | undefined): T {
  return schema.superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** A required free text (summary, comment, reason), trimmed: at most 4 KB, line breaks and tabs allowed. */
export const requiredText = (what: string) =>
  bounded(
    z
      .string({ error: `${what} is required` })
      .trim()
      .min(1, { error: `${what} must not be empty` }),
    (v) => textProblem(v, 'text'),
  );

/** A required name (one line): at most 128 characters, no control or bidi characters. */
export const requiredName = (what: string) =>
  bounded(
    z
      .string({ error: `${what} is required` })
      .trim()
      .min(1, { error: `${what} must not be empty` }),
    (v) => textProblem(v, 'name'),
  );

/** A required id (trimmed): at most 128 characters, the id alphabet, no `..`. */
export const requiredId = (what: string) =>
  bounded(
    z
      .string({ error: `${what} is required` })
      .trim()
      .min(1, { error: `${what} must not be empty` }),
    idProblem,
  );

/** An email address: at most 128 characters, no control or bidi characters (checked before the address syntax). */
export const boundedEmail = (message?: string) =>
  z
    .string(message === undefined ? undefined : { error: message })
    .superRefine((v, ctx) => {
      const problem = textProblem(v, 'email');
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
    })
    .pipe(message === undefined ? z.email() : z.email({ error: message }));

/** An https: link (evidence). */
export const httpsUrl = (what: string) => bounded(z.string({ error: `${what} must be a URL` }), httpsProblem);

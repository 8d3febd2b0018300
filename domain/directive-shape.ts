/**
 * The shape of a directive definition: fields, types, defaults. Cross-field rules live in directive-checks.ts, and
 * directive.ts joins the two into the schema the engine parses with (a one-way chain: shape ← checks ← directive).
 */
import { z } from 'zod';
import { LIMITS, boundedEmail, textProblem, type TextKind } from './limits';
import { ESCALATION_RECIPIENTS, ISSUER_ROLES, byRole } from './vocabulary';

/** A definition's text: a name (one line, 128 characters) or free text (4 KB); no control or bidi characters. */
const text = (kind: TextKind) =>
  z.string().superRefine((v, ctx) => {
    const problem = textProblem(v, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  });

/** A number of days a definition gives (reminders, windows, steps): at most `max`. */
const atMostDays = (max: number) => (n: number) => n <= max;
const daysMessage = (max: number) => (issue: { input?: unknown }) => `at most ${max} days (got ${String(issue.input)})`;

export const UNITS = ['calendarDays', 'businessDays', 'months', 'hours'] as const;

export const Unit = z.enum(UNITS, {
  error: (issue) => `unknown unit ${JSON.stringify(issue.input)} (expected ${UNITS.join(', ')})`,
});
export type Unit = z.infer<typeof Unit>;

export const Offset = z
  .object({
    amount: z
      .number({ error: 'the offset must be a number' })
      .int({ error: 'the offset must be a whole number' })
      .positive({ error: (issue) => `the offset must be a positive number (got ${String(issue.input)})` }),
    unit: Unit,
  })
  .superRefine((o, ctx) => {
    const max = LIMITS.offsetMax[o.unit];
    if (o.amount > max)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `at most ${max} ${o.unit} (got ${o.amount})` });
  });
export type Offset = z.infer<typeof Offset>;

export const MilestoneClock = z.discriminatedUnion(
  'from',
  [
    z.object({ from: z.literal('issuance'), offset: Offset }),
    z.object({ from: z.literal('milestone'), milestoneId: text('id'), offset: Offset }),
    // YYYY-MM-DD or an ISO date-time; checked against the calendar in directive-checks.
    z.object({ from: z.literal('date'), date: text('id') }),
    // Open-ended: no deadline, e.g. "full removal" that closes the status reports.
    z.object({ from: z.literal('none') }),
  ],
  { error: 'unknown clock (expected "from": issuance, milestone, date or none)' },
);
export type MilestoneClock = z.infer<typeof MilestoneClock>;

export const EscalationLevel = z.object({
  level: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.listMax, { error: `at most ${LIMITS.listMax}` }),
  notify: z.array(z.enum(ESCALATION_RECIPIENTS)).min(1),
  // Elapsed days (x 24h) after the missed deadline.
  afterDays: z
    .number()
    .min(0)
    .refine(atMostDays(LIMITS.escalationAfterDaysMax), { error: daysMessage(LIMITS.escalationAfterDaysMax) }),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** The ladder seen in practice (BOD 17-01): agency CIO with the issuer, then the agency head, then the issuer's leadership. */
export const DEFAULT_ESCALATION: EscalationLevel[] = [
  { level: 1, notify: ['cio', 'issuer'], afterDays: 0 },
  { level: 2, notify: ['head'], afterDays: 7 },
  { level: 3, notify: ['issuerLeadership'], afterDays: 14 },
];

const positiveDays = z
  .number()
  .positive({ error: 'must be more than 0 days: a reminder at or after its deadline is useless' })
  .refine(atMostDays(LIMITS.reminderDaysMax), { error: daysMessage(LIMITS.reminderDaysMax) });
const reminderList = z.array(positiveDays).max(LIMITS.listMax, { error: `at most ${LIMITS.listMax} reminders` });
const windowDays = z
  .number()
  .positive()
  .refine(atMostDays(LIMITS.reviewWindowDaysMax), { error: daysMessage(LIMITS.reviewWindowDaysMax) });

export const Milestone = z.object({
  id: text('id').regex(/^[a-z][a-z0-9-]*$/, {
    error: 'must be lower-case letters, digits and dashes, starting with a letter',
  }),
  title: text('text').min(1),
  description: text('text').min(1),
  clock: MilestoneClock,
  // Local time of day; absent: end of day 23:59:59 in the directive's zone.
  dueTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/, { error: 'must be HH:MM' })
    .optional(),
  roll: z.enum(['none', 'nextBusinessDay']).default('none'),
  // The issuer's printed date, when it differs from the arithmetic (applies to the directive's own issuance date only).
  published: z.object({ date: text('id'), reason: text('text').min(1) }).optional(),
  evidenceRequired: z.boolean().default(true),
  review: z
    .object({
      windowDays,
      resubmissionDays: windowDays,
      reminderDaysBefore: reminderList.default(() => [1]),
    })
    .optional(),
  // Elapsed days (x 24h) before the due instant.
  reminderDaysBefore: reminderList.default(() => [7, 1]),
  escalation: z
    .array(EscalationLevel)
    .max(LIMITS.listMax, { error: `at most ${LIMITS.listMax} escalation levels` })
    .default(() => DEFAULT_ESCALATION.map((level) => ({ ...level, notify: [...level.notify] }))),
  // "Unless directed otherwise": opens at its instant unless a hold is in force.
  gated: z.object({ reason: text('text') }).optional(),
  // The clock gives the first occurrence, `until` names the milestone that closes the series. `count` occurrences are
  // computed up front; under rules v3 the series continues past them (the calculus computes the next ones as they come)
  // until the closing milestone is done or waived.
  recurring: z
    .object({
      everyDays: z
        .number()
        .int()
        .positive()
        .refine(atMostDays(LIMITS.recurrenceEveryDaysMax), { error: daysMessage(LIMITS.recurrenceEveryDaysMax) }),
      until: text('id'),
      count: z
        .number()
        .int()
        .positive()
        .max(LIMITS.recurrenceCountMax, {
          error: (issue) => `at most ${LIMITS.recurrenceCountMax} occurrences (got ${String(issue.input)})`,
        })
        .default(24),
    })
    .optional(),
});
export type Milestone = z.infer<typeof Milestone>;

export const Contact = z.object({ name: text('name').min(1), email: boundedEmail() });
export type Contact = z.infer<typeof Contact>;

export const VendorResponse = z.object({
  title: text('text'),
  clock: MilestoneClock,
  // Id of the gated milestone that the issuer's decision on the response opens.
  gates: text('id'),
});
export type VendorResponse = z.infer<typeof VendorResponse>;

export const DirectiveShape = z.object({
  id: text('id').regex(/^[A-Z][A-Z0-9-]*$/, { error: 'must be upper-case letters, digits and dashes, e.g. BOD-17-01' }),
  title: text('text').min(1),
  issuer: text('name').min(1),
  authority: text('text').optional(),
  // YYYY-MM-DD; absent: given when a campaign starts.
  issuedOn: text('id').optional(),
  timeZone: text('id').default('America/New_York'),
  // Rules v3: local time of day (HH:MM) at which reminders go out, N calendar days before a deadline; absent: 09:00.
  reminderTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (00:00 to 23:59)' })
    .optional(),
  contacts: z.object(byRole(ISSUER_ROLES, () => Contact)),
  vendorResponse: VendorResponse.optional(),
  milestones: z
    .array(Milestone)
    .min(1)
    .max(LIMITS.milestonesMax, { error: `at most ${LIMITS.milestonesMax} milestones` }),
});
/** A definition whose shape is valid, before (or after) the cross-field checks: the type of a parsed definition. */
export type DirectiveShape = z.infer<typeof DirectiveShape>;

/**
 * The shape of a directive definition: fields, types, defaults. Cross-field rules live in directive-checks.ts, and
 * directive.ts joins the two into the schema the engine parses with (a one-way chain: shape ← checks ← directive).
 */
import { z } from 'zod';
import { ESCALATION_RECIPIENTS, ISSUER_ROLES, byRole } from './vocabulary';

export const UNITS = ['calendarDays', 'businessDays', 'months', 'hours'] as const;

export const Unit = z.enum(UNITS, {
  error: (issue) => `unknown unit ${JSON.stringify(issue.input)} (expected ${UNITS.join(', ')})`,
});
export type Unit = z.infer<typeof Unit>;

export const Offset = z.object({
  amount: z
    .number({ error: 'the offset must be a number' })
    .int({ error: 'the offset must be a whole number' })
    .positive({ error: (issue) => `the offset must be a positive number (got ${String(issue.input)})` }),
  unit: Unit,
});
export type Offset = z.infer<typeof Offset>;

export const MilestoneClock = z.discriminatedUnion(
  'from',
  [
    z.object({ from: z.literal('issuance'), offset: Offset }),
    z.object({ from: z.literal('milestone'), milestoneId: z.string(), offset: Offset }),
    // YYYY-MM-DD or an ISO date-time; checked against the calendar in directive-checks.
    z.object({ from: z.literal('date'), date: z.string() }),
    // Open-ended: no deadline, e.g. "full removal" that closes the status reports.
    z.object({ from: z.literal('none') }),
  ],
  { error: 'unknown clock (expected "from": issuance, milestone, date or none)' },
);
export type MilestoneClock = z.infer<typeof MilestoneClock>;

export const EscalationLevel = z.object({
  level: z.number().int().min(1),
  notify: z.array(z.enum(ESCALATION_RECIPIENTS)).min(1),
  // Elapsed days (x 24h) after the missed deadline.
  afterDays: z.number().min(0),
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
  .positive({ error: 'must be more than 0 days: a reminder at or after its deadline is useless' });

export const Milestone = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes, starting with a letter' }),
  title: z.string().min(1),
  description: z.string().min(1),
  clock: MilestoneClock,
  // Local time of day; absent: end of day 23:59:59 in the directive's zone.
  dueTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/, { error: 'must be HH:MM' })
    .optional(),
  roll: z.enum(['none', 'nextBusinessDay']).default('none'),
  // The issuer's printed date, when it differs from the arithmetic (applies to the directive's own issuance date only).
  published: z.object({ date: z.string(), reason: z.string().min(1) }).optional(),
  evidenceRequired: z.boolean().default(true),
  review: z
    .object({
      windowDays: z.number().positive(),
      resubmissionDays: z.number().positive(),
      reminderDaysBefore: z.array(positiveDays).default(() => [1]),
    })
    .optional(),
  // Elapsed days (x 24h) before the due instant.
  reminderDaysBefore: z.array(positiveDays).default(() => [7, 1]),
  escalation: z
    .array(EscalationLevel)
    .default(() => DEFAULT_ESCALATION.map((level) => ({ ...level, notify: [...level.notify] }))),
  // "Unless directed otherwise": opens at its instant unless a hold is in force.
  gated: z.object({ reason: z.string() }).optional(),
  // The clock gives the first occurrence, `until` names the milestone that closes the series. `count` occurrences are
  // computed up front; under rules v3 the series continues past them (the calculus computes the next ones as they come)
  // until the closing milestone is done or waived.
  recurring: z
    .object({
      everyDays: z.number().int().positive(),
      until: z.string(),
      count: z.number().int().positive().default(24),
    })
    .optional(),
});
export type Milestone = z.infer<typeof Milestone>;

export const Contact = z.object({ name: z.string().min(1), email: z.email() });
export type Contact = z.infer<typeof Contact>;

export const VendorResponse = z.object({
  title: z.string(),
  clock: MilestoneClock,
  // Id of the gated milestone that the issuer's decision on the response opens.
  gates: z.string(),
});
export type VendorResponse = z.infer<typeof VendorResponse>;

export const DirectiveShape = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9-]*$/, { error: 'must be upper-case letters, digits and dashes, e.g. BOD-17-01' }),
  title: z.string().min(1),
  issuer: z.string().min(1),
  authority: z.string().optional(),
  // YYYY-MM-DD; absent: given when a campaign starts.
  issuedOn: z.string().optional(),
  timeZone: z.string().default('America/New_York'),
  // Rules v3: local time of day (HH:MM) at which reminders go out, N calendar days before a deadline; absent: 09:00.
  reminderTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (00:00 to 23:59)' })
    .optional(),
  contacts: z.object(byRole(ISSUER_ROLES, () => Contact)),
  vendorResponse: VendorResponse.optional(),
  milestones: z.array(Milestone).min(1),
});
/** A definition whose shape is valid, before (or after) the cross-field checks: the type of a parsed definition. */
export type DirectiveShape = z.infer<typeof DirectiveShape>;

/**
 * The engine's words, each list defined once: amendment kinds, notice kinds and contact roles. Types are derived from
 * the lists, and so is every other list (the message schemas' enums, the CLI's choices, the email rendering maps), so
 * a word added or removed here is added or removed everywhere, or fails to compile. Plain data with no imports: the
 * workflow bundle imports it.
 */

/** Amendments that change one milestone (`amend --extend/--waive/--hold/--resume <milestone>`). */
export const MILESTONE_AMENDMENT_KINDS = ['extend', 'waive', 'hold', 'resume'] as const;
export type MilestoneAmendmentKind = (typeof MILESTONE_AMENDMENT_KINDS)[number];

/** Every kind of the `amend` signal: the per-milestone ones, and `rescind`, which ends the whole obligation. */
export const AMENDMENT_KINDS = [...MILESTONE_AMENDMENT_KINDS, 'rescind'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** Notices about a report awaiting review: they tell the recipient how to review it, not how to report. */
export const REVIEW_NOTICE_KINDS = ['review-requested', 'review-reminder', 'review-late'] as const;

/** Every notice the reducer emits; the `sendNotice` activity accepts these and renders one email for each. */
export const NOTICE_KINDS = [
  'reminder',
  'escalation',
  ...REVIEW_NOTICE_KINDS,
  'rejected',
  'approved',
  'completed',
  'amended',
  'rescinded',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export function isReviewNotice(kind: NoticeKind): boolean {
  return (REVIEW_NOTICE_KINDS as readonly NoticeKind[]).includes(kind);
}

/** How a report or review reached the engine: the officers' portal, or the `directive` CLI. */
export const CHANNELS = ['portal', 'cli'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The agency's people: an agency's `contacts`, and the agencies file's columns after id and name. */
export const AGENCY_ROLES = ['complianceOfficer', 'cio', 'head'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

/** The issuer's people: a directive definition's `contacts`. */
export const ISSUER_ROLES = ['reviewer', 'issuer', 'issuerLeadership'] as const;
export type IssuerRole = (typeof ISSUER_ROLES)[number];

/** Who a notice goes to; the workflow maps each role to the agency's or the issuer's address. */
export const CONTACT_ROLES = [...AGENCY_ROLES, ...ISSUER_ROLES] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/**
 * Who an escalation step may notify: every role but the reviewer (a late agency is not the reviewer's business), in
 * the order a definition's error message has always listed them.
 */
export const ESCALATION_RECIPIENTS = [
  'cio',
  'head',
  'issuer',
  'issuerLeadership',
  'complianceOfficer',
] as const satisfies readonly Exclude<ContactRole, 'reviewer'>[];
export type EscalationRecipient = (typeof ESCALATION_RECIPIENTS)[number];

/** The same keys as `roles`, in the same order, each with its value: e.g. one schema field per role. */
export function byRole<R extends ContactRole, V>(roles: readonly R[], value: (role: R) => V): Record<R, V> {
  return Object.fromEntries(roles.map((role) => [role, value(role)])) as Record<R, V>;
}

/**
 * The one input of the `sendNotice` activity. Workflows import the inferred TYPE only (the schema pulls luxon,
 * which has no place in the workflow bundle); the activity parses with the schema, so a malformed notice fails once,
 * non-retryably, instead of being retried forever.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { NOTICE_KINDS } from '../domain/vocabulary';

// Due instants come from the schedule as absolute ISO-8601 instants; anything else would render as "Invalid DateTime".
const Instant = z.iso.datetime({ offset: true });
const TimeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'Unknown IANA time zone' });

export const Notice = z.object({
  /** Business idempotency key, e.g. "BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D". */
  key: z.string().min(1),
  kind: z.enum(NOTICE_KINDS),
  to: z.array(z.email()).min(1),
  cc: z.array(z.email()).default([]),
  directive: z.object({ id: z.string(), title: z.string(), timeZone: TimeZone }),
  agency: z.object({ id: z.string(), name: z.string() }),
  milestone: z
    .object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      /** The deadline the notice is about (see workflows/notices.ts), or none. */
      dueAt: Instant.nullable(),
      explanation: z.string(),
      /** The milestone's state after the step: a waived one says waived, a held one (heldSince) says on hold. */
      state: z.string().optional(),
      heldSince: Instant.optional(),
    })
    .optional(),
  /** The engine's note ("due in 7 day(s)", "resubmit by <ISO instant>"): instants are shown in the directive's zone. */
  detail: z.string().optional(),
  /** What people typed (evidence, reviewer comment, amendment reason): quoted after the email's fixed sections. */
  quoted: z.array(z.object({ label: z.string(), text: z.string() })).default([]),
  escalationLevel: z.number().int().optional(),
  /** The CLI command the recipient runs to report, e.g. `npx directive complete BOD-17-01 DOJ identify --by ...`. */
  reportCommand: z.string().optional(),
  /**
   * The obligation's page in the portal, e.g. `https://portal.example.gov/obligations/BOD-17-01/DOJ`. Added by the
   * activity from its configuration (PORTAL_URL), never by the workflow; it carries no token: the portal asks the
   * reader to sign in.
   */
  portalLink: z.url({ protocol: /^https?$/ }).optional(),
});
/** What the activity accepts: `cc` may be omitted (it defaults to none). */
export type NoticeInput = z.input<typeof Notice>;
/** A parsed notice: every default applied. */
export type Notice = z.infer<typeof Notice>;

/** The portal page of the obligation a notice is about: PORTAL_URL, then the stable route. */
export function portalLinkFor(portalUrl: string, notice: Pick<Notice, 'directive' | 'agency'>): string {
  const base = portalUrl.replace(/\/+$/, '');
  return `${base}/obligations/${encodeURIComponent(notice.directive.id)}/${encodeURIComponent(notice.agency.id)}`;
}

export type NoticeResult = {
  outcome: 'sent' | 'already-sent' | 'rejected';
  messageId: string;
  /** Recipients the server refused (permanently, or still deferred when the others were accepted). */
  rejected: string[];
  /** The server's reasons for the refusals, when there were any. */
  detail?: string;
};

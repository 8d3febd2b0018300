import type { Agency } from '../domain/agency';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import type { NoticeIntent, ObligationState } from '../domain/obligation';
import type { MilestoneRecord } from '../domain/obligation/state';
import { currentDeadline, isOpen } from '../domain/obligation/timeline';
import { isReviewNotice, type ContactRole } from '../domain/vocabulary';
import type { NoticeInput } from '../activities/notice';

/**
 * Turns the reducer's notice (roles, a key) into the activity's input (addresses, texts). The engine's own words go
 * in `detail` (instants as ISO text, which the email shows in the directive's zone); what people typed (evidence,
 * comments, reasons) goes in `quoted`, which the email quotes after its fixed sections.
 */
export function toNotice(
  intent: NoticeIntent,
  definition: DirectiveDefinition,
  agency: Agency,
  state: ObligationState,
): NoticeInput {
  const address: Record<ContactRole, string> = {
    complianceOfficer: agency.contacts.complianceOfficer,
    cio: agency.contacts.cio,
    head: agency.contacts.head,
    issuer: definition.contacts.issuer.email,
    issuerLeadership: definition.contacts.issuerLeadership.email,
    reviewer: definition.contacts.reviewer.email,
  };
  const to = [...new Set(intent.to.map((r) => address[r]))];
  const cc = [...new Set(intent.cc.map((r) => address[r]))].filter((a) => !to.includes(a));
  const m = intent.milestoneId ? state.milestones.find((x) => x.id === intent.milestoneId) : undefined;
  const { detail, quoted } = texts(intent, m);
  const due = m ? deadlineShown(intent, m) : null;
  return {
    key: intent.key,
    kind: intent.kind,
    to,
    cc,
    directive: { id: definition.id, title: definition.title, timeZone: definition.timeZone },
    agency: { id: agency.id, name: agency.name },
    milestone: m && {
      id: m.id,
      title: m.title,
      description: m.description,
      dueAt: toIso(due),
      explanation: m ? explain(m, due) : '',
      state: m.state,
      heldSince: m.heldSince === undefined ? undefined : toIso(m.heldSince),
    },
    detail,
    quoted,
    escalationLevel: intent.escalationLevel,
    // A closed milestone (completed, approved, waived) has nothing left to report or review.
    reportCommand: m && isOpen(m) ? reportCommand(intent, definition.id, agency.id, m.id) : undefined,
  };
}

/**
 * The deadline the email shows: the one the notice is about (a reminder's, an escalation's, the review or
 * resubmission deadline), else for a closed milestone its own due date (not a review deadline that no longer
 * applies), else the deadline in force.
 */
function deadlineShown(intent: NoticeIntent, m: MilestoneRecord): number | null {
  if (intent.deadline !== undefined) return intent.deadline;
  if (!isOpen(m)) return m.dueAt;
  return currentDeadline(m);
}

/** What the deadline shown is: the milestone's own (its schedule's explanation), a resubmission or a review one. */
function explain(m: MilestoneRecord, due: number | null): string {
  if (due === null || due === m.dueAt) return m.explanation;
  if (due === m.resubmitDueAt)
    return `the resubmission deadline after the report was rejected${m.dueAt === null ? '' : ` (first due ${toIso(m.dueAt)})`}`;
  if (due === m.reviewDueAt) return "the reviewer's deadline for the report";
  return '';
}

/** The engine's note, and the text people typed, each kept apart so that typed text cannot pass for the engine's. */
function texts(intent: NoticeIntent, m: MilestoneRecord | undefined): Pick<NoticeInput, 'detail' | 'quoted'> {
  const typed = (label: string, text: string | undefined) => (text ? [{ label, text }] : []);
  switch (intent.kind) {
    case 'review-requested': {
      const e = m?.evidence;
      const evidence = e && [e.summary, e.uri, e.sha256 && `sha256 ${e.sha256}`].filter(Boolean).join(' · ');
      return {
        detail: intent.deadline === undefined ? intent.detail : `review due ${toIso(intent.deadline)}`,
        quoted: typed('Evidence', evidence),
      };
    }
    case 'rejected':
      return {
        detail: intent.deadline === undefined ? undefined : `resubmit by ${toIso(intent.deadline)}`,
        quoted: typed('Reviewer comment', intent.detail),
      };
    case 'approved':
      return { detail: undefined, quoted: typed('Reviewer comment', intent.detail) };
    case 'amended':
    case 'rescinded':
      return { detail: undefined, quoted: typed('Reason', intent.detail) };
    default:
      return { detail: intent.detail, quoted: [] };
  }
}

function reportCommand(intent: NoticeIntent, directiveId: string, agencyId: string, milestoneId: string): string {
  if (isReviewNotice(intent.kind)) {
    return `npx directive review ${directiveId} ${agencyId} ${milestoneId} --by YOU@example.gov (--approve | --reject) --comment "..."`;
  }
  return `npx directive complete ${directiveId} ${agencyId} ${milestoneId} --by YOU@example.gov --evidence "what was done"`;
}

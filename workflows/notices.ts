import type { Agency } from '../domain/agency';
import type { DirectiveDefinition } from '../domain/directive';
import { toIso } from '../domain/epoch';
import type { NoticeIntent, ObligationState } from '../domain/obligation';
import { currentDeadline } from '../domain/obligation/timeline';
import { isReviewNotice, type ContactRole } from '../domain/vocabulary';
import type { NoticeInput } from '../activities/notice';

/** Turns the reducer's notice (roles, a key) into the activity's input (addresses, texts). */
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
  const due = m ? currentDeadline(m) : null;
  const evidence =
    m?.evidence && intent.kind === 'review-requested'
      ? `; evidence: ${[m.evidence.summary, m.evidence.uri, m.evidence.sha256 && `sha256 ${m.evidence.sha256}`].filter(Boolean).join(' · ')}`
      : '';
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
      explanation: m.explanation,
    },
    detail: intent.detail === undefined && !evidence ? undefined : `${intent.detail ?? ''}${evidence}`,
    escalationLevel: intent.escalationLevel,
    reportCommand: m ? reportCommand(intent, definition.id, agency.id, m.id) : undefined,
  };
}

function reportCommand(intent: NoticeIntent, directiveId: string, agencyId: string, milestoneId: string): string {
  if (isReviewNotice(intent.kind)) {
    return `npx directive review ${directiveId} ${agencyId} ${milestoneId} --by YOU@example.gov (--approve | --reject) --comment "..."`;
  }
  return `npx directive complete ${directiveId} ${agencyId} ${milestoneId} --by YOU@example.gov --evidence "what was done"`;
}

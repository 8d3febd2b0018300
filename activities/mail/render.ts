import { formatInstant } from '../../domain/calculus';
import { isReviewNotice, type NoticeKind } from '../../domain/vocabulary';
import type { Notice } from '../notice';

export type RenderedNotice = { subject: string; text: string };

/** Pure: the subject and plain-text body of a notice. */
export function renderNotice(notice: Notice): RenderedNotice {
  return { subject: subjectFor(notice), text: bodyFor(notice) };
}

function dueText(notice: Notice): string | undefined {
  const dueAt = notice.milestone?.dueAt;
  // Recipients read deadlines in the directive's own zone, not the worker's (both validated by the Notice schema).
  return dueAt ? formatInstant(dueAt, notice.directive.timeZone) : undefined;
}

function subjectFor(notice: Notice): string {
  const milestone = notice.milestone?.id ?? 'obligation';
  const due = dueText(notice);
  const dueSuffix = due ? ` due ${due}` : '';
  const summary: Record<NoticeKind, string> = {
    reminder: `Reminder: ${milestone}${dueSuffix}`,
    escalation:
      notice.escalationLevel === undefined
        ? `Escalation: ${milestone} overdue`
        : `Escalation level ${notice.escalationLevel}: ${milestone} overdue`,
    'review-requested': `Review requested: ${milestone}`,
    'review-reminder': `Review reminder: ${milestone} awaits review`,
    'review-late': `Review late: ${milestone} still awaits review`,
    rejected: `Rejected: ${milestone} needs rework`,
    approved: `Approved: ${milestone}`,
    completed: notice.milestone ? `Completed: ${milestone}` : 'Completed: all milestones',
    amended: notice.milestone ? `Amended: ${milestone}${due ? ` now due ${due}` : ''}` : 'Amended',
    rescinded: 'Rescinded: no further action required',
  };
  return `[${notice.directive.id}] ${summary[notice.kind]} (${notice.agency.id})`;
}

function headlineFor(notice: Notice): string {
  const { directive, agency } = notice;
  const title = notice.milestone ? `"${notice.milestone.title}"` : `the obligation under ${directive.id}`;
  const due = dueText(notice);
  const headline: Record<NoticeKind, string> = {
    reminder: `Reminder: ${agency.name} owes ${title} under ${directive.id}${due ? ` by ${due}` : ''}.`,
    escalation: `${title} is overdue for ${agency.name}${
      notice.escalationLevel === undefined ? '' : `; this is escalation level ${notice.escalationLevel}`
    }.`,
    'review-requested': `${agency.name} reported ${title} complete. Please review the evidence and approve or reject it.`,
    'review-reminder': `${title}, reported by ${agency.name}, is still waiting for your review.`,
    'review-late': `The review of ${title}, reported by ${agency.name}, is late.`,
    rejected: `The report of ${title} by ${agency.name} was rejected. Please address the comment below and report again.`,
    approved: `The report of ${title} by ${agency.name} was approved.`,
    completed: notice.milestone
      ? `${title} is complete for ${agency.name}.`
      : `${agency.name} has completed every milestone of ${directive.id}.`,
    amended: `${directive.id} was amended for ${agency.name}. The schedule below is current.`,
    rescinded: `${directive.id} was rescinded for ${agency.name}. No further action is required.`,
  };
  return headline[notice.kind];
}

const DETAIL_LABEL: Partial<Record<NoticeKind, string>> = {
  rejected: 'Reviewer comment',
  approved: 'Reviewer comment',
  amended: 'Reason',
  rescinded: 'Reason',
};

function milestoneLines(notice: Notice): string[] {
  const { milestone } = notice;
  if (!milestone) return [];
  const due = dueText(notice) ?? 'no fixed date';
  return [
    `Milestone:  ${milestone.title} (${milestone.id})`,
    `Due:        ${due}`,
    ...(milestone.explanation ? [`            ${milestone.explanation}`] : []),
  ];
}

function section(label: string, body: string | undefined): string[] {
  return body ? ['', `${label}:`, body] : [];
}

function bodyFor(notice: Notice): string {
  const { directive, agency, milestone } = notice;
  const reportLabel = isReviewNotice(notice.kind) ? 'How to review' : 'How to report';
  const lines = [
    headlineFor(notice),
    '',
    `Directive:  ${directive.id}, ${directive.title}`,
    `Agency:     ${agency.name} (${agency.id})`,
    ...milestoneLines(notice),
    ...(notice.escalationLevel === undefined ? [] : [`Escalation: level ${notice.escalationLevel}`]),
    ...section('What is owed', milestone?.description),
    ...section(DETAIL_LABEL[notice.kind] ?? 'Note', notice.detail),
    ...section(reportLabel, notice.reportCommand ? `  ${notice.reportCommand}` : undefined),
    '',
    '-- ',
    `Sent automatically by the directive deadline engine. Notice ${notice.key}`,
  ];
  return `${lines.join('\n')}\n`;
}

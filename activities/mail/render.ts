import { withoutControlOrBidi } from '../../domain/limits';
import { formatInstant } from '../../domain/calculus';
import { isReviewNotice, type NoticeKind } from '../../domain/vocabulary';
import type { Notice } from '../notice';

export type RenderedNotice = { subject: string; text: string };

/**
 * Pure: the subject and plain-text body of a notice. The fixed sections (what, who, due when, how to report or
 * review) come first and are the engine's words; what people typed (evidence, comments, reasons) is quoted after
 * them, one `> ` line per text with its line breaks collapsed, so it can never pass for a section of the email.
 */
export function renderNotice(notice: Notice): RenderedNotice {
  return { subject: subjectFor(notice), text: bodyFor(notice) };
}

/** One line of plain text: control and bidi characters dropped, every run of blanks and line breaks one space. */
export function oneLine(text: string): string {
  return withoutControlOrBidi(text.replace(/\s+/g, ' '), 'nothing').trim();
}

/** Text that someone typed, as a quotation: `> ` and the text on one line. */
export function quote(text: string): string {
  return `> ${oneLine(text)}`;
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** The engine's own text with every ISO instant in it shown in the directive's zone ("Thu 2017-11-23 23:59 EST"). */
function localized(text: string, timeZone: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    try {
      return formatInstant(iso, timeZone);
    } catch {
      return iso;
    }
  });
}

function dueText(notice: Notice): string | undefined {
  const dueAt = notice.milestone?.dueAt;
  // Recipients read deadlines in the directive's own zone, not the worker's (both validated by the Notice schema).
  return dueAt ? formatInstant(dueAt, notice.directive.timeZone) : undefined;
}

function isWaived(notice: Notice): boolean {
  return notice.milestone?.state === 'waived';
}

function isHeld(notice: Notice): boolean {
  return notice.milestone?.heldSince !== undefined && !isWaived(notice);
}

function subjectFor(notice: Notice): string {
  const milestone = oneLine(notice.milestone?.id ?? 'obligation');
  const due = dueText(notice);
  const dueSuffix = due ? ` due ${due}` : '';
  const amended = isWaived(notice) ? ' waived' : isHeld(notice) ? ' on hold' : due ? ` now due ${due}` : '';
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
    amended: notice.milestone ? `Amended: ${milestone}${amended}` : 'Amended',
    rescinded: 'Rescinded: no further action required',
  };
  return `[${oneLine(notice.directive.id)}] ${summary[notice.kind]} (${oneLine(notice.agency.id)})`;
}

function headlineFor(notice: Notice): string {
  const directive = oneLine(notice.directive.id);
  const agency = oneLine(notice.agency.name);
  const title = notice.milestone ? `"${oneLine(notice.milestone.title)}"` : `the obligation under ${directive}`;
  const due = dueText(notice);
  const amended = isWaived(notice)
    ? ` ${title} is waived: nothing more is to be reported.`
    : isHeld(notice)
      ? ` ${title} is on hold: it cannot be reported until the issuer resumes it.`
      : ' The schedule below is current.';
  const headline: Record<NoticeKind, string> = {
    reminder: `Reminder: ${agency} owes ${title} under ${directive}${due ? ` by ${due}` : ''}.`,
    escalation: `${title} is overdue for ${agency}${
      notice.escalationLevel === undefined ? '' : `; this is escalation level ${notice.escalationLevel}`
    }.`,
    'review-requested': `${agency} reported ${title} complete. Please review the evidence and approve or reject it.`,
    'review-reminder': `${title}, reported by ${agency}, is still waiting for your review.`,
    'review-late': `The review of ${title}, reported by ${agency}, is late.`,
    rejected: `The report of ${title} by ${agency} was rejected. Please address the comment below and report again.`,
    approved: `The report of ${title} by ${agency} was approved.`,
    completed: notice.milestone
      ? `${title} is complete for ${agency}.`
      : `${agency} has completed every milestone of ${directive}.`,
    amended: `${directive} was amended for ${agency}.${amended}`,
    rescinded: `${directive} was rescinded for ${agency}. No further action is required.`,
  };
  return headline[notice.kind];
}

function milestoneLines(notice: Notice): string[] {
  const { milestone } = notice;
  if (!milestone) return [];
  const tz = notice.directive.timeZone;
  const due = dueText(notice);
  const heading = `Milestone:  ${oneLine(milestone.title)} (${oneLine(milestone.id)})`;
  if (isWaived(notice))
    return [heading, `Due:        waived, nothing more to report${due ? ` (it was due ${due})` : ''}`];
  if (isHeld(notice))
    return [
      heading,
      `Due:        on hold since ${formatInstant(milestone.heldSince ?? '', tz)}${due ? ` (it was due ${due})` : ''}`,
      '            the deadline is set again when the issuer resumes it',
    ];
  const explanation = oneLine(localized(milestone.explanation, tz));
  return [heading, `Due:        ${due ?? 'no fixed date'}`, ...(explanation ? [`            ${explanation}`] : [])];
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
    `Directive:  ${oneLine(directive.id)}, ${oneLine(directive.title)}`,
    `Agency:     ${oneLine(agency.name)} (${oneLine(agency.id)})`,
    ...milestoneLines(notice),
    ...(notice.escalationLevel === undefined ? [] : [`Escalation: level ${notice.escalationLevel}`]),
    // The definition's description may keep its line breaks (the issuer's text, checked when the definition loads).
    ...section('What is owed', milestone && withoutControlOrBidi(milestone.description, 'lineBreaks')),
    ...section('Note', notice.detail && oneLine(localized(notice.detail, directive.timeZone))),
    ...section(
      isReviewNotice(notice.kind)
        ? 'Review it in the portal (sign in required)'
        : 'Open it in the portal (sign in required)',
      notice.portalLink && `  ${notice.portalLink}`,
    ),
    ...section(reportLabel, notice.reportCommand ? `  ${oneLine(notice.reportCommand)}` : undefined),
    // Last, after every fixed section: what people typed, quoted.
    ...notice.quoted.flatMap((q) => section(oneLine(q.label), quote(q.text))),
    '',
    '-- ',
    `Sent automatically by the directive deadline engine. Notice ${notice.key}`,
  ];
  return `${lines.join('\n')}\n`;
}

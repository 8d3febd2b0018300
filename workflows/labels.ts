/**
 * Display text for the Web UI (timer summaries, current details). Formatting only: nothing here decides a date, and
 * a different tz-data version can at worst change a label, never a replayed command.
 */
import type { ClockEvent, ObligationState } from '../domain/obligation';
import { currentDeadline, isOpen } from '../domain/obligation/timeline';
import { milestoneOverdue } from '../domain/obligation/view';

export function formatDue(ms: number | null | undefined, timeZone: string): string {
  if (ms === null || ms === undefined) return '—';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

export function describeClockEvent(e: ClockEvent, timeZone: string): string {
  const m = e.milestone;
  switch (e.kind) {
    case 'reminder':
      return `reminder: ${m.id} due in ${e.daysBefore} day(s), ${formatDue(e.deadline, timeZone)}`;
    case 'escalation':
      return e.level === 1
        ? `${m.id} due ${formatDue(e.deadline, timeZone)}`
        : `escalation level ${e.level} if ${m.id} is still missing`;
    case 'review-reminder':
      return `review reminder: ${m.id} review due in ${e.daysBefore} day(s)`;
    case 'deadline':
      return `${m.id} due ${formatDue(e.deadline, timeZone)}`;
    case 'review-late':
      return `${m.id} review due ${formatDue(e.deadline, timeZone)}`;
  }
}

/**
 * The obligation at a glance, as a short Markdown table for the Web UI's "current details": every one-off milestone,
 * and of a recurring series only the occurrences that are done or current (the rest are summed up in one line).
 */
export function detailsTable(state: ObligationState, timeZone: string): string {
  const current = new Set<string>();
  const hidden = new Map<string, number>();
  for (const m of state.milestones) {
    if (!m.rules.closedBy || !isOpen(m)) continue;
    if (!current.has(m.milestoneId)) current.add(m.milestoneId);
    else hidden.set(m.milestoneId, (hidden.get(m.milestoneId) ?? 0) + 1);
  }
  const shown = new Set<string>();
  const rows = state.milestones
    .filter((m) => {
      if (!m.rules.closedBy || !isOpen(m)) return true;
      if (shown.has(m.milestoneId)) return false;
      shown.add(m.milestoneId);
      return true;
    })
    .map((m) => {
      const due = currentDeadline(m);
      const overdue = milestoneOverdue(state, m);
      const status = [
        m.state,
        overdue ? '**overdue**' : '',
        m.heldSince !== undefined ? 'on hold' : '',
        m.late ? 'late' : '',
        m.highestEscalation ? `escalated L${m.highestEscalation}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const more = hidden.get(m.milestoneId) && isOpen(m) ? ` (+${hidden.get(m.milestoneId)} more scheduled)` : '';
      return `| ${m.id} | ${m.title}${more} | ${formatDue(due, timeZone)} | ${status} |`;
    });
  const open = state.milestones.filter(isOpen).length;
  return [
    `**${state.directiveId} · ${state.agencyId}** — ${state.state}, ${open} open`,
    '',
    '| milestone | what | due | state |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

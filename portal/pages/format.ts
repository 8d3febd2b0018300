/** How the pages show instants and states: in the directive's zone, as the directive reckons its dates. */
import { DateTime } from 'luxon';
import { formatInstant } from '../../domain/instant';
import type { MilestoneView } from '../../domain/obligation/view';
import { html, type SafeHtml } from '../views/html';

export const DEFAULT_ZONE = 'America/New_York';

export function when(iso: string | null | undefined, zone: string): string {
  return iso ? formatInstant(iso, zone) : '—';
}

/** Whole calendar days from today to the deadline's day, in the directive's zone (negative once passed). */
export function daysLeft(deadlineIso: string, zone: string, now: Date): number {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const due = DateTime.fromISO(deadlineIso, { zone }).startOf('day');
  return Math.round(due.diff(today, 'days').days);
}

export function daysLeftText(days: number): string {
  if (days === 0) return 'due today';
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} left`;
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}

const STATE_TAGS: Record<MilestoneView['state'], { label: string; className: string }> = {
  pending: { label: 'Pending', className: 'bg-base-lighter text-ink' },
  submitted: { label: 'Awaiting review', className: 'bg-accent-warm-lighter text-ink' },
  rejected: { label: 'Changes requested', className: 'bg-secondary-dark' },
  completed: { label: 'Completed', className: 'bg-green' },
  waived: { label: 'Waived', className: 'bg-base' },
  missed: { label: 'Missed', className: 'bg-secondary-darker' },
  rescinded: { label: 'Rescinded', className: 'bg-base' },
};

export function stateTag(m: Pick<MilestoneView, 'state' | 'held'>): SafeHtml {
  const tag = STATE_TAGS[m.state];
  return html`<span class="usa-tag ${tag.className}">${tag.label}</span
    >${m.held ? html` <span class="usa-tag bg-base-dark">On hold</span>` : ''}`;
}

export const overdueTag = (): SafeHtml => html`<span class="usa-tag bg-secondary-vivid">Overdue</span>`;

export function obligationPath(directiveId: string, agencyId: string): string {
  return `/obligations/${encodeURIComponent(directiveId)}/${encodeURIComponent(agencyId)}`;
}

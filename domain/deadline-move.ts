import { formatMoment, inZone, parseDeadline, toInstant } from './instant';

export type DeadlineChange = { newDueAt: string } | { extendByDays: number };

/**
 * An extension or a new date granted to one agency. Days are calendar days in the directive's zone and keep
 * the local time of day, so a deadline extended across a DST change still falls at 23:59:59 local.
 */
export function moveDeadline(
  dueAt: string,
  change: DeadlineChange,
  timeZone: string,
): { dueAt: string; explanation: string } {
  const current = inZone(dueAt, timeZone);
  if ('extendByDays' in change) {
    const days = change.extendByDays;
    if (!Number.isInteger(days) || days === 0) {
      throw new Error(`extendByDays must be a whole number of days other than 0 (got ${days})`);
    }
    const moved = current.plus({ days });
    const verb = days > 0 ? 'extended by' : 'brought forward by';
    const count = Math.abs(days);
    return {
      dueAt: toInstant(moved),
      explanation: `${verb} ${count} calendar day${count === 1 ? '' : 's'}: ${formatMoment(current)} → ${formatMoment(moved)}`,
    };
  }
  const moved = parseDeadline(change.newDueAt, timeZone);
  return { dueAt: toInstant(moved), explanation: `moved from ${formatMoment(current)} to ${formatMoment(moved)}` };
}

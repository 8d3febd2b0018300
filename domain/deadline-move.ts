import type { DateTime } from 'luxon';
import { formatDay, formatMoment, inZone, parseDeadline, parseIssuedAt, toInstant } from './instant';

export type DeadlineChange =
  | { newDueAt: string }
  | { extendByDays: number }
  /** Rules v3: a held milestone resumes; its deadline moves by the whole calendar days held. */
  | { resume: { heldSince: string; resumedAt: string } };

/** 09:00 local: when reminders go out unless the definition says otherwise (rules v3). */
export const DEFAULT_REMINDER_TIME = '09:00';

/** How far a new deadline may lie from the directive's issuance. */
export const MAX_YEARS_AFTER_ISSUANCE = 10;

/**
 * An extension or a new date granted to one agency. Days are calendar days in the directive's zone and keep
 * the local time of day, so a deadline extended across a DST change still falls at 23:59:59 local.
 */
export function moveDeadline(
  dueAt: string | null,
  change: DeadlineChange,
  timeZone: string,
): { dueAt: string; explanation: string } {
  const { moved, explanation } = move(dueAt === null ? null : inZone(dueAt, timeZone), change, timeZone);
  return { dueAt: toInstant(moved), explanation };
}

function move(
  current: DateTime | null,
  change: DeadlineChange,
  timeZone: string,
): { moved: DateTime; explanation: string } {
  if ('extendByDays' in change) {
    const days = change.extendByDays;
    if (!Number.isInteger(days) || days === 0) {
      throw new Error(`extendByDays must be a whole number of days other than 0 (got ${days})`);
    }
    if (current === null) {
      throw new Error('it is open-ended: it has no deadline to extend by days; give it a date with --to DATE');
    }
    const moved = current.plus({ days });
    const verb = days > 0 ? 'extended by' : 'brought forward by';
    const count = Math.abs(days);
    return {
      moved,
      explanation: `${verb} ${plural(count)}: ${formatMoment(current)} → ${formatMoment(moved)}`,
    };
  }
  if ('resume' in change) {
    if (current === null) throw new Error('it is open-ended: a resume has no deadline to move');
    const days = calendarDaysBetween(
      inZone(change.resume.heldSince, timeZone),
      inZone(change.resume.resumedAt, timeZone),
    );
    const moved = current.plus({ days });
    const span = `${formatDay(inZone(change.resume.heldSince, timeZone))} → ${formatDay(inZone(change.resume.resumedAt, timeZone))}`;
    return {
      moved,
      explanation: `moved by the ${plural(days)} held (${span}): ${formatMoment(current)} → ${formatMoment(moved)}`,
    };
  }
  const moved = parseDeadline(change.newDueAt, timeZone);
  return {
    moved,
    explanation: current
      ? `moved from ${formatMoment(current)} to ${formatMoment(moved)}`
      : `set to ${formatMoment(moved)} (was open-ended)`,
  };
}

function plural(days: number): string {
  return `${days} calendar day${days === 1 ? '' : 's'}`;
}

/** Whole calendar days from one local date to another in the same zone (negative when `to` is earlier). */
export function calendarDaysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.startOf('day').diff(from.startOf('day'), 'days').days);
}

/** A reminder's instant: `daysBefore` calendar days before the deadline's local date, at the reminder time of day. */
export interface ReminderInstant {
  daysBefore: number;
  at: string;
}

/**
 * Rules v3: reminders go out at a business hour in the directive's zone (09:00 by default), N calendar days before the
 * deadline's local date. A reminder that would fall at or after the deadline itself is dropped.
 */
export function reminderInstants(
  deadline: DateTime,
  daysBefore: readonly number[],
  reminderTime: string = DEFAULT_REMINDER_TIME,
): ReminderInstant[] {
  const [hour = 9, minute = 0] = reminderTime.split(':').map(Number);
  return daysBefore
    .map((days) => ({
      daysBefore: days,
      moment: deadline
        .startOf('day')
        .minus({ days: Math.ceil(days) })
        .set({ hour, minute, second: 0, millisecond: 0 }),
    }))
    .filter(({ moment }) => moment < deadline)
    .map(({ daysBefore: days, moment }) => ({ daysBefore: days, at: toInstant(moment) }));
}

/** A milestone counted from the moved one (status reports from `remove`): its current deadline and reminder days. */
export interface AnchoredDeadline {
  id: string;
  dueAt: string;
  reminderDaysBefore: number[];
}

/** Everything the calculus needs to move one deadline under rules v3. */
export interface DeadlineMoveRequest {
  /** The deadline in force; null for an open-ended milestone (only a new date can be given). */
  dueAt: string | null;
  change: DeadlineChange;
  timeZone: string;
  /** The directive's issuance: a new deadline before it, or more than ten years after it, is refused. */
  issuedAt: string;
  reminderDaysBefore: number[];
  reminderTime?: string;
  /** Pending milestones counted from this one, down the chain: they move by the same number of calendar days. */
  anchored?: AnchoredDeadline[];
}

export interface MovedDeadline {
  id: string;
  dueAt: string;
  explanation: string;
  reminders: ReminderInstant[];
}

export interface DeadlineMove {
  dueAt: string;
  explanation: string;
  reminders: ReminderInstant[];
  anchored: MovedDeadline[];
}

/**
 * Rules v3: every deadline move is calendar arithmetic in the directive's zone. The new deadline is bounded by the
 * issuance; the milestones counted from it move by the same number of calendar days, keeping their own local time of
 * day (so status-2 stays Mon 23:59 local across a DST change); reminders are recomputed for every moved deadline.
 */
export function planDeadlineMove(request: DeadlineMoveRequest): DeadlineMove {
  const { timeZone } = request;
  const current = request.dueAt === null ? null : inZone(request.dueAt, timeZone);
  const { moved, explanation } = move(current, request.change, timeZone);
  checkBounds(moved, request.issuedAt, timeZone);
  const days = current === null ? 0 : calendarDaysBetween(current, moved);
  const anchored = (request.anchored ?? []).map((a): MovedDeadline => {
    const from = inZone(a.dueAt, timeZone);
    const to = from.plus({ days });
    const direction = days > 0 ? 'later' : 'earlier';
    return {
      id: a.id,
      dueAt: toInstant(to),
      explanation: `moved ${direction} by ${plural(Math.abs(days))} with the deadline it counts from: ${formatMoment(from)} → ${formatMoment(to)}`,
      reminders: reminderInstants(to, a.reminderDaysBefore, request.reminderTime),
    };
  });
  return {
    dueAt: toInstant(moved),
    explanation,
    reminders: reminderInstants(moved, request.reminderDaysBefore, request.reminderTime),
    anchored: days === 0 ? [] : anchored,
  };
}

/** Why a new deadline is out of bounds (before the issuance, or more than ten years after it), if it is. */
export function deadlineOutOfBounds(dueAt: string, issuedAt: string, timeZone: string): string | undefined {
  try {
    checkBounds(inZone(dueAt, timeZone), issuedAt, timeZone);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function checkBounds(moved: DateTime, issuedAt: string, timeZone: string): void {
  const issued = parseIssuedAt(issuedAt, timeZone);
  if (!moved.isValid) throw new Error(`the new deadline is not a valid date`);
  if (moved < issued)
    throw new Error(
      `the new deadline ${formatMoment(moved)} is before the directive's issuance (${formatMoment(issued)})`,
    );
  const latest = issued.plus({ years: MAX_YEARS_AFTER_ISSUANCE }).endOf('day');
  if (moved > latest)
    throw new Error(
      `the new deadline ${formatMoment(moved)} is more than ${MAX_YEARS_AFTER_ISSUANCE} years after the directive's issuance (${formatMoment(issued)}; latest ${formatDay(latest)})`,
    );
}

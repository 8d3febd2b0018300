import type { DateTime } from 'luxon';
import { addBusinessDays, nextBusinessDay, type SkippedHoliday } from './business-days';
import type { Offset, Unit } from './directive';
import { atTimeOfDay, formatDay, formatMoment, formatTimeOfDay } from './instant';

/** Where a count starts: a moment in the directive's zone, and how a person would name it. */
export interface Anchor {
  moment: DateTime;
  label: string;
}

/**
 * The result of counting, before the time of day is applied: a local day, or an exact moment when
 * the count was in hours (or the clock named a date-time). `text` says how it was reached.
 */
export interface Reckoning {
  moment: DateTime;
  exact: boolean;
  text: string;
  /** Set when the text ends in free prose (a published reason), so the due time needs a stronger break. */
  endsInProse?: boolean;
}

const UNIT_NAMES: Record<Unit, [string, string]> = {
  calendarDays: ['calendar day', 'calendar days'],
  businessDays: ['business day', 'business days'],
  months: ['month', 'months'],
  hours: ['hour', 'hours'],
};

function quantity(offset: Offset): string {
  const [one, many] = UNIT_NAMES[offset.unit];
  return `${offset.amount} ${offset.amount === 1 ? one : many}`;
}

export function describeHolidays(skipped: SkippedHoliday[]): string {
  return skipped.map(({ date, name }) => `${formatDay(date)} (${name})`).join(', ');
}

export function reckon(anchor: Anchor, offset: Offset): Reckoning {
  const start = anchor.moment.startOf('day');
  const counted = `${quantity(offset)} after ${anchor.label}`;
  switch (offset.unit) {
    case 'calendarDays': {
      const day = start.plus({ days: offset.amount });
      return { moment: day, exact: false, text: `${counted} → ${formatDay(day)}` };
    }
    case 'businessDays': {
      const { date, skipped } = addBusinessDays(start, offset.amount);
      const skipping = skipped.length > 0 ? `, skipping ${describeHolidays(skipped)}` : '';
      return { moment: date, exact: false, text: `${counted}${skipping} → ${formatDay(date)}` };
    }
    case 'months': {
      // Luxon clamps to the month's last day (Jan 31 + 1 month = Feb 28/29), which is how "N months" reads.
      const day = start.plus({ months: offset.amount });
      const clamped = day.day !== start.day ? ' (clamped to the last day of the month)' : '';
      return { moment: day, exact: false, text: `${counted} → ${formatDay(day)}${clamped}` };
    }
    case 'hours': {
      const moment = anchor.moment.plus({ hours: offset.amount });
      return {
        moment,
        exact: true,
        text: `${quantity(offset)} after ${formatMoment(anchor.moment)} → ${formatMoment(moment)}`,
      };
    }
  }
}

/** A weekend or holiday result moves forward to the next business day, keeping any exact time. */
export function rollForward(reckoning: Reckoning): Reckoning {
  const { date, skipped } = nextBusinessDay(reckoning.moment);
  if (date.hasSame(reckoning.moment, 'day')) return reckoning;
  const past = skipped.length > 0 ? ` past ${describeHolidays(skipped)}` : '';
  return {
    ...reckoning,
    moment: date,
    text: `${reckoning.text}; rolled to the next business day${past} → ${formatDay(date)}`,
  };
}

/** The due moment: the counted day at the milestone's time of day (23:59:59 by default). */
export function dueMoment(reckoning: Reckoning, dueTime: string | undefined): { due: DateTime; explanation: string } {
  const due = reckoning.exact ? reckoning.moment : atTimeOfDay(reckoning.moment, dueTime);
  return { due, explanation: `${reckoning.text}${reckoning.endsInProse ? ';' : ','} due ${formatTimeOfDay(due)}` };
}

import { allForYear } from '@18f/us-federal-holidays';
import type { DateTime } from 'luxon';

/**
 * US federal holidays on the day they are observed (OPM rule: Saturday → Friday, Sunday → Monday).
 * The library lists only the observed day, under the year of the holiday itself: New Year's Day 2022
 * (a Saturday) appears in 2022's list as 2021-12-31, so a year's days need the next year's list too.
 */
const observedByYear = new Map<number, Map<string, string>>();

function observedHolidays(year: number): Map<string, string> {
  let days = observedByYear.get(year);
  if (!days) {
    days = new Map();
    for (const holiday of [...allForYear(year), ...allForYear(year + 1)]) {
      // dateString is built and printed in the process's own zone, so it is the calendar day whatever TZ is.
      if (holiday.dateString.startsWith(`${year}-`)) days.set(holiday.dateString, holiday.name);
    }
    observedByYear.set(year, days);
  }
  return days;
}

/** The federal holiday observed on this local calendar day, if any. */
export function federalHoliday(day: DateTime): string | undefined {
  return observedHolidays(day.year).get(day.toISODate() ?? '');
}

export function isWeekend(day: DateTime): boolean {
  return day.weekday === 6 || day.weekday === 7;
}

export function isBusinessDay(day: DateTime): boolean {
  return !isWeekend(day) && federalHoliday(day) === undefined;
}

export interface SkippedHoliday {
  date: DateTime;
  name: string;
}

/** `amount` business days after `start` (a local day), and the weekday holidays passed over on the way. */
export function addBusinessDays(start: DateTime, amount: number): { date: DateTime; skipped: SkippedHoliday[] } {
  const skipped: SkippedHoliday[] = [];
  let date = start;
  let counted = 0;
  while (counted < amount) {
    date = date.plus({ days: 1 });
    const holiday = isWeekend(date) ? undefined : federalHoliday(date);
    if (holiday !== undefined) skipped.push({ date, name: holiday });
    else if (!isWeekend(date)) counted += 1;
  }
  return { date, skipped };
}

/** The first business day on or after `day`, and the weekday holidays passed over. */
export function nextBusinessDay(day: DateTime): { date: DateTime; skipped: SkippedHoliday[] } {
  const skipped: SkippedHoliday[] = [];
  let date = day;
  while (!isBusinessDay(date)) {
    const holiday = isWeekend(date) ? undefined : federalHoliday(date);
    if (holiday !== undefined) skipped.push({ date, name: holiday });
    date = date.plus({ days: 1 });
  }
  return { date, skipped };
}

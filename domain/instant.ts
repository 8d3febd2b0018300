import { DateTime, IANAZone } from 'luxon';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// Weekday and zone abbreviations ("Fri", "EDT") are locale-dependent; pin them so explanations read the same everywhere.
const LOCALE = 'en-US';

function requireZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone))
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA zone such as America/New_York)`);
}

/**
 * A moment given by a person: a bare date is the start of that day in the zone; a date-time without an
 * offset is local to the zone; one with an offset is that instant. The result is expressed in the zone.
 */
export function parseIssuedAt(input: string, timeZone: string): DateTime {
  requireZone(timeZone);
  const text = input.trim();
  const parsed = DateTime.fromISO(text, { zone: timeZone, locale: LOCALE });
  if (!parsed.isValid) {
    throw new Error(
      `"${input}" is not an ISO date (YYYY-MM-DD) or date-time (e.g. 2017-09-13T09:00-04:00): ${parsed.invalidExplanation ?? parsed.invalidReason}`,
    );
  }
  return DATE_ONLY.test(text) ? parsed.startOf('day') : parsed;
}

/** A bare date means the end of that day (through 23:59:59.999) in the zone; anything else as parseIssuedAt. */
export function parseDeadline(input: string, timeZone: string): DateTime {
  const parsed = parseIssuedAt(input, timeZone);
  return DATE_ONLY.test(input.trim()) ? endOfDueDay(parsed) : parsed;
}

/**
 * Deadlines fall at 23:59:59.999 local unless the directive names a time ("by 5 pm"): a deadline covers its whole last
 * second, so a report at 23:59:59.5 is on time. Explanations still print it as "23:59:59".
 */
export function atTimeOfDay(day: DateTime, dueTime: string | undefined): DateTime {
  if (dueTime === undefined) return endOfDueDay(day);
  const [hour = 0, minute = 0] = dueTime.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function endOfDueDay(day: DateTime): DateTime {
  return day.set({ hour: 23, minute: 59, second: 59, millisecond: 999 });
}

export function inZone(iso: string, timeZone: string): DateTime {
  requireZone(timeZone);
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid) throw new Error(`"${iso}" is not an ISO instant`);
  return parsed.setZone(timeZone).setLocale(LOCALE);
}

export function toInstant(moment: DateTime): string {
  const iso = moment.toUTC().toISO();
  if (iso === null) throw new Error(`invalid moment: ${moment.invalidExplanation ?? moment.invalidReason}`);
  return iso;
}

/** "Fri 2017-10-13" */
export function formatDay(moment: DateTime): string {
  return moment.setLocale(LOCALE).toFormat('ccc yyyy-MM-dd');
}

/** "23:59:59 EDT" */
export function formatTimeOfDay(moment: DateTime): string {
  return moment.setLocale(LOCALE).toFormat('HH:mm:ss ZZZZ');
}

/** "Fri 2017-10-13 23:59 EDT" */
export function formatMoment(moment: DateTime): string {
  return moment.setLocale(LOCALE).toFormat('ccc yyyy-MM-dd HH:mm ZZZZ');
}

export function formatInstant(iso: string, timeZone: string): string {
  return formatMoment(inZone(iso, timeZone));
}

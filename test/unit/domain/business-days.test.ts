import { DateTime } from 'luxon';
import { federalHoliday, isBusinessDay } from '../../../domain';
import { addBusinessDays, nextBusinessDay } from '../../../domain/business-days';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' });

describe('federal holidays as observed', () => {
  it('moves a Saturday holiday to the Friday before (July 4, 2020)', () => {
    expect(federalHoliday(day('2020-07-03'))).toBe('Independence Day');
    // The library lists only the observed day; the Saturday itself is just a weekend day.
    expect(federalHoliday(day('2020-07-04'))).toBeUndefined();
    expect(isBusinessDay(day('2020-07-03'))).toBe(false);
  });

  it('moves a Sunday holiday to the Monday after (July 4, 2021)', () => {
    expect(federalHoliday(day('2021-07-05'))).toBe('Independence Day');
    expect(isBusinessDay(day('2021-07-05'))).toBe(false);
  });

  it("observes New Year's Day 2022 (a Saturday) on Fri 2021-12-31, in the year before", () => {
    expect(federalHoliday(day('2021-12-31'))).toBe("New Year's Day");
    expect(isBusinessDay(day('2021-12-31'))).toBe(false);
  });

  it('knows Juneteenth from 2021 on', () => {
    expect(federalHoliday(day('2021-06-18'))).toBe('Juneteenth National Independence Day');
    expect(federalHoliday(day('2020-06-19'))).toBeUndefined();
  });

  it('treats an ordinary weekday as a business day and a weekend as not', () => {
    expect(isBusinessDay(day('2020-01-21'))).toBe(true);
    expect(isBusinessDay(day('2020-01-18'))).toBe(false);
  });
});

describe('counting business days', () => {
  it('skips the observed Friday holiday and the weekend', () => {
    const { date, skipped } = addBusinessDays(day('2020-07-01'), 3);
    expect(date.toISODate()).toBe('2020-07-07');
    expect(skipped.map((s) => [s.date.toISODate(), s.name])).toEqual([['2020-07-03', 'Independence Day']]);
  });

  it('rolls a Saturday before a Monday holiday to the Tuesday', () => {
    const { date, skipped } = nextBusinessDay(day('2021-05-29'));
    expect(date.toISODate()).toBe('2021-06-01');
    expect(skipped.map((s) => s.name)).toEqual(['Memorial Day']);
  });

  it('leaves a business day where it is', () => {
    expect(nextBusinessDay(day('2021-06-01')).date.toISODate()).toBe('2021-06-01');
  });
});

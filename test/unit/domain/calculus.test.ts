import { DateTime } from 'luxon';
import {
  computeSchedule,
  findDirective,
  formatInstant,
  moveDeadline,
  parseDirectiveDefinition,
  parseIssuedAt,
  type Schedule,
} from '../../../domain';
import { days, definition, milestone } from './fixtures';

const ZONE = 'America/New_York';
const local = (iso: string | null | undefined, zone = ZONE) =>
  DateTime.fromISO(iso!).setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm:ss ZZZZ');
const due = (schedule: Schedule, id: string) => schedule.milestones.find((m) => m.id === id)!;

describe('issuance on other days', () => {
  const ed = findDirective('ED-20-02')!;

  it('counts business days from a weekend issuance, skipping the next Monday holiday', () => {
    const schedule = computeSchedule(ed, '2020-01-18'); // Saturday before MLK Day
    expect(local(due(schedule, 'initial-report').dueAt)).toBe('Thu 2020-01-23 17:00:00 EST');
    expect(due(schedule, 'initial-report').explanation).toBe(
      '3 business days after Sat 2020-01-18, skipping Mon 2020-01-20 (Birthday of Martin Luther King, Jr.) → Thu 2020-01-23, due 17:00:00 EST',
    );
  });

  it('skips a Saturday holiday on its observed Friday (July 4, 2020)', () => {
    const schedule = computeSchedule(ed, '2020-07-01');
    expect(local(due(schedule, 'initial-report').dueAt)).toBe('Tue 2020-07-07 17:00:00 EDT');
  });

  it('counts from a holiday itself like any other day', () => {
    const schedule = computeSchedule(ed, '2020-07-03');
    expect(local(due(schedule, 'initial-report').dueAt)).toBe('Wed 2020-07-08 17:00:00 EDT');
  });

  it('rolls a calendar-day deadline off an observed holiday', () => {
    const def = parseDirectiveDefinition(definition([milestone('a', days(2), { roll: 'nextBusinessDay' })]));
    const schedule = computeSchedule(def, '2020-07-01'); // day 2 = Fri 07-03, Independence Day observed
    expect(local(due(schedule, 'a').dueAt)).toBe('Mon 2020-07-06 23:59:59 EDT');
    expect(due(schedule, 'a').explanation).toBe(
      '2 calendar days after Wed 2020-07-01 → Fri 2020-07-03; rolled to the next business day past Fri 2020-07-03 (Independence Day) → Mon 2020-07-06, due 23:59:59 EDT',
    );
  });

  it('keeps 23:59:59 local across the November DST change', () => {
    const schedule = computeSchedule(findDirective('BOD-17-01')!, '2017-10-20');
    const identify = due(schedule, 'identify');
    expect(identify.dueAt).toBe('2017-11-20T04:59:59.999Z');
    expect(identify.explanation).toBe('30 calendar days after Fri 2017-10-20 → Sun 2017-11-19, due 23:59:59 EST');
    expect(schedule.issuedAt).toBe('2017-10-20T04:00:00.000Z');
  });

  it('keeps 23:59:59 local across the March DST change', () => {
    const schedule = computeSchedule(findDirective('BOD-17-01')!, '2018-02-20');
    expect(due(schedule, 'identify').dueAt).toBe('2018-03-23T03:59:59.999Z');
  });

  it('clamps month arithmetic to the end of a shorter month', () => {
    const def = parseDirectiveDefinition(definition([milestone('a', days(1, 'months'))]));
    expect(local(due(computeSchedule(def, '2021-01-31'), 'a').dueAt)).toBe('Sun 2021-02-28 23:59:59 EST');
    const leap = due(computeSchedule(def, '2020-01-31'), 'a');
    expect(local(leap.dueAt)).toBe('Sat 2020-02-29 23:59:59 EST');
    expect(leap.explanation).toBe(
      '1 month after Fri 2020-01-31 → Sat 2020-02-29 (clamped to the last day of the month), due 23:59:59 EST',
    );
  });

  it('uses the local date of an issuance given as a date-time', () => {
    // 02:30 UTC on the 14th is still the 13th in New York.
    const schedule = computeSchedule(findDirective('BOD-17-01')!, '2017-09-14T02:30:00Z');
    expect(schedule.issuedAt).toBe('2017-09-14T02:30:00.000Z');
    expect(local(due(schedule, 'identify').dueAt)).toBe('Fri 2017-10-13 23:59:59 EDT');
  });

  it('counts hours from the exact moment of issuance', () => {
    const def = parseDirectiveDefinition(definition([milestone('a', days(72, 'hours'))]));
    const a = due(computeSchedule(def, '2020-01-14T09:00'), 'a');
    expect(local(a.dueAt)).toBe('Fri 2020-01-17 09:00:00 EST');
    expect(a.explanation).toBe('72 hours after Tue 2020-01-14 09:00 EST → Fri 2020-01-17 09:00 EST, due 09:00:00 EST');
  });

  it('honours a fixed date and the definition time zone', () => {
    const def = parseDirectiveDefinition(
      definition([milestone('ban', { from: 'date', date: '2018-10-01' }), milestone('a', days(1))], {
        timeZone: 'America/Los_Angeles',
      }),
    );
    const schedule = computeSchedule(def, '2018-09-01');
    expect(local(due(schedule, 'ban').dueAt, 'America/Los_Angeles')).toBe('Mon 2018-10-01 23:59:59 PDT');
    expect(due(schedule, 'ban').explanation).toBe('fixed date Mon 2018-10-01, due 23:59:59 PDT');
    expect(schedule.milestones.map((m) => m.id)).toEqual(['a', 'ban']);
  });

  it('keeps definition order for milestones due at the same instant', () => {
    const def = parseDirectiveDefinition(
      definition([
        milestone('b', days(5)),
        milestone('a', days(5)),
        milestone('c', { from: 'none' }),
        milestone('d', days(1)),
      ]),
    );
    expect(computeSchedule(def, '2020-03-02').milestones.map((m) => m.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('limits a recurring series to its count', () => {
    const def = parseDirectiveDefinition(
      definition([
        milestone('status', days(30), { recurring: { everyDays: 30, until: 'done', count: 3 } }),
        milestone('done', { from: 'none' }),
      ]),
    );
    const schedule = computeSchedule(def, '2021-01-01');
    expect(schedule.milestones.map((m) => [m.id, m.dueAt && local(m.dueAt).slice(4, 14)])).toEqual([
      ['status-1', '2021-01-31'],
      ['status-2', '2021-03-02'],
      ['status-3', '2021-04-01'],
      ['done', null],
    ]);
  });
});

describe('parseIssuedAt', () => {
  it('reads a bare date as the start of that day in the zone', () => {
    expect(parseIssuedAt('2017-09-13', ZONE).toISO()).toBe('2017-09-13T00:00:00.000-04:00');
  });

  it('reads a local date-time in the zone and an offset date-time as that instant', () => {
    expect(parseIssuedAt('2017-09-13T09:30', ZONE).toUTC().toISO()).toBe('2017-09-13T13:30:00.000Z');
    expect(parseIssuedAt('2017-09-13T09:30:00Z', ZONE).toISO()).toBe('2017-09-13T05:30:00.000-04:00');
  });

  it('names the bad value', () => {
    expect(() => parseIssuedAt('13/09/2017', ZONE)).toThrow('"13/09/2017" is not an ISO date');
    expect(() => parseIssuedAt('2017-02-30', ZONE)).toThrow('"2017-02-30"');
    expect(() => parseIssuedAt('2017-09-13', 'Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
  });
});

describe('moveDeadline', () => {
  const identify = '2017-10-14T03:59:59.999Z'; // Fri 2017-10-13 23:59:59 EDT

  it('extends by calendar days keeping the local time across DST', () => {
    expect(moveDeadline(identify, { extendByDays: 30 }, ZONE)).toEqual({
      dueAt: '2017-11-13T04:59:59.999Z',
      explanation: 'extended by 30 calendar days: Fri 2017-10-13 23:59 EDT → Sun 2017-11-12 23:59 EST',
    });
  });

  it('brings a deadline forward with negative days', () => {
    expect(moveDeadline(identify, { extendByDays: -1 }, ZONE).explanation).toBe(
      'brought forward by 1 calendar day: Fri 2017-10-13 23:59 EDT → Thu 2017-10-12 23:59 EDT',
    );
  });

  it('moves to the end of a bare date in the zone', () => {
    expect(moveDeadline(identify, { newDueAt: '2017-11-06' }, ZONE)).toEqual({
      dueAt: '2017-11-07T04:59:59.999Z',
      explanation: 'moved from Fri 2017-10-13 23:59 EDT to Mon 2017-11-06 23:59 EST',
    });
  });

  it('moves to an exact date-time', () => {
    expect(moveDeadline(identify, { newDueAt: '2017-10-20T17:00' }, ZONE).dueAt).toBe('2017-10-20T21:00:00.000Z');
  });

  it('refuses nonsense', () => {
    expect(() => moveDeadline(identify, { extendByDays: 0 }, ZONE)).toThrow(
      'extendByDays must be a whole number of days other than 0 (got 0)',
    );
    expect(() => moveDeadline(identify, { extendByDays: 1.5 }, ZONE)).toThrow('(got 1.5)');
    expect(() => moveDeadline(identify, { newDueAt: 'next week' }, ZONE)).toThrow('"next week"');
    expect(() => moveDeadline('yesterday', { extendByDays: 1 }, ZONE)).toThrow('"yesterday" is not an ISO instant');
  });
});

describe('formatInstant', () => {
  it('shows the weekday, local time and zone abbreviation', () => {
    expect(formatInstant('2017-10-14T03:59:59.999Z', ZONE)).toBe('Fri 2017-10-13 23:59 EDT');
    expect(formatInstant('2020-01-17T22:00:00.000Z', ZONE)).toBe('Fri 2020-01-17 17:00 EST');
  });
});

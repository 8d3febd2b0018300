import { DateTime } from 'luxon';
import { computeSchedule, findDirective, parseDirectiveDefinition, type Schedule } from '../../../domain';
import { days, definition, milestone } from './fixtures';

const ZONE = 'America/New_York';

/** The local due moment in New York, e.g. "2017-10-13 23:59:59". */
function localDue(schedule: Schedule, id: string): string | null {
  const found = schedule.milestones.find((m) => m.id === id);
  if (!found) throw new Error(`no milestone ${id} in ${schedule.milestones.map((m) => m.id).join(', ')}`);
  return found.dueAt && DateTime.fromISO(found.dueAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm:ss');
}

function scheduleOf(id: string): Schedule {
  const directive = findDirective(id)!;
  return computeSchedule(directive, directive.issuedOn!);
}

describe('BOD 17-01 (issued Wed 2017-09-13)', () => {
  const schedule = scheduleOf('BOD-17-01');

  it.each([
    ['identify', '2017-10-13 23:59:59'],
    ['plan', '2017-11-12 23:59:59'], // a Sunday: no weekend roll-forward
    ['remove', '2017-12-12 23:59:59'],
    ['status-1', '2018-01-11 23:59:59'],
    ['status-2', '2018-02-10 23:59:59'],
    ['status-3', '2018-03-12 23:59:59'],
  ])('%s is due %s', (id, due) => expect(localDue(schedule, id)).toBe(due));

  it('gives exact UTC instants', () => {
    expect(schedule.issuedAt).toBe('2017-09-13T04:00:00.000Z');
    expect(schedule.milestones[0]).toEqual({
      id: 'identify',
      milestoneId: 'identify',
      title: 'Identify Kaspersky-branded products',
      dueAt: '2017-10-14T03:59:59.999Z',
      explanation: '30 calendar days after Wed 2017-09-13 → Fri 2017-10-13, due 23:59:59 EDT',
      // 09:00 EDT seven and one calendar days before the due day.
      reminders: [
        { daysBefore: 7, at: '2017-10-06T13:00:00.000Z' },
        { daysBefore: 1, at: '2017-10-12T13:00:00.000Z' },
      ],
    });
  });

  it('has the vendor response due day 51, Fri 2017-11-03', () => {
    expect(schedule.vendorResponseDueAt).toBe('2017-11-04T03:59:59.999Z');
    expect(schedule.vendorResponseExplanation).toBe(
      '51 calendar days after Wed 2017-09-13 → Fri 2017-11-03, due 23:59:59 EDT',
    );
  });

  it('numbers the status reports, counts them from removal, and leaves full removal open-ended and last', () => {
    const status = schedule.milestones.filter((m) => m.milestoneId === 'status');
    expect(status).toHaveLength(24);
    expect(status[0]).toMatchObject({ id: 'status-1', occurrence: 1, title: 'Status report #1' });
    expect(status[0]!.explanation).toBe(
      '30 calendar days after remove (Tue 2017-12-12) → Thu 2018-01-11, due 23:59:59 EST',
    );
    expect(status[1]!.explanation).toBe(
      'every 30 days: 30 calendar days after status-1 (Thu 2018-01-11) → Sat 2018-02-10, due 23:59:59 EST',
    );
    expect(schedule.milestones.at(-1)).toMatchObject({ id: 'removed', dueAt: null });
  });

  it('orders milestones by due instant', () => {
    const ids = schedule.milestones.slice(0, 5).map((m) => m.id);
    expect(ids).toEqual(['identify', 'plan', 'remove', 'status-1', 'status-2']);
  });
});

describe('BOD 18-01 (issued Mon 2017-10-16)', () => {
  const schedule = scheduleOf('BOD-18-01');

  it.each([
    ['plan', '2017-11-16 23:59:59'], // published; arithmetic gives 11-15
    ['status-1', '2017-12-15 23:59:59'],
    ['starttls', '2018-01-15 23:59:59'], // published; arithmetic gives Sun 01-14
    ['web-hygiene', '2018-02-13 23:59:59'],
    ['dmarc-reject', '2018-10-16 23:59:59'],
    ['dmarc-report-address', null], // 15 days after an announcement: no date until then
  ])('%s is due %s', (id, due) => expect(localDue(schedule, id)).toBe(due));

  it('says why the published dates differ from the arithmetic', () => {
    const plan = schedule.milestones.find((m) => m.id === 'plan')!;
    expect(plan.explanation).toBe(
      '30 calendar days after Mon 2017-10-16 → Wed 2017-11-15; published as Thu 2017-11-16 (arithmetic gives Wed 2017-11-15): ' +
        'the date printed in BOD 18-01, one day later than 30 days from issuance; due 23:59:59 EST',
    );
    const starttls = schedule.milestones.find((m) => m.id === 'starttls')!;
    expect(starttls.explanation).toContain('published as Mon 2018-01-15 (arithmetic gives Sun 2018-01-14)');
  });

  it('keeps to the arithmetic when the campaign starts on another day', () => {
    const other = computeSchedule(findDirective('BOD-18-01')!, '2017-10-20');
    const plan = other.milestones.find((m) => m.id === 'plan')!;
    expect(DateTime.fromISO(plan.dueAt!).setZone(ZONE).toISODate()).toBe('2017-11-19');
    expect(plan.explanation).toContain('(the printed date Thu 2017-11-16 applies only for issuance on Mon 2017-10-16)');
  });
});

describe('BOD 20-01 (issued Wed 2020-09-02)', () => {
  const schedule = scheduleOf('BOD-20-01');

  it.each([
    ['security-contacts', '2020-10-02 23:59:59'],
    ['publish-vdp', '2021-03-01 23:59:59'],
    ['scope-expansion-1', '2021-06-01 23:59:59'],
    ['scope-all', '2022-09-02 23:59:59'],
  ])('%s is due %s', (id, due) => expect(localDue(schedule, id)).toBe(due));

  it('rolls day 270 over Sunday and Memorial Day', () => {
    const first = schedule.milestones.find((m) => m.id === 'scope-expansion-1')!;
    expect(first.explanation).toBe(
      '270 calendar days after Wed 2020-09-02 → Sun 2021-05-30; rolled to the next business day past Mon 2021-05-31 (Memorial Day) → Tue 2021-06-01, due 23:59:59 EDT',
    );
  });

  it('counts each later scope expansion from the arithmetic day, not the rolled one', () => {
    const second = schedule.milestones.find((m) => m.id === 'scope-expansion-2')!;
    expect(localDue(schedule, 'scope-expansion-2')).toBe('2021-08-30 23:59:59');
    expect(second.explanation).toContain(
      'after scope-expansion-1 (Sun 2021-05-30) → Sat 2021-08-28; rolled to the next business day → Mon 2021-08-30',
    );
  });
});

describe('BOD 26-02 (issued Thu 2026-02-05), in months', () => {
  const schedule = scheduleOf('BOD-26-02');

  it.each([
    ['inventory', '2026-05-05 23:59:59'],
    ['decommission', '2027-02-05 23:59:59'],
    ['replace', '2027-08-05 23:59:59'],
    ['lifecycle', '2028-02-05 23:59:59'],
  ])('%s is due %s', (id, due) => expect(localDue(schedule, id)).toBe(due));
});

describe('ED 20-02 (issued Tue 2020-01-14), in business days', () => {
  const schedule = scheduleOf('ED-20-02');

  it('wants the initial report by Fri 2020-01-17 at 5 pm Eastern', () => {
    expect(localDue(schedule, 'initial-report')).toBe('2020-01-17 17:00:00');
    expect(schedule.milestones[0]!.dueAt).toBe('2020-01-17T22:00:00.000Z');
  });

  it('wants all endpoints patched by Wed 2020-01-29, skipping MLK Day', () => {
    expect(localDue(schedule, 'patch-all')).toBe('2020-01-29 23:59:59');
    expect(schedule.milestones[1]!.explanation).toBe(
      '10 business days after Tue 2020-01-14, skipping Mon 2020-01-20 (Birthday of Martin Luther King, Jr.) → Wed 2020-01-29, due 23:59:59 EST',
    );
  });
});

/** Published directives that are not built in: their printed dates still come out of the same calculus. */
describe('other published dates', () => {
  it('ED 19-01 (issued Tue 2019-01-22): 3 and 10 business days', () => {
    const ed1901 = parseDirectiveDefinition(
      definition([milestone('status-report', days(3, 'businessDays')), milestone('audit', days(10, 'businessDays'))], {
        id: 'ED-19-01',
      }),
    );
    const schedule = computeSchedule(ed1901, '2019-01-22');
    expect(localDue(schedule, 'status-report')).toBe('2019-01-25 23:59:59');
    expect(localDue(schedule, 'audit')).toBe('2019-02-05 23:59:59');
  });

  it('BOD 25-01 (issued Tue 2024-12-17): 66, 129 and 185 days', () => {
    const bod2501 = parseDirectiveDefinition(
      definition(
        [milestone('inventory', days(66)), milestone('assessment', days(129)), milestone('policies', days(185))],
        { id: 'BOD-25-01' },
      ),
    );
    const schedule = computeSchedule(bod2501, '2024-12-17');
    expect(localDue(schedule, 'inventory')).toBe('2025-02-21 23:59:59');
    expect(localDue(schedule, 'assessment')).toBe('2025-04-25 23:59:59');
    expect(localDue(schedule, 'policies')).toBe('2025-06-20 23:59:59');
  });
});

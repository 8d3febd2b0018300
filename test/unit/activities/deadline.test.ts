/** The deadline activities: the calculus run outside the workflow, its refusals non-retryable and naming the date. */
import { ApplicationFailure } from '@temporalio/activity';
import { nextSeriesOccurrences, resolveDeadline } from '../../../activities/deadline';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';

const bod = findDirective('BOD-17-01')!;
const schedule = computeSchedule(bod, '2017-09-13');
const due = (id: string) => schedule.milestones.find((m) => m.id === id)!.dueAt!;

test('a rules v3 move returns the new deadline, its 09:00 reminders and the status reports moved with remove', async () => {
  const moved = await resolveDeadline({
    dueAt: due('remove'),
    change: { extendByDays: 30 },
    timeZone: bod.timeZone,
    issuedAt: schedule.issuedAt,
    reminderDaysBefore: [7, 1],
    anchored: [{ id: 'status-2', dueAt: due('status-2'), reminderDaysBefore: [7, 1] }],
  });
  expect(moved).toMatchObject({
    dueAt: '2018-01-12T04:59:59.999Z', // Thu 2018-01-11 23:59:59.999 EST
    reminders: [
      { daysBefore: 7, at: '2018-01-04T14:00:00.000Z' },
      { daysBefore: 1, at: '2018-01-10T14:00:00.000Z' },
    ],
    anchored: [{ id: 'status-2', dueAt: '2018-03-13T03:59:59.999Z' }], // Mon 2018-03-12 23:59:59.999 EDT
  });
});

test('a rules v1/v2 request still gets the new deadline alone', async () => {
  await expect(
    resolveDeadline({ dueAt: due('identify'), change: { extendByDays: 1 }, timeZone: bod.timeZone }),
  ).resolves.toEqual({
    dueAt: '2017-10-15T03:59:59.999Z',
    explanation: 'extended by 1 calendar day: Fri 2017-10-13 23:59 EDT → Sat 2017-10-14 23:59 EDT',
  });
});

test('a deadline before the issuance is refused for good, naming the date', async () => {
  const refusal = await resolveDeadline({
    dueAt: due('identify'),
    change: { newDueAt: '2017-09-12' },
    timeZone: bod.timeZone,
    issuedAt: schedule.issuedAt,
    reminderDaysBefore: [7, 1],
  }).catch((err: unknown) => err);
  expect(refusal).toBeInstanceOf(ApplicationFailure);
  expect(refusal).toMatchObject({
    type: 'InvalidDeadlineChange',
    nonRetryable: true,
    message: "the new deadline Tue 2017-09-12 23:59 EDT is before the directive's issuance (Wed 2017-09-13 00:00 EDT)",
  });
});

test('the next status reports after status-24 come 30 calendar days apart, at 23:59:59 local', async () => {
  const next = await nextSeriesOccurrences({
    definition: bod,
    milestoneId: 'status',
    last: { occurrence: 24, dueAt: due('status-24') },
    count: 2,
  });
  expect(next.map((o) => [o.id, o.explanation])).toEqual([
    [
      'status-25',
      expect.stringMatching(/^every 30 days: 30 calendar days after status-24 \(.*\) → .*, due 23:59:59 E[SD]T$/),
    ],
    ['status-26', expect.stringMatching(/^every 30 days: 30 calendar days after status-25 /)],
  ]);
});

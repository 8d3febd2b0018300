/** The key format is fixed: recorded histories, Message-IDs and the sent-ledger hold keys written this way. */
import { noticeKey } from '../../../domain/obligation';

const DOJ = { directiveId: 'BOD-17-01', agencyId: 'DOJ' };
const due = Date.parse('2017-10-14T03:59:59.000Z');

test('a clock event is keyed by the deadline it belongs to, with the reminder offset or escalation level', () => {
  expect(noticeKey(DOJ, 'identify', 'reminder', { deadline: due, daysBefore: 7 })).toBe(
    'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D',
  );
  expect(noticeKey(DOJ, 'plan', 'review-reminder', { deadline: due, daysBefore: 1 })).toBe(
    'BOD-17-01/DOJ/plan/review-reminder/2017-10-14T03:59:59.000Z/P1D',
  );
  expect(noticeKey(DOJ, 'identify', 'escalation', { deadline: due, level: 2 })).toBe(
    'BOD-17-01/DOJ/identify/escalation/2017-10-14T03:59:59.000Z/L2',
  );
  expect(noticeKey(DOJ, 'plan', 'review-late', { deadline: due })).toBe(
    'BOD-17-01/DOJ/plan/review-late/2017-10-14T03:59:59.000Z',
  );
});

test('a report or a review is keyed by the instant it happened', () => {
  expect(noticeKey(DOJ, 'status-3', 'completed', { at: Date.parse('2017-10-02T15:04:05.123Z') })).toBe(
    'BOD-17-01/DOJ/status-3/completed/2017-10-02T15:04:05.123Z',
  );
  expect(noticeKey(DOJ, 'plan', 'rejected', { at: due })).toBe('BOD-17-01/DOJ/plan/rejected/2017-10-14T03:59:59.000Z');
});

test('an amendment is keyed by its id; a rescission concerns no milestone', () => {
  expect(noticeKey(DOJ, 'remove', 'amended', { amendmentId: 'AMD-1' })).toBe('BOD-17-01/DOJ/remove/amended/AMD-1');
  expect(noticeKey(DOJ, undefined, 'rescinded', { amendmentId: 'rescind-20171001T120000000Z' })).toBe(
    'BOD-17-01/DOJ/-/rescinded/rescind-20171001T120000000Z',
  );
});

import { temporal } from '@temporalio/proto';
import { useLifecycle, status } from './harness';
import { scenario } from './scenario';

const world = useLifecycle();

const EventType = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The sendNotice activity's events alone (the compliance record's appendRecord runs beside it), by type. */
function noticeEvents(events: HistoryEvent[]) {
  const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNotice');
  const ids = new Set(scheduled.map((e) => String(e.eventId)));
  const of = (
    type: temporal.api.enums.v1.EventType,
    attrs: (e: HistoryEvent) => { scheduledEventId?: unknown } | null | undefined,
  ) => events.filter((e) => e.eventType === type && ids.has(String(attrs(e)?.scheduledEventId)));
  return {
    scheduled,
    started: of(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, (e) => e.activityTaskStartedEventAttributes),
    completed: of(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, (e) => e.activityTaskCompletedEventAttributes),
    failed: of(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, (e) => e.activityTaskFailedEventAttributes),
  };
}

test('an activity retried after the mail server accepted its message sends no duplicate', async () => {
  let first = true;
  const afterSendKeys: string[] = [];
  await scenario(
    world,
    'DOJT',
    async (s) => {
      await s.advance(24);
      const mails = await s.sent();
      expect(mails.map((n) => [n.kind, n.milestone, n.day])).toEqual([['reminder', 'identify', 22]]);
      const key = mails[0]!.key;
      expect(key).toMatch(/^BOD-17-01\/DOJT\/identify\/reminder\/.*\/P7D$/);
      // Exactly one message with that key reached the server although the activity ran twice.
      expect(world.smtp.received.filter((r) => r.mail.headers.get('x-directive-notice') === key)).toHaveLength(1);
      // afterSend runs after a real send: the retry found the ledger's record and sent nothing.
      expect(afterSendKeys).toEqual([key]);

      const notice = noticeEvents((await s.handle.fetchHistory()).events ?? []);
      expect(notice.scheduled).toHaveLength(1);
      expect(notice.started.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([2]);
      // (The Java test server does not fill in lastFailure on the started event; the attempt number is the evidence.)
      expect(notice.completed).toHaveLength(1);
      expect(notice.failed).toHaveLength(0);

      const st = await status(s.handle);
      expect(st.history.filter((h) => h.event.startsWith('notice')).map((h) => [h.event, h.milestoneId])).toEqual([
        ['notice:reminder', 'identify'],
      ]);
      expect(st.history.find((h) => h.event === 'notice:reminder')?.detail).toBe('already-sent');
    },
    {
      deps: {
        afterSend: async (key) => {
          afterSendKeys.push(key);
          if (first) {
            first = false;
            throw new Error('worker died after the server accepted the message');
          }
        },
      },
    },
  );
});

test("a recipient the mail server refuses for good is recorded in the obligation's history and not retried", async () => {
  await scenario(world, 'DOJR', async (s) => {
    world.smtp.refuse(s.agency.contacts.complianceOfficer, 550, 'No such user here');
    try {
      await s.advance(24);
      const notice = noticeEvents((await s.handle.fetchHistory()).events ?? []);
      expect(notice.scheduled).toHaveLength(1);
      expect(notice.started.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
      const st = await status(s.handle);
      const entry = st.history.find((h) => h.event === 'notice:reminder');
      expect(entry?.milestoneId).toBe('identify');
      expect(entry?.detail).toMatch(/^undeliverable: .*550 No such user here/);
      expect(st.state).toBe('active');
    } finally {
      world.smtp.reset();
    }
  });
});

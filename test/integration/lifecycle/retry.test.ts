import { temporal } from '@temporalio/proto';
import { useLifecycle, status } from './harness';
import { scenario } from './scenario';

const world = useLifecycle();

const EventType = temporal.api.enums.v1.EventType;

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

      const events = (await s.handle.fetchHistory()).events ?? [];
      const scheduled = events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      expect(scheduled).toHaveLength(1);
      const started = events.find((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)!;
      expect(started.activityTaskStartedEventAttributes?.attempt).toBe(2);
      // (The Java test server does not fill in lastFailure on the started event; the attempt number is the evidence.)
      expect(events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toHaveLength(1);
      expect(events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)).toHaveLength(0);

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
      const events = (await s.handle.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toHaveLength(1);
      expect(
        events.find((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
          ?.activityTaskStartedEventAttributes?.attempt,
      ).toBe(1);
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

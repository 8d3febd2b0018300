import { amendSignal, completeMilestoneUpdate, reviewMilestoneUpdate } from '../../../workflows/messages';
import { OverdueKey } from '../../../workflows/search-attributes';
import { DOJ, advanceTo, useLifecycle, status } from './harness';
import { quiesce, scenario } from './scenario';

const world = useLifecycle();

const OFFICER = DOJ.contacts.complianceOfficer;
const REVIEWER = 'bod-review@example.gov';

test('state survives continue-as-new: reports, history and sent notices carry over, no notice is sent twice', async () => {
  await scenario(
    world,
    'DOJC',
    async (s) => {
      const { handle } = s;
      const firstRunId = (await handle.describe()).runId;
      const runs = new Set([firstRunId]);
      const report = async (milestoneId: string, summary: string) => {
        const st = await handle.executeUpdate(completeMilestoneUpdate, {
          args: [{ milestoneId, completedBy: OFFICER, evidence: { summary } }],
        });
        runs.add((await handle.describe()).runId);
        return st;
      };

      await s.advance(29.5);
      await report('identify', 'None found');
      await s.advance(50);
      await report('plan', 'Removal plan');
      await s.advance(52);
      await handle.executeUpdate(reviewMilestoneUpdate, {
        args: [{ milestoneId: 'plan', reviewer: REVIEWER, decision: 'approve', comment: 'Complete' }],
      });
      await s.advance(89.5);
      await report('remove', 'Uninstall started');
      await s.advance(119.5);
      await report('status', 'Month 1: 40% removed');
      await s.advance(149.5);
      await report('status', 'Month 2: 80% removed');
      await s.advance(179.5);
      const before = await report('status', 'Month 3: 99% removed');
      expect(
        before.milestones.filter((m) => m.id.startsWith('status-') && m.state === 'completed').map((m) => m.id),
      ).toEqual(['status-1', 'status-2', 'status-3']);

      const description = await handle.describe();
      expect(description.runId).not.toBe(firstRunId);
      expect(runs.size).toBeGreaterThan(2);
      expect((await handle.fetchHistory()).events?.length).toBeLessThan(80);

      await s.advance(185);
      await report('removed', 'All Kaspersky products removed; verified by EDR inventory');
      const final = await handle.result();
      expect(final).toMatchObject({ state: 'completed', overdue: false, escalationLevel: 0 });
      expect(final.milestones.map((m) => [m.id, m.state, m.late])).toEqual([
        ['identify', 'completed', false],
        ['plan', 'completed', false],
        ['remove', 'completed', false],
        ['status-1', 'completed', false],
        ['status-2', 'completed', false],
        ['status-3', 'completed', false],
        ['removed', 'completed', false],
      ]);
      // The history began in the first run and was carried through every continue-as-new.
      expect(final.history[0]?.event).toBe('issued');
      expect(
        final.history
          .filter((h) => h.event === 'completed' || h.event === 'approved' || h.event === 'submitted')
          .map((h) => [h.event, h.milestoneId]),
      ).toEqual([
        ['completed', 'identify'],
        ['submitted', 'plan'],
        ['approved', 'plan'],
        ['completed', 'remove'],
        ['completed', 'status-1'],
        ['completed', 'status-2'],
        ['completed', 'status-3'],
        ['completed', 'removed'],
      ]);
      expect(final.history.filter((h) => h.event === 'obligation-completed')).toHaveLength(1);
      expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);

      const mails = await s.sent();
      const keys = mails.map((n) => n.key);
      expect(new Set(keys).size).toBe(keys.length);
      const messageIds = world.smtp.received
        .filter((r) => String(r.mail.headers.get('x-directive-notice')).includes('/DOJC/'))
        .map((r) => r.mail.messageId);
      expect(messageIds).toHaveLength(mails.length);
      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(mails.filter((n) => n.kind === 'escalation')).toEqual([]);
      expect(mails.filter((n) => n.kind === 'reminder').map((n) => [n.milestone, n.day])).toEqual([
        ['identify', 22],
        ['identify', 28],
        ['remove', 82],
        ['remove', 88],
        ['status-1', 112],
        ['status-1', 118],
        ['status-2', 142],
        ['status-2', 148],
        ['status-3', 172],
        ['status-3', 178],
      ]);
      // Every notice recorded in the carried-over history matches one message the server received.
      expect(final.history.filter((h) => h.event.startsWith('notice:')).length).toBe(mails.length);
      await s.record('continue-as-new');
    },
    { input: { continueAsNewAfterEvents: 40 } },
  );
});

test('an amendment that arrives while the run waits for its notices before continuing as new is not lost', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let sends = 0;
  await scenario(
    world,
    'DOJS',
    async (s) => {
      const { handle, issuedAt } = s;
      const firstRunId = (await handle.describe()).runId;
      // Day 22 (09:00 local, rules v3): the reminder is sent and the run, over its event budget, waits for that notice before continuing as new.
      // (Simulated time stands still while the notice activity is held, so the skip completes only after release.)
      const skipping = advanceTo(world, issuedAt, 23.5);
      for (let i = 0; i < 400 && sends === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(sends).toBe(1);
      await handle.signal(amendSignal, {
        amendmentId: 'WAIVE-CAN',
        kind: 'waive',
        milestoneId: 'identify',
        reason: 'Inventory already provided',
        directedBy: 'DHS',
      });
      release();
      await skipping;
      await quiesce(handle);
      await s.advance(24);

      expect((await handle.describe()).runId).not.toBe(firstRunId);
      const st = await status(handle);
      expect(st.amendments).toEqual(['WAIVE-CAN']);
      expect(st.milestones.find((m) => m.id === 'identify')).toMatchObject({ state: 'waived' });
      await s.advance(45);
      const mails = await s.sent();
      expect(mails.map((n) => [n.kind, n.milestone, n.day])).toEqual([
        ['reminder', 'identify', 22],
        ['amended', 'identify', 22],
      ]);
    },
    {
      input: { continueAsNewAfterEvents: 8 },
      deps: {
        afterSend: async () => {
          sends++;
          if (sends === 1) await held;
        },
      },
    },
  );
});

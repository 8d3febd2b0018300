import { completeMilestoneUpdate } from '../../../workflows/messages';
import { ObligationPhaseKey, OverdueKey } from '../../../workflows/search-attributes';
import { DOJ, useLifecycle, status } from './harness';
import { scenario } from './scenario';

const world = useLifecycle();

const OFFICER = DOJ.contacts.complianceOfficer;
const CIO = DOJ.contacts.cio;
const HEAD = DOJ.contacts.head;
const ISSUER = 'dhs-directives@example.gov';
const LEADERSHIP = 'dhs-leadership@example.gov';

test('identify missed: reminders, escalation L1 at the deadline and L2 a week later; a late report stops escalation and is recorded as late', async () => {
  await scenario(world, 'DOJ', async (s) => {
    const { handle, issuedAt } = s;

    await s.advance(38);
    const overdue = await status(handle);
    expect(overdue.state).toBe('active');
    expect(overdue.phase).toBe('identify');
    expect(overdue.overdue).toBe(true);
    expect(overdue.escalationLevel).toBe(2);
    const identify = overdue.milestones.find((m) => m.id === 'identify')!;
    expect(identify).toMatchObject({ state: 'pending', late: false, escalationLevel: 2, highestEscalation: 2 });
    expect(Date.parse(identify.dueAt!)).toBeGreaterThan(issuedAt + 30 * 86_400_000 - 1);
    expect(Date.parse(identify.dueAt!)).toBeLessThan(issuedAt + 31 * 86_400_000);
    const attrs = (await handle.describe()).typedSearchAttributes;
    expect(attrs.get(OverdueKey)).toBe(true);
    expect(attrs.get(ObligationPhaseKey)).toBe('identify');

    let sent = await s.sent();
    expect(sent.map((n) => [n.kind, n.milestone, n.day])).toEqual([
      ['reminder', 'identify', 22],
      ['reminder', 'identify', 28],
      ['escalation', 'identify', 30],
      ['escalation', 'identify', 37],
    ]);
    expect(sent[0]!.to).toEqual([OFFICER]);
    expect(sent[1]!.to).toEqual([OFFICER]);
    expect([...sent[2]!.to].sort()).toEqual([CIO, ISSUER, OFFICER].sort());
    expect(sent[2]!.key).toMatch(/\/identify\/escalation\/.*\/L1$/);
    expect([...sent[3]!.to].sort()).toEqual([HEAD, OFFICER].sort());
    expect(sent[3]!.key).toMatch(/\/identify\/escalation\/.*\/L2$/);

    await s.advance(40);
    const reported = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [
        {
          milestoneId: 'identify',
          completedBy: OFFICER,
          evidence: { summary: 'Found 12 endpoints with Kaspersky Endpoint Security' },
        },
      ],
    });
    expect(reported.milestones.find((m) => m.id === 'identify')).toMatchObject({
      state: 'completed',
      late: true,
      escalationLevel: 0,
      highestEscalation: 2,
    });
    expect(reported.overdue).toBe(false);
    expect(reported.escalationLevel).toBe(0);

    await s.advance(50);
    const after = await status(handle);
    expect(after.overdue).toBe(false);
    expect(after.escalationLevel).toBe(0);
    expect(after.phase).toBe('plan');
    expect(after.milestones.find((m) => m.id === 'identify')).toMatchObject({ state: 'completed', late: true });
    expect(after.milestones.find((m) => m.id === 'plan')).toMatchObject({ state: 'pending', late: false });
    expect((await handle.describe()).typedSearchAttributes.get(OverdueKey)).toBe(false);

    sent = await s.sent();
    expect(sent.filter((n) => n.kind === 'escalation').map((n) => [n.milestone, n.day])).toEqual([
      ['identify', 30],
      ['identify', 37],
    ]);
    expect(sent.some((n) => n.to.includes(LEADERSHIP))).toBe(false);
    const receipt = sent.filter((n) => n.kind === 'completed');
    expect(receipt.map((n) => [n.milestone, n.day, n.to])).toEqual([['identify', 40, [OFFICER]]]);
    expect(sent.filter((n) => n.day > 40)).toEqual([]);

    await s.record('identify-missed');
  });
});

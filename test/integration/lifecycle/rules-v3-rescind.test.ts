/** Rules v3, point 13, through the `directive` CLI: a rescission marks the open milestones `rescinded`. */
import type { ObligationStatus } from '../../../domain/obligation';
import { AGENCIES, bod1701As, dueOf, endCampaign, startCampaign, startSharedWorker } from '../campaign/harness';
import { DAY_MS, DOJ, cliFor, useLifecycle } from './harness';
import { quiesce } from './scenario';

const world = useLifecycle(startSharedWorker);
const directive = cliFor(world);
const definition = bod1701As('BOD-17-01-V3R');
const agencies = AGENCIES.filter((a) => a.id === DOJ.id);
afterAll(async () => endCampaign(world, definition.id, agencies));

test('directive rescind ends the obligation: what was done stays completed, every open milestone is rescinded', async () => {
  const { schedule, obligation } = await startCampaign(world, definition, { agencies });
  const identifyDue = dueOf(schedule, 'identify');
  await world.env.sleep(identifyDue - DAY_MS - (await world.env.currentTimeMs()));
  await quiesce(obligation(DOJ.id));
  const by = ['--by', DOJ.contacts.complianceOfficer, '--evidence', 'none found'];
  expect(await directive(['complete', definition.id, DOJ.id, 'identify', ...by])).toMatchObject({ code: 0 });

  const rescinded = await directive([
    'rescind',
    definition.id,
    '--reason',
    'superseded',
    '--directed-by',
    'DHS Assistant Secretary for Cybersecurity',
  ]);
  expect(rescinded).toMatchObject({ code: 0, stderr: '' });
  await world.env.sleep(60_000);
  await quiesce(obligation(DOJ.id));

  const r = await directive(['status', definition.id, DOJ.id, '--json']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const s = JSON.parse(r.stdout) as ObligationStatus;
  expect(s.state).toBe('rescinded');
  const states = new Map(s.milestones.map((m) => [m.id, m.state]));
  expect(states.get('identify')).toBe('completed');
  expect(states.get('plan')).toBe('rescinded');
  expect(states.get('remove')).toBe('rescinded');
  expect(states.get('status-1')).toBe('rescinded');
  expect([...states.values()].filter((state) => state !== 'completed' && state !== 'rescinded')).toEqual([]);
});

/**
 * Shared helpers of the rules-v3-*.test.ts scenario files (not a test file itself). One obligation per file: after a
 * test's obligation is terminated, the time-skipping server can stop skipping time for the next one in the same file.
 */
import type { ObligationStatus } from '../../../domain/obligation';
import { computeSchedule, type Schedule } from '../../../domain/calculus';
import { obligationWorkflowId } from '../../../workflows/campaign-messages';
import { agencyObligation } from '../../../workflows';
import { BOD_17_01, DOJ, cliFor, type Lifecycle } from './harness';
import { quiesce, type Handle } from './scenario';

export interface V3Obligation {
  handle: Handle;
  schedule: Schedule;
  /** A milestone's scheduled deadline (epoch ms). */
  due(id: string): number;
  /** Skips simulated time to `at`, then waits for what is in flight. */
  advanceTo(at: number): Promise<void>;
  /** `directive status BOD-17-01 <agency> --json`, parsed. */
  status(): Promise<ObligationStatus>;
}

/**
 * Starts a BOD 17-01 obligation issued now under the id the CLI addresses (`BOD-17-01/<agency>`), with DOJ's contacts.
 * Needs a worker polling (the caller's).
 */
export async function startV3Obligation(world: Lifecycle, agencyId: string): Promise<V3Obligation> {
  const directive = cliFor(world);
  const issuedAt = await world.env.currentTimeMs();
  const schedule = computeSchedule(BOD_17_01, new Date(issuedAt).toISOString());
  const handle: Handle = await world.env.client.workflow.start(agencyObligation, {
    taskQueue: world.taskQueue,
    workflowId: obligationWorkflowId(BOD_17_01.id, agencyId),
    args: [{ definition: BOD_17_01, agency: { ...DOJ, id: agencyId }, schedule }],
  });
  return {
    handle,
    schedule,
    due: (id) => Date.parse(schedule.milestones.find((m) => m.id === id)!.dueAt!),
    async advanceTo(at) {
      const now = await world.env.currentTimeMs();
      if (at > now) await world.env.sleep(at - now);
      await quiesce(handle);
    },
    async status() {
      const r = await directive(['status', BOD_17_01.id, agencyId, '--json']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(r.stdout) as ObligationStatus;
    },
  };
}

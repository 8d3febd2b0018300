import type { WorkflowHandle } from '@temporalio/client';
import type { ActivityDeps } from '../../../activities';
import { storeAgencies } from '../../../activities/agencies-store';
import type { Agency } from '../../../domain/agency';
import type { DirectiveDefinition } from '../../../domain/directive';
import { computeSchedule, type Schedule } from '../../../domain/calculus';
import { directiveCampaign } from '../../../workflows';
import {
  campaignStatusQuery,
  campaignWorkflowId,
  obligationWorkflowId,
  type CampaignStatus,
} from '../../../workflows/campaign-messages';
import type { CampaignState } from '../../../workflows/campaign';
import { BOD_17_01, DOJ, type Lifecycle } from '../lifecycle/harness';

const agency = (id: string, name: string): Agency => ({
  id,
  name,
  contacts: {
    complianceOfficer: `officer@${id.toLowerCase()}.example.gov`,
    cio: `cio@${id.toLowerCase()}.example.gov`,
    head: `head@${id.toLowerCase()}.example.gov`,
  },
});

export const AGENCIES: Agency[] = [
  DOJ,
  agency('DOE', 'Department of Energy'),
  agency('DOT', 'Department of Transportation'),
];

export type CampaignHandle = WorkflowHandle<typeof directiveCampaign>;

/**
 * BOD 17-01 under another id: tests in one file share a server, and a campaign never restarts an obligation that
 * ended (workflowIdReusePolicy REJECT_DUPLICATE), so each test issues its own copy of the directive.
 */
export function bod1701As(id: string): DirectiveDefinition {
  return { ...BOD_17_01, id };
}

/** Starts a campaign for `definition` issued at the server's current (simulated) time. */
export async function startCampaign(
  world: Lifecycle,
  definition: DirectiveDefinition,
  opts: { agencies?: Agency[]; issuedAt?: number; state?: CampaignState } = {},
): Promise<{
  handle: CampaignHandle;
  issuedAt: number;
  schedule: Schedule;
  obligation: (agencyId: string) => WorkflowHandle;
}> {
  const issuedAt = opts.issuedAt ?? (await world.env.currentTimeMs());
  const schedule = computeSchedule(definition, new Date(issuedAt).toISOString());
  const handle = await world.env.client.workflow.start(directiveCampaign, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(definition.id),
    args: [{ definition, agencies: opts.agencies ?? AGENCIES, schedule, state: opts.state }],
  });
  return {
    handle,
    issuedAt,
    schedule,
    obligation: (agencyId) => world.env.client.workflow.getHandle(obligationWorkflowId(definition.id, agencyId)),
  };
}

/** Starts a campaign for `definition` with AGENCIES by reference: stored in `storeDir`, which the worker reads. */
export async function startCampaignByReference(
  world: Lifecycle,
  storeDir: string,
  definition: DirectiveDefinition,
  list: Agency[] = AGENCIES,
): Promise<CampaignHandle> {
  const agencies = await storeAgencies(storeDir, list);
  const schedule = computeSchedule(definition, new Date(await world.env.currentTimeMs()).toISOString());
  return world.env.client.workflow.start(directiveCampaign, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(definition.id),
    args: [{ definition, agencies, schedule }],
  });
}

export async function campaignStatus(handle: CampaignHandle): Promise<CampaignStatus> {
  return handle.query(campaignStatusQuery);
}

/** Lets workflows process what was just sent: a little simulated time. */
export async function settle(world: Lifecycle, ms = 60_000): Promise<void> {
  await world.env.sleep(ms);
}

/**
 * Ends a test's obligations, then its campaign, so the next test's timers do not wake them. In that order: the
 * time-skipping server stops skipping time (for a minute or more of real time) while an obligation's progress signal
 * is addressed to a campaign that is already closed.
 */
export async function endCampaign(world: Lifecycle, directiveId: string, agencies: Agency[] = AGENCIES): Promise<void> {
  const ids = [...agencies.map((a) => obligationWorkflowId(directiveId, a.id)), campaignWorkflowId(directiveId)];
  for (const id of ids) {
    await world.env.client.workflow
      .getHandle(id)
      .terminate('test cleanup')
      .catch(() => undefined);
  }
}

/** Skips simulated time until `at` (ms since epoch). */
export async function advanceToInstant(world: Lifecycle, at: number): Promise<void> {
  const now = await world.env.currentTimeMs();
  if (at > now) await world.env.sleep(at - now);
}

export function dueOf(schedule: Schedule, milestoneId: string): number {
  return Date.parse(schedule.milestones.find((m) => m.id === milestoneId)?.dueAt ?? '');
}

/**
 * One worker for a whole test file. A worker per test leaves the stopped worker's long polls on the server for a
 * minute, and the server can hand the next test's tasks to them (a minute lost per task, real time).
 * Returns a function that stops the worker.
 */
export async function startSharedWorker(
  world: Lifecycle,
  deps: Partial<ActivityDeps> = {},
): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  const running = new Promise<void>((resolve) => (ready = resolve));
  const done = world.withWorker(async () => {
    ready();
    await released;
  }, deps);
  await Promise.race([running, done]);
  return async () => {
    release();
    await done;
  };
}

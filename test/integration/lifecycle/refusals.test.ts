/**
 * Refusals run on the shared dev server, not the time-skipping test server: a real server drops the speculative
 * workflow task of a rejected update, so "the history is unchanged" can be checked as such (the Java test server
 * persists that task as three WorkflowTask* events). A real server runs on the wall clock, so a scenario's issuance
 * is a date found from the calendar (test/fixtures/issuance.ts) against the clock, with margins of whole days.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowUpdateFailedError, type Client, type Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { createMailer, type Mailer } from '../../../activities/mail/mailer';
import { computeSchedule } from '../../../domain/calculus';
import { agencyObligation } from '../../../workflows';
import {
  completeMilestoneUpdate,
  reviewMilestoneUpdate,
  type CompleteMilestoneInput,
  type ReviewMilestoneInput,
} from '../../../workflows/messages';
import { workflowsPath } from '../../../worker/worker';
import { devServerAddress, devServerClient } from '../harness/servers';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';
import { BOD_17_01, DOJ, status } from './harness';
import { quiesce } from './scenario';

let client: Client;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let smtp: SmtpSink;
let mailer: Mailer;
const taskQueue = `refusals-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  ({ client, connection } = await devServerClient());
  native = await NativeConnection.connect({ address: devServerAddress() });
  smtp = await startSmtpSink();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'refusals-'));
  mailer = createMailer({
    smtpUrl: smtp.url,
    outboxDir: path.join(dir, 'outbox'),
    ledgerDir: path.join(dir, 'ledger'),
    from: 'directives@cisa.example.gov',
  });
  worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath,
    activities: createActivities({ mailer }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  mailer?.close();
  await smtp?.close();
});

type Handle = WorkflowHandle<typeof agencyObligation>;
const OFFICER = DOJ.contacts.complianceOfficer;
const evidence = { summary: 'Done, verified by scan' };

/** Starts DOJ's obligation (as `agencyId`) issued on `issuedOn`, a day in the directive's zone. */
async function start(agencyId: string, issuedOn: string): Promise<Handle> {
  const agency = { ...DOJ, id: agencyId };
  const handle = await client.workflow.start(agencyObligation, {
    taskQueue,
    workflowId: `BOD-17-01/${agencyId}-${taskQueue}`,
    args: [{ definition: BOD_17_01, agency, schedule: computeSchedule(BOD_17_01, issuedOn) }],
  });
  await status(handle); // the first workflow task has run
  return handle;
}

/** The update is refused with `reason`, and neither the history nor the status changed. */
async function expectRefused(handle: Handle, send: () => Promise<unknown>, reason: string): Promise<void> {
  // A notice from an earlier, accepted update may still be in flight: its events are not the refusal's doing.
  await quiesce(handle);
  const eventsBefore = (await handle.fetchHistory()).events?.length;
  const statusBefore = await status(handle);
  const attempt = send();
  await expect(attempt).rejects.toThrow(WorkflowUpdateFailedError);
  const error = (await attempt.catch((e: unknown) => e)) as WorkflowUpdateFailedError;
  expect(error.cause?.message).toContain(reason);
  // A refusal, not a crash: typed, and not worth retrying.
  expect(error.cause).toMatchObject({ type: 'Refused', nonRetryable: true });
  expect((await handle.fetchHistory()).events?.length).toBe(eventsBefore);
  expect(await status(handle)).toEqual(statusBefore);
}

const complete = (handle: Handle, input: CompleteMilestoneInput) => () =>
  handle.executeUpdate(completeMilestoneUpdate, { args: [input] });
const review = (handle: Handle, input: ReviewMilestoneInput) => () =>
  handle.executeUpdate(reviewMilestoneUpdate, { args: [input] });

test('refused reports and reviews say why, and change neither history nor status', async () => {
  // Issued today: nothing is due, remove has not opened.
  const handle = await start('DOJF', issuanceWhere(BOD_17_01, SCENARIOS.nothingDue));
  try {
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'inventory', completedBy: OFFICER, evidence }),
      'unknown milestone "inventory" (expected one of: identify, plan, remove, status-1',
    );
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'removed', completedBy: OFFICER }),
      'removed requires evidence: give evidence.summary',
    );
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'identify', completedBy: 'the CISO', evidence }),
      'completedBy: completedBy must be an email address',
    );
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'status', completedBy: OFFICER, evidence }),
      'status-1 cannot be reported before remove opens',
    );
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'status-1', completedBy: OFFICER, evidence }),
      'status-1 cannot be reported before remove opens',
    );
    await expectRefused(
      handle,
      review(handle, {
        milestoneId: 'plan',
        reviewer: 'bod-review@example.gov',
        decision: 'approve',
        comment: 'Looks fine',
      }),
      'plan is not awaiting review (it is pending)',
    );

    const first = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'identify', completedBy: OFFICER, evidence }],
    });
    expect(first.milestones.find((m) => m.id === 'identify')).toMatchObject({ state: 'completed', late: false });
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'identify', completedBy: OFFICER, evidence }),
      'identify is already completed (at ',
    );
    await expectRefused(
      handle,
      review(handle, {
        milestoneId: 'identify',
        reviewer: 'bod-review@example.gov',
        decision: 'approve',
        comment: 'Fine',
      }),
      'identify is not awaiting review (it is completed)',
    );

    const st = await status(handle);
    expect(st.history.filter((h) => h.event === 'completed').map((h) => h.milestoneId)).toEqual(['identify']);
    expect(st.milestones.filter((m) => m.state !== 'pending').map((m) => m.id)).toEqual(['identify']);
  } finally {
    await quiesce(handle).catch(() => undefined);
    await handle.terminate('test done').catch(() => undefined);
  }
});

test('a status report out of order is refused once remove has opened', async () => {
  // Remove opened at least a day ago (its day-90 deadline passed); status-1 is due at least a day from now.
  const handle = await start('DOJO', issuanceWhere(BOD_17_01, SCENARIOS.removeOpen));
  try {
    await expectRefused(
      handle,
      complete(handle, { milestoneId: 'status-2', completedBy: OFFICER, evidence }),
      'status-2 is out of order: status-1 is still open',
    );
    // The same report through the series id goes to the current occurrence, and is accepted.
    const accepted = await handle.executeUpdate(completeMilestoneUpdate, {
      args: [{ milestoneId: 'status', completedBy: OFFICER, evidence }],
    });
    expect(accepted.milestones.find((m) => m.id === 'status-1')).toMatchObject({ state: 'completed', late: false });
    expect(accepted.milestones.find((m) => m.id === 'status-2')).toMatchObject({ state: 'pending' });
  } finally {
    await quiesce(handle).catch(() => undefined);
    await handle.terminate('test done').catch(() => undefined);
  }
});

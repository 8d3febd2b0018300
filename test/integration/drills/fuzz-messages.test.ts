/**
 * Drill 5 against a real obligation on the dev server and a real worker: bad updates, bad `amend` signals and bad CLI
 * commands, sampled from the generators the unit fuzz suites run 1,000 times each (test/unit/fuzz/). An update the
 * validator refuses leaves no event in the history and the status unchanged; a bad signal cannot be refused at the
 * door, so the obligation records `amendment-refused` with a reason naming the field and changes nothing else; no
 * workflow task fails and the worker goes on working.
 */
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import fc from 'fast-check';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import type { ObligationStatus } from '../../../domain/obligation';
import { obligationWorkflowId } from '../../../workflows/campaign-messages';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';
import { REPORT_BASE, REVIEW_BASE, badAmendments, badReports, badReviews } from '../../unit/fuzz/messages';
import { agency, cli, eventually, startDevWorker } from '../cli/harness';
import { devServerAddress } from '../harness/servers';
import { quiesce } from '../lifecycle/scenario';

const definition = {
  ...findDirective('BOD-17-01')!,
  id: `FUZZ-${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
};
const taskQueue = `fuzz-${definition.id}`;
/** Small enough that a hundred of them stay far below Temporal's history limits. */
const small = (b: { payload: unknown }) => JSON.stringify(b.payload ?? null).length < 16_000;

let worker: Awaited<ReturnType<typeof startDevWorker>>;
let connection: Connection;
let handle: WorkflowHandle;

beforeAll(async () => {
  worker = await startDevWorker(taskQueue);
  connection = await Connection.connect({ address: devServerAddress() });
  const client = new Client({ connection });
  const schedule = computeSchedule(definition, issuanceWhere(definition, SCENARIOS.nothingDue));
  handle = await client.workflow.start('agencyObligation', {
    taskQueue,
    workflowId: obligationWorkflowId(definition.id, 'DOJ'),
    args: [{ definition, agency: agency('DOJ'), schedule }],
  });
  await eventually(
    () => handle.query<ObligationStatus>('status'),
    (s) => s.state === 'active',
  );
});

afterAll(async () => {
  await handle?.terminate('fuzz over').catch(() => undefined);
  await connection?.close();
  await worker?.stop();
});

/** The status without its history (which a bad signal extends by design) and the time it was asked. */
const standing = ({ history: _history, asOf: _asOf, ...rest }: ObligationStatus) => rest;

async function noFailedTasks(): Promise<void> {
  const history = await handle.fetchHistory();
  const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
}

test('100 malformed completeMilestone and reviewMilestone updates are refused naming the field, and leave the history and status as they were', async () => {
  // The obligation's own work first (its compliance record appends run beside it), so only the updates could add.
  await quiesce(handle);
  const before = await handle.describe();
  const status = await handle.query<ObligationStatus>('status');
  const samples = [
    ...fc
      .sample(badReports.filter(small), { numRuns: 47, seed: 12 })
      .map((b) => ({ ...b, update: 'completeMilestone' })),
    ...fc.sample(badReviews.filter(small), { numRuns: 47, seed: 12 }).map((b) => ({ ...b, update: 'reviewMilestone' })),
    // Well-formed, but for milestones the obligation does not have, or a review of what nobody submitted.
    ...['nope', 'identify2', 'PLAN'].map((m) => ({
      payload: { ...REPORT_BASE, milestoneId: m },
      field: `"${m}"`,
      update: 'completeMilestone',
    })),
    ...['nope', 'identify', 'plan'].map((m) => ({
      payload: { ...REVIEW_BASE, milestoneId: m },
      field: m,
      update: 'reviewMilestone',
    })),
    {
      payload: { ...REPORT_BASE, completedAt: '2001-01-01T00:00:00Z' },
      field: 'completedAt',
      update: 'completeMilestone',
    },
    {
      payload: { ...REPORT_BASE, completedAt: '2099-01-01T00:00:00Z' },
      field: 'completedAt',
      update: 'completeMilestone',
    },
    { payload: { ...REPORT_BASE, completedAt: undefined }, field: 'completedAt', update: 'none' },
  ].filter((s) => s.update !== 'none');
  expect(samples.length).toBeGreaterThanOrEqual(100);
  for (const { payload, field, update } of samples) {
    const refusal = await handle.executeUpdate(update, { args: [payload] }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const message = String((refusal as WorkflowUpdateFailedError).cause?.message);
    if (!message.includes(field)) throw new Error(`${update} refusal does not name ${field}: ${message}`);
  }
  const after = await handle.describe();
  expect(after.historyLength).toBe(before.historyLength);
  expect(after.status.name).toBe('RUNNING');
  expect(standing(await handle.query<ObligationStatus>('status'))).toEqual(standing(status));
  await noFailedTasks();
});

test('100 malformed amend signals are each recorded as amendment-refused with a reason naming the field, and change nothing else', async () => {
  const status = await handle.query<ObligationStatus>('status');
  const samples = fc.sample(badAmendments().filter(small), { numRuns: 100, seed: 7 });
  for (const { payload } of samples) await handle.signal('amend', payload);
  const after = await eventually(
    () => handle.query<ObligationStatus>('status'),
    (s) => s.history.length >= status.history.length + samples.length,
    60_000,
  );
  const refusals = after.history.slice(status.history.length);
  expect(refusals.map((h) => h.event)).toEqual(samples.map(() => 'amendment-refused'));
  samples.forEach(({ field }, i) => {
    const reason = refusals[i]!.detail ?? '';
    const named = field === 'payload' ? /expected object/.test(reason) : reason.includes(field);
    if (!named) throw new Error(`refusal ${i} does not name ${field}: ${reason}`);
  });
  expect(standing(after)).toEqual(standing(status));
  expect((await handle.describe()).status.name).toBe('RUNNING');
  await noFailedTasks();
});

test('bad CLI commands against the real obligation exit 2 (malformed) or 3 (refused by the validator), naming the field, and change nothing', async () => {
  const env = { ...worker.env };
  await quiesce(handle);
  const before = await handle.describe();
  const base = ['complete', definition.id, 'DOJ'];
  const by = ['--by', 'officer@doj.example.gov', '--evidence', 'none found'];
  const cases: [string[], number, string][] = [
    [[...base, 'nope', ...by], 3, 'unknown milestone "nope"'],
    [[...base, 'identify', '--by', 'officer', '--evidence', 'x'], 2, '--by'],
    [[...base, 'identify', ...by, '--completed-at', '2017-02-30T10:00:00Z'], 2, '--completed-at'],
    [[...base, 'identify', ...by, '--completed-at', '2001-01-01T00:00:00Z'], 3, 'completedAt'],
    [['review', definition.id, 'DOJ', 'plan', '--by', 'r@dhs.example.gov', '--approve', '--comment', 'ok'], 3, 'plan'],
    [['status', definition.id, 'DO J'], 2, '<agencyId>'],
  ];
  for (const [argv, code, name] of cases) {
    const r = await cli(argv, env);
    expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code, stdout: '' });
    expect(r.stderr).toContain(name);
  }
  expect((await handle.describe()).historyLength).toBe(before.historyLength);
});

test('after all that the worker still works: a valid report is accepted and recorded', async () => {
  const r = await cli(
    [
      'complete',
      definition.id,
      'DOJ',
      'identify',
      '--by',
      'officer@doj.example.gov',
      '--evidence',
      'none found',
      '--json',
    ],
    { ...worker.env },
  );
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const status = JSON.parse(r.stdout) as ObligationStatus;
  expect(status.milestones.find((m) => m.id === 'identify')?.state).toBe('completed');
  await noFailedTasks();
});

/**
 * On the shared dev server (real visibility, real deletion): the record outlives the workflow. An obligation is
 * reported and rescinded, its POA&M drawn while Temporal retains it, then the workflow is deleted from Temporal; the
 * export still holds its whole record and verifies.
 */
import '../harness/quiet-runtime';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { computeSchedule } from '../../../domain/calculus';
import { findDirective } from '../../../domain/library';
import type { ObligationStatus } from '../../../domain/obligation/view';
import { DEV_RETENTION_DAYS, retentionDays, setRetention } from '../../../scripts/servers/retention';
import { agencyObligation } from '../../../workflows';
import { amendSignal, completeMilestoneUpdate, statusQuery } from '../../../workflows/messages';
import { loadWorkerConfig } from '../../../worker/config';
import { connectWorker, createWorker } from '../../../worker/worker';
import { agency, cli, eventually, tmpDir } from '../cli/harness';
import { devServerAddress, devServerClient } from '../harness/servers';
import { oscalValidator } from './oscal-validator';

const SCAN = 'host,product\n(none)\n';
const SCAN_SHA = createHash('sha256').update(SCAN).digest('hex');

test("after the obligation's workflow is deleted from Temporal, its export still holds the whole record and verifies", async () => {
  const root = tmpDir('record-outlives-');
  const taskQueue = `record-${process.pid}-${Date.now()}`;
  const directive = { ...findDirective('BOD-17-01')!, id: `BOD-17-01-REC${Date.now().toString(36).toUpperCase()}` };
  const doj = agency('DOJ');
  const env = {
    TEMPORAL_ADDRESS: devServerAddress(),
    DIRECTIVES_TASK_QUEUE: taskQueue,
    RECORD_DIR: path.join(root, 'record'),
    EVIDENCE_DIR: path.join(root, 'evidence'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  mkdirSync(env.EVIDENCE_DIR);
  writeFileSync(path.join(env.EVIDENCE_DIR, SCAN_SHA), SCAN);

  // The worker as `npm run worker` builds it: the record store comes from RECORD_DIR.
  const config = loadWorkerConfig({
    ...env,
    MAIL_OUTBOX_DIR: path.join(root, 'outbox'),
    MAIL_LEDGER_DIR: path.join(root, 'ledger'),
  });
  const workerConnection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, workerConnection);
  const running = worker.run();
  const { client, connection } = await devServerClient();
  try {
    const workflowId = `${directive.id}/DOJ`;
    const handle = await client.workflow.start(agencyObligation, {
      taskQueue,
      workflowId,
      args: [{ definition: directive, agency: doj, schedule: computeSchedule(directive, new Date().toISOString()) }],
    });
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [
        {
          milestoneId: 'identify',
          completedBy: doj.contacts.complianceOfficer,
          actor: { channel: 'cli', email: doj.contacts.complianceOfficer },
          evidence: {
            summary: 'None found',
            files: [{ name: 'scan.csv', size: SCAN.length, mediaType: 'text/csv', sha256: SCAN_SHA }],
          },
        },
      ],
    });
    await handle.signal(amendSignal, {
      amendmentId: 'rescind-test',
      kind: 'rescind',
      reason: 'Superseded',
      directedBy: 'DHS',
    });
    expect((await handle.result()).state).toBe('rescinded');
    const history = (await handle.query<ObligationStatus>(statusQuery)).history;

    // While Temporal retains it: the POA&M through the CLI, valid against NIST's schema.
    const poamFile = path.join(root, 'poam.json');
    await eventually(
      () => cli(['report', directive.id, '--format', 'oscal-poam', '--out', poamFile], env),
      (r) => r.code === 0,
    );
    expect(oscalValidator()(JSON.parse(readFileSync(poamFile, 'utf8')))).toEqual([]);

    await client.workflowService.deleteWorkflowExecution({
      namespace: client.options.namespace,
      workflowExecution: { workflowId },
    });
    await eventually(
      () =>
        handle.describe().then(
          () => 'retained',
          (err: unknown) => (err instanceof WorkflowNotFoundError ? 'deleted' : String(err)),
        ),
      (state) => state === 'deleted',
      // The dev server deletes in the background; beside a busy suite that can take a while.
      120_000,
    );

    const out = path.join(root, 'export');
    const exported = await cli(['audit', 'export', directive.id, '--out', out], env);
    expect(exported.code).toBe(0);
    const lines = readFileSync(path.join(out, `entries/${workflowId}.jsonl`), 'utf8')
      .trimEnd()
      .split('\n');
    const entries = lines.map((l) => JSON.parse(l) as { event: string; at: string; actor?: unknown });
    expect(entries.map((e) => [e.event, e.at])).toEqual(history.map((h) => [h.event, h.at]));
    expect(entries.map((e) => e.event)).toEqual(expect.arrayContaining(['issued', 'completed', 'amended:rescind']));
    expect(readFileSync(path.join(out, 'evidence', SCAN_SHA), 'utf8')).toBe(SCAN);

    const verified = await cli(['audit', 'verify', out, '--against-temporal'], env);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`${workflowId}: no longer retained by Temporal (the export is its record)`);
  } finally {
    await connection.close();
    worker.shutdown();
    await running;
    close();
    await workerConnection.close();
  }
}, 300_000);

test("npm start's retention is set on the namespace explicitly", async () => {
  await setRetention(devServerAddress(), 'default', DEV_RETENTION_DAYS);
  expect(await retentionDays(devServerAddress(), 'default')).toBe(DEV_RETENTION_DAYS);
});

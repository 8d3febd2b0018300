/**
 * The compliance record of a BOD 17-01 obligation driven through its life on the time-skipping server: every history
 * entry appended by the workflow, in order, with who did it and the evidence's hashes; then exported and verified.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities } from '../../../activities';
import type { Actor } from '../../../domain/actor';
import { bodyOf, checkChain, createDirectoryRecordStore, type RecordStore } from '../../../record';
import { completeMilestoneUpdate, reviewMilestoneUpdate } from '../../../workflows/messages';
import type { ObligationStatus } from '../../../domain/obligation/view';
import { oscalPoam } from '../../../client/cli/report-oscal-poam';
import { cli } from '../cli/harness';
import { BOD_17_01, DOJ, useLifecycle, status } from '../lifecycle/harness';
import { oscalValidator } from './oscal-validator';
import { scenario } from '../lifecycle/scenario';

const world = useLifecycle();
// Each test gets 300 s instead of jest's 120 s: on a loaded two-core machine a 105-day scenario can take minutes.

const OFFICER = DOJ.contacts.complianceOfficer;
const REVIEWER = 'bod-review@example.gov';
const ISSUER_IDP = 'https://login.example.gov';
const officerViaPortal: Actor = {
  channel: 'portal' as const,
  email: OFFICER,
  name: 'Dana Officer',
  issuer: ISSUER_IDP,
  subject: 'u-17',
};
const officerViaCli: Actor = { channel: 'cli' as const, email: OFFICER };
const reviewerViaPortal: Actor = { channel: 'portal' as const, email: REVIEWER, issuer: ISSUER_IDP, subject: 'u-42' };
const scan = { name: 'endpoint-scan.csv', size: 2048, mediaType: 'text/csv', sha256: 'a'.repeat(64) };

test('an obligation reported, rejected, resubmitted, approved, extended and completed leaves its whole history in the record, in order, each entry with its actor', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'record-lifecycle-'));
  const store: RecordStore = createDirectoryRecordStore(path.join(root, 'record'));
  let workflowId = '';
  let final: ObligationStatus | undefined;

  await scenario(
    world,
    'DOJR',
    async (s) => {
      const { handle } = s;
      workflowId = handle.workflowId;
      const report = (milestoneId: string, summary: string, actor: Actor = officerViaPortal, files?: (typeof scan)[]) =>
        handle.executeUpdate(completeMilestoneUpdate, {
          args: [{ milestoneId, completedBy: OFFICER, actor, evidence: { summary, ...(files && { files }) } }],
        });
      const review = (decision: 'approve' | 'reject', comment: string) =>
        handle.executeUpdate(reviewMilestoneUpdate, {
          args: [{ milestoneId: 'plan', reviewer: REVIEWER, actor: reviewerViaPortal, decision, comment }],
        });

      await s.advance(29.5);
      await report('identify', 'None found on 4,000 endpoints', officerViaPortal, [scan]);
      await s.advance(50);
      await report('plan', 'Removal plan v1', officerViaCli);
      await s.advance(52);
      await review('reject', 'Missing the replacement timeline');
      // Not day 55 itself: the rejection (day 52) set a resubmission deadline 10 days on, whose 7-day reminder fires at
      // day 55 to the second. The Java time-skipping server can lose an update whose workflow task is in flight when
      // a timer fires (the workflow then hangs at that task); the real server has no such race.
      await s.advance(55.5);
      await report('plan', 'Removal plan v2', officerViaCli);
      await s.advance(57);
      await review('approve', 'Complete');
      await s.amend({
        amendmentId: 'ext-remove',
        kind: 'extend',
        milestoneId: 'remove',
        extendByDays: 14,
        reason: 'Agency request: procurement of replacements',
        directedBy: 'DHS',
      });
      // Due at the end of day 104 now, instead of day 90.
      await s.advance(103.5);
      await report('remove', 'Uninstall started');
      await s.advance(105);
      await report('removed', 'All Kaspersky products removed');
      expect((await handle.result()).state).toBe('completed');
      final = await status(handle);
    },
    { deps: { record: store } },
  );

  const entries = await store.entries(workflowId);
  // The record is the workflow's history, entry for entry.
  expect(entries.map((e) => [e.seq, e.event, e.milestoneId])).toEqual(
    final!.history.map((h, i) => [i, h.event, h.milestoneId]),
  );
  expect(checkChain(entries, workflowId)).toBeUndefined();

  const decisive = entries
    .filter((e) => !e.event.startsWith('notice'))
    .map((e) => [e.event, e.milestoneId, e.actor?.channel, e.actor?.email]);
  expect(decisive).toEqual([
    ['issued', undefined, undefined, undefined],
    ['completed', 'identify', 'portal', OFFICER],
    ['submitted', 'plan', 'cli', OFFICER],
    ['rejected', 'plan', 'portal', REVIEWER],
    ['submitted', 'plan', 'cli', OFFICER],
    ['approved', 'plan', 'portal', REVIEWER],
    ['amended:extend', 'remove', undefined, undefined],
    ['completed', 'remove', 'portal', OFFICER],
    ['completed', 'removed', 'portal', OFFICER],
    ['obligation-completed', undefined, undefined, undefined],
  ]);
  const identify = entries.find((e) => e.event === 'completed' && e.milestoneId === 'identify')!;
  expect(identify.actor).toEqual(officerViaPortal);
  expect(identify.evidence).toEqual({ summary: 'None found on 4,000 endpoints', files: [scan] });
  const extension = entries.find((e) => e.event === 'amended:extend')!;
  expect(extension.detail).toContain('Agency request: procurement of replacements (directed by DHS)');
  expect(entries.filter((e) => e.event === 'submitted').map((e) => e.evidence?.summary)).toEqual([
    'Removal plan v1',
    'Removal plan v2',
  ]);

  // The activity retried with a batch it already recorded adds nothing.
  const { appendRecord } = createActivities({ mailer: world.mailer, record: store });
  const again = await appendRecord(entries.slice(2, 6).map(bodyOf));
  expect(again).toEqual({ appended: 0, head: { seq: entries.length - 1, hash: entries[entries.length - 1]!.hash } });
  expect(await store.entries(workflowId)).toEqual(entries);

  // Exported and verified with nothing but the export.
  const env = {
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    RECORD_DIR: path.join(root, 'record'),
    EVIDENCE_DIR: path.join(root, 'evidence'),
    AUDIT_SIGNING_KEY: (await import('node:crypto'))
      .generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
  const out = path.join(root, 'export');
  const exported = await cli(['audit', 'export', 'BOD-17-01', '--agency', 'DOJR', '--out', out], env);
  expect(exported.stdout).toContain(`exported ${entries.length} entries of 1 obligation(s)`);
  // The scan was hashed by the portal but is not in this evidence store: listed, not a failure.
  const verified = await cli(['audit', 'verify', out], {});
  expect(verified.code).toBe(0);
  expect(verified.stdout).toContain(`evidence ${scan.sha256} (endpoint-scan.csv) is not in the export`);
}, 300_000);

test("the obligation's OSCAL plan of action and milestones validates against NIST's schema and carries its milestones, amendments and evidence", async () => {
  const validate = oscalValidator();
  let final: ObligationStatus | undefined;
  await scenario(world, 'DOJP', async (s) => {
    const { handle } = s;
    await s.advance(29.5);
    await handle.executeUpdate(completeMilestoneUpdate, {
      args: [
        {
          milestoneId: 'identify',
          completedBy: OFFICER,
          actor: officerViaPortal,
          evidence: { summary: 'None found', uri: 'https://evidence.doj.example.gov/scan', files: [scan] },
        },
      ],
    });
    await s.amend({
      amendmentId: 'waive-plan',
      kind: 'waive',
      milestoneId: 'plan',
      reason: 'Plan filed under ED 18-02',
      directedBy: 'DHS',
    });
    final = await status(handle);
  });
  const doc = oscalPoam({
    directiveId: 'BOD-17-01',
    directiveTitle: BOD_17_01.title,
    generatedAt: '2026-11-28T12:00:00.000Z',
    engineVersion: '0.1.0',
    obligations: [{ agencyId: 'DOJP', name: 'Department of Justice', status: final! }],
  });
  expect(validate(doc)).toEqual([]);

  const poam = doc['plan-of-action-and-milestones'] as {
    'poam-items': unknown[];
    risks: { remediations: { tasks: { title: string; timing?: unknown }[] }[]; 'risk-log': { entries: unknown[] } }[];
    observations: { description: string; 'relevant-evidence': { href: string }[] }[];
    'back-matter': { resources: { rlinks: { hashes: unknown[] }[] }[] };
  };
  expect(poam['poam-items']).toHaveLength(1);
  const tasks = poam.risks[0]!.remediations[0]!.tasks;
  expect(tasks.map((t) => t.title).slice(0, 3)).toEqual([
    'Identify Kaspersky-branded products (identify)',
    'Plan of action for removal (plan)',
    'Begin removal (remove)',
  ]);
  expect(tasks[0]!.timing).toEqual({ 'on-date': { date: final!.milestones[0]!.dueAt } });
  expect(poam.risks[0]!['risk-log'].entries).toEqual([
    expect.objectContaining({ title: 'waive plan', 'status-change': 'deviation-approved' }),
  ]);
  expect(poam.observations[0]!.description).toBe('None found');
  expect(poam['back-matter'].resources[0]!.rlinks[0]!.hashes).toEqual([{ algorithm: 'SHA-256', value: scan.sha256 }]);

  // The check has teeth: a document NIST's schema refuses is reported.
  const broken = JSON.parse(JSON.stringify(doc)) as { 'plan-of-action-and-milestones': { uuid: string } };
  broken['plan-of-action-and-milestones'].uuid = 'not-a-uuid';
  expect(validate(broken).join('\n')).toContain('/plan-of-action-and-milestones/uuid: must match pattern');
}, 300_000);

test('an obligation that continues as new goes on appending where its record left off, nothing twice', async () => {
  const store = createDirectoryRecordStore(mkdtempSync(path.join(os.tmpdir(), 'record-can-')));
  let workflowId = '';
  let final: ObligationStatus | undefined;
  const runs = new Set<string>();
  await scenario(
    world,
    'DOJN',
    async (s) => {
      const { handle } = s;
      workflowId = handle.workflowId;
      const report = async (milestoneId: string, summary: string) => {
        await handle.executeUpdate(completeMilestoneUpdate, {
          args: [{ milestoneId, completedBy: OFFICER, actor: officerViaCli, evidence: { summary } }],
        });
        runs.add((await handle.describe()).runId);
      };
      await s.advance(29.5);
      await report('identify', 'None found');
      await s.advance(50);
      await report('plan', 'Removal plan');
      await s.advance(52);
      await handle.executeUpdate(reviewMilestoneUpdate, {
        args: [
          { milestoneId: 'plan', reviewer: REVIEWER, actor: reviewerViaPortal, decision: 'approve', comment: 'Ok' },
        ],
      });
      await s.advance(89.5);
      await report('remove', 'Uninstall started');
      await s.advance(100);
      await report('removed', 'All removed');
      expect((await handle.result()).state).toBe('completed');
      final = await status(handle);
    },
    { deps: { record: store }, input: { continueAsNewAfterEvents: 40 } },
  );
  expect(runs.size).toBeGreaterThan(1);
  const entries = await store.entries(workflowId);
  expect(entries.map((e) => [e.seq, e.event, e.at])).toEqual(final!.history.map((h, i) => [i, h.event, h.at]));
  expect(checkChain(entries, workflowId)).toBeUndefined();
}, 300_000);

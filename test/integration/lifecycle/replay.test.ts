/**
 * Histories recorded from the lifecycle scenarios (`RECORD_HISTORIES=1 npx jest --selectProjects integration
 * test/integration/lifecycle` rewrites them) must replay against the current workflow code: a nondeterministic change
 * to agencyObligation fails here before it reaches a server.
 */
import '../harness/quiet-runtime';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../../../worker/worker';

const dir = path.join(__dirname, 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('the recorded scenarios are there', () => {
  const scenarios = ['on-time', 'identify-missed', 'amendments-extend', 'amendments-rescind', 'continue-as-new'];
  // Each as recorded under every earlier rules version (obligations still running under them): `<name>-rules-vN.json`.
  // `<name>.json` is the current rules' recording (RECORD_HISTORIES=1 writes it).
  const earlier = ['rules-v1', 'rules-v2'];
  expect(files).toEqual(
    expect.arrayContaining(
      scenarios.flatMap((name) => [`${name}.json`, ...earlier.map((version) => `${name}-${version}.json`)]),
    ),
  );
});

test('every recorded history replays without a nondeterminism error', async () => {
  const histories = files.map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: historyFromJSON(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))),
  }));
  const results: { workflowId: string; error?: unknown }[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowsPath, replayName: 'lifecycle-histories' },
    histories,
  )) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  expect(results.map((r) => r.workflowId).sort()).toEqual(histories.map((h) => h.workflowId).sort());
  for (const r of results)
    expect({ workflowId: r.workflowId, error: r.error === undefined ? undefined : String(r.error) }).toEqual({
      workflowId: r.workflowId,
      error: undefined,
    });
});

test('a history the code would not produce fails replay (the check has teeth)', async () => {
  const json = JSON.parse(readFileSync(path.join(dir, 'identify-missed-rules-v2.json'), 'utf8')) as {
    events: { activityTaskScheduledEventAttributes?: { activityType?: { name?: string } } }[];
  };
  const scheduled = json.events.find(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNotice',
  );
  expect(scheduled).toBeDefined();
  scheduled!.activityTaskScheduledEventAttributes!.activityType!.name = 'faxNotice';
  await expect(
    Worker.runReplayHistory({ workflowsPath, replayName: 'tampered' }, historyFromJSON(json), 'tampered'),
  ).rejects.toThrow(/[Nn]ondetermin/);
});

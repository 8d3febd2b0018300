/**
 * A campaign started before campaigns took their agencies by reference (inline agencies, a row per agency) keeps
 * replaying against the current workflow code: `histories/inline-campaign.json` was recorded with that code (three
 * agencies, a bulk amendment to two of them), and a nondeterministic change to the inline path fails here.
 */
import '../harness/quiet-runtime';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowsPath } from '../../../worker/worker';

const file = path.join(__dirname, 'histories', 'inline-campaign.json');
type Json = {
  events: {
    eventType?: string;
    startChildWorkflowExecutionInitiatedEventAttributes?: { workflowType?: { name?: string } };
  }[];
};
const recorded = (): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

test('an inline campaign recorded before by-reference campaigns replays without a nondeterminism error', async () => {
  const json = recorded();
  // What the recording holds: its three obligations started, the amendment's signals and answers.
  expect(json.events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toHaveLength(3);
  expect(json.events.some((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toBe(true);
  await expect(
    Worker.runReplayHistory({ workflowsPath, replayName: 'inline-campaign' }, historyFromJSON(json), 'inline-campaign'),
  ).resolves.toBeUndefined();
});

test('a campaign history the code would not produce fails replay (the check has teeth)', async () => {
  const json = recorded();
  const start = json.events.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
  start!.startChildWorkflowExecutionInitiatedEventAttributes!.workflowType!.name = 'someOtherWorkflow';
  await expect(
    Worker.runReplayHistory({ workflowsPath, replayName: 'tampered-campaign' }, historyFromJSON(json), 'tampered'),
  ).rejects.toThrow(/[Nn]ondetermin/);
});

import { ApplicationFailure } from '@temporalio/activity';
import { moveDeadline, type DeadlineChange } from '../domain/deadline-move';

export interface DeadlineChangeRequest {
  dueAt: string;
  change: DeadlineChange;
  timeZone: string;
}

/**
 * Calendar arithmetic for an amendment ("extend by 30 days", "to 2018-01-15"), done here rather than in the workflow
 * so that its result enters the history as an absolute instant and replays identically after any tz-data upgrade.
 */
// Synchronous work, but activities are async by contract: the SDK awaits the result.
// eslint-disable-next-line @typescript-eslint/require-await
export async function resolveDeadline(request: DeadlineChangeRequest): Promise<{ dueAt: string; explanation: string }> {
  try {
    return moveDeadline(request.dueAt, request.change, request.timeZone);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidDeadlineChange');
  }
}

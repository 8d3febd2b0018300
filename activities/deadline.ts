import { ApplicationFailure } from '@temporalio/activity';
import { nextOccurrences, type LastOccurrence, type ScheduledMilestone } from '../domain/calculus';
import {
  moveDeadline,
  planDeadlineMove,
  type DeadlineChange,
  type DeadlineMove,
  type DeadlineMoveRequest,
} from '../domain/deadline-move';
import type { DirectiveDefinition } from '../domain/directive';

/** Rules v1 and v2: the deadline in force and the change; the result is the new deadline alone. */
export interface DeadlineChangeRequest {
  dueAt: string;
  change: DeadlineChange;
  timeZone: string;
}

const invalid = (err: unknown) => ApplicationFailure.nonRetryable((err as Error).message, 'InvalidDeadlineChange');

/**
 * Calendar arithmetic for an amendment ("extend by 30 days", "to 2018-01-15", "resume after a hold"), done here rather
 * than in the workflow so that its result enters the history as absolute instants and replays identically after any
 * tz-data upgrade. A rules v3 request (it names the issuance) also gets the bounds, the reminders and the milestones
 * counted from the moved one.
 */
// Synchronous work, but activities are async by contract: the SDK awaits the result.
export async function resolveDeadline(request: DeadlineChangeRequest): Promise<{ dueAt: string; explanation: string }>;
export async function resolveDeadline(request: DeadlineMoveRequest): Promise<DeadlineMove>;
// eslint-disable-next-line @typescript-eslint/require-await
export async function resolveDeadline(
  request: DeadlineChangeRequest | DeadlineMoveRequest,
): Promise<{ dueAt: string; explanation: string } | DeadlineMove> {
  try {
    if ('issuedAt' in request) return planDeadlineMove(request);
    return moveDeadline(request.dueAt, request.change, request.timeZone);
  } catch (err) {
    throw invalid(err);
  }
}

export interface SeriesOccurrencesRequest {
  definition: DirectiveDefinition;
  milestoneId: string;
  last: LastOccurrence;
  count: number;
}

/** Rules v3: the next occurrences of a recurring series that has not been closed yet, from the calculus. */
// eslint-disable-next-line @typescript-eslint/require-await
export async function nextSeriesOccurrences(request: SeriesOccurrencesRequest): Promise<ScheduledMilestone[]> {
  try {
    return nextOccurrences(request.definition, request.milestoneId, request.last, request.count);
  } catch (err) {
    throw invalid(err);
  }
}

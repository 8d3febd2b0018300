/**
 * `appendRecord`: the obligation workflow's new history entries, appended to the compliance record. Idempotent by
 * (obligation, seq): a retried batch finds its entries recorded and adds nothing. A store that cannot be reached
 * fails the attempt and Temporal retries it; a batch that contradicts the record is refused for good.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { describeIssues } from '../domain/zod-issues';
import { RecordBatchSchema } from '../record/entry-schema';
import {
  RecordBatchError,
  RecordConflictError,
  type AppendResult,
  type RecordEntryBody,
  type RecordStore,
} from '../record';

/** Failure types, so the workflow's retry policy can name them. */
export const RecordRefusedFailure = 'RecordRefused';
export const RecordNotConfiguredFailure = 'RecordNotConfigured';

export function createRecordActivities(store: RecordStore | undefined) {
  return {
    async appendRecord(batch: RecordEntryBody[]): Promise<AppendResult> {
      if (!store)
        throw ApplicationFailure.nonRetryable('this worker has no record store configured', RecordNotConfiguredFailure);
      const parsed = RecordBatchSchema.safeParse(batch);
      if (!parsed.success)
        throw ApplicationFailure.nonRetryable(
          `Invalid record batch: ${describeIssues(parsed.error.issues, '(batch)').join('; ')}`,
          RecordRefusedFailure,
        );
      try {
        return await store.append(parsed.data);
      } catch (err) {
        if (err instanceof RecordConflictError || err instanceof RecordBatchError)
          throw ApplicationFailure.nonRetryable(err.message, RecordRefusedFailure);
        throw err;
      }
    },
  };
}

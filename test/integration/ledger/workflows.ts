/**
 * The drill's workflow: the same notice as two activity tasks at once. With two workers polling the task queue, the
 * two tasks often land on different workers, which then race for the notice's claim in the shared ledger.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities, NoticeInput, NoticeResult } from '../../../activities';

const { sendNotice } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // The loser of a claim fails retryably (NoticeInProgress) until the winner completes: retry soon, not in 10 s.
  retry: { initialInterval: '100 ms', backoffCoefficient: 2, maximumInterval: '1 second', maximumAttempts: 20 },
});

export async function sendNoticeTwice(notice: NoticeInput): Promise<NoticeResult[]> {
  return Promise.all([sendNotice(notice), sendNotice(notice)]);
}

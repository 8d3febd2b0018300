/**
 * A campaign's page of starts or amendments is an activity that may fail half-way (a worker dies, Temporal is briefly
 * unreachable): its retry resumes after the finished prefix its last heartbeat carried, and counts nothing twice.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { foldResumable } from '../../../activities/campaign';

interface Tally {
  count: number;
  sum: number;
}
const add = (tally: Tally, n: number): void => {
  tally.count++;
  tally.sum += n;
};
const items = Array.from({ length: 200 }, (_, i) => i);
const pause = (i: number) => new Promise((resolve) => setTimeout(resolve, i % 5));

test('a retried page resumes after the prefix its last heartbeat carried, counting each item once', async () => {
  const beats: { done: number; tally: Tally }[] = [];
  const first = new MockActivityEnvironment();
  first.on('heartbeat', (details: { done: number; tally: Tally }) => beats.push(structuredClone(details)));
  const failed = await first
    .run(() =>
      foldResumable(
        items,
        { count: 0, sum: 0 },
        async (i) => {
          await pause(i);
          if (i === 120) throw new Error('Temporal unreachable');
          return i;
        },
        add,
      ),
    )
    .catch((err: Error) => err);
  expect(failed).toBeInstanceOf(Error);
  const last = beats[beats.length - 1]!;
  // Every heartbeat's tally is exactly its prefix's.
  for (const beat of beats) expect(beat.tally).toEqual({ count: beat.done, sum: (beat.done * (beat.done - 1)) / 2 });
  expect(last.done).toBeGreaterThan(0);
  expect(last.done).toBeLessThanOrEqual(120);
  const resumeAt = last.done;

  const redone: number[] = [];
  const retry = new MockActivityEnvironment({ heartbeatDetails: last });
  const tally = await retry.run(() =>
    foldResumable(
      items,
      { count: 0, sum: 0 },
      async (i) => {
        redone.push(i);
        await pause(i);
        return i;
      },
      add,
    ),
  );
  expect(tally).toEqual({ count: 200, sum: (200 * 199) / 2 });
  expect(Math.min(...redone)).toBe(resumeAt);
  expect(redone).toHaveLength(200 - resumeAt);
});

/** The bounded concurrency every caller from outside a workflow uses (report, campaign status, the portal, drills). */
import { forEachLimit, mapLimit } from '../../../client/concurrency';

const tick = () => new Promise((r) => setTimeout(r, 2));

test('at most `width` calls run at once, and the answers come back in the items’ order', async () => {
  let running = 0;
  let most = 0;
  const answers = await mapLimit(
    Array.from({ length: 20 }, (_, i) => i),
    3,
    async (n, index) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first, so an answer in place shows order is kept by index, not by finishing time.
      await new Promise((r) => setTimeout(r, 20 - n));
      running--;
      return `${n * 2}@${index}`;
    },
  );
  expect(most).toBe(3);
  expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `${i * 2}@${i}`));
});

test('a failure starts nothing new, waits for the calls in flight, and is thrown', async () => {
  const started: number[] = [];
  const settled: number[] = [];
  const run = forEachLimit([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
    started.push(n);
    await tick();
    if (n === 2) throw new Error('refused: 2');
    await tick();
    settled.push(n);
  });
  await expect(run).rejects.toThrow('refused: 2');
  // 2 failed while 3 was in flight: 3 finished before the failure surfaced, and nothing after 3 began.
  expect(started).toEqual([0, 1, 2, 3]);
  expect(settled).toEqual([0, 1, 3]);
});

test('no items, no calls; a width that is not a whole number ≥ 1 is refused', async () => {
  await expect(mapLimit([], 4, () => Promise.reject(new Error('called')))).resolves.toEqual([]);
  await expect(mapLimit([1], 0, async (n) => n)).rejects.toThrow('width must be a whole number ≥ 1');
  await expect(mapLimit([1], 1.5, async (n) => n)).rejects.toThrow('width must be a whole number ≥ 1');
});

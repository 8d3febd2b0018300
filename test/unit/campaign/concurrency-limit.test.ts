/** The gate `directive report` and `campaign status` ask obligations through: a bounded number at a time. */
import { concurrencyLimit } from '../../../client/campaign';

test('at most `width` calls run at once, and every call gets its own answer', async () => {
  const gate = concurrencyLimit(3);
  let running = 0;
  let most = 0;
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      gate(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return i * 2;
      }),
    ),
  );
  expect(most).toBe(3);
  expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
});

test('a failing call frees its place', async () => {
  const gate = concurrencyLimit(1);
  await expect(gate(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  await expect(gate(() => Promise.resolve('next'))).resolves.toBe('next');
});

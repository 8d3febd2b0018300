/**
 * Bounded concurrency for calls made from outside a workflow (the CLI, the portal, the campaign's activities, drills
 * and benchmarks), so that asking 10,000 obligations something never opens 10,000 calls at once.
 */

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`concurrency: width must be a whole number ≥ 1`);
}

/**
 * `items.map(fn)` with at most `width` calls in flight, results in the items' order. Once a call fails, no new call
 * starts; the first failure is thrown after the calls already in flight have settled, so none is left running unseen.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  checkWidth(width);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) throw failure.error;
  return results;
}

/** Runs `fn` over `items` with at most `width` calls in flight; see `mapLimit` for what a failure does. */
export async function forEachLimit<T>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<unknown>,
): Promise<void> {
  await mapLimit(items, width, fn);
}

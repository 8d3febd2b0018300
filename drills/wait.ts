/** Small waiting helpers for the drills (they run against real processes, so everything is polled). */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `done` accepts its value; throws with the last value after `timeoutMs`. */
export async function waitUntil<T>(
  label: string,
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    let failure: unknown;
    try {
      value = await probe();
      if (done(value)) return value;
    } catch (err) {
      // A server that is restarting refuses for a while: keep polling.
      failure = err;
    }
    if (Date.now() > deadline) {
      const shown = value instanceof Map ? `${value.size} entries` : JSON.stringify(value);
      const last = failure ? (failure as Error).message : shown;
      throw new Error(`${label}: not reached within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    }
    await sleep(everyMs);
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function forEachLimit<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * How long a drill waits for N things (obligations, emails) on a loaded machine: ten minutes, plus a second each.
 * Generous on purpose: a drill judges what arrives, not how fast (npm run bench measures speed).
 */
export const patience = (n: number): number => 600_000 + n * 1_000;

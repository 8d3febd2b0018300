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

/**
 * How long a drill waits for N things (obligations, emails) on a loaded machine: ten minutes, plus a second each.
 * Generous on purpose: a drill judges what arrives, not how fast (npm run bench measures speed).
 */
export const patience = (n: number): number => 600_000 + n * 1_000;

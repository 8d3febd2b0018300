/**
 * Runs tasks for the same key one after another, tasks for different keys in parallel. The ledger check and the
 * send are two steps; without this, two concurrent calls for one key in a worker could both pass the check.
 */
export function createKeyLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/**
 * Runs tasks for the same key one after another, tasks for different keys in parallel. The sent-ledger's claim keeps
 * two calls for one key from both sending, in any number of workers; within one worker this lock spares the second
 * call a retry: it waits for the first and finds its record, instead of finding its claim busy.
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

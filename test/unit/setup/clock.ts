/**
 * The `unit` project's clock switch (jest.config.js `setupFiles`, run before each unit test file). With
 * TEST_FAKE_NOW set to an ISO instant with an offset (`2026-03-08T00:30:00-05:00`), the file starts under jest's
 * modern fake timers (@sinonjs/fake-timers) at that instant: `Date`, `new Date()`, luxon's `DateTime.now()` and the
 * timer functions read the fake clock. The clock then advances with real time (`advanceTimers`), so timers and
 * awaited I/O still complete; `process.nextTick` and `queueMicrotask` stay real. A file that needs the real clock
 * calls `jest.useRealTimers()`. Without TEST_FAKE_NOW nothing changes. `npm run test:unit:clocks` runs the project
 * under each clock and zone of the matrix; test/unit/foundation/clock.test.ts proves the clock in force.
 */
const fakeNow = process.env.TEST_FAKE_NOW;
if (fakeNow) {
  const now = Date.parse(fakeNow);
  if (!/T.*(Z|[+-]\d\d:?\d\d)$/.test(fakeNow) || Number.isNaN(now)) {
    throw new Error(
      `TEST_FAKE_NOW: "${fakeNow}" is not an ISO instant with an offset (e.g. 2026-03-08T00:30:00-05:00)`,
    );
  }
  jest.useFakeTimers({ now, advanceTimers: true, doNotFake: ['nextTick', 'queueMicrotask'] });
}

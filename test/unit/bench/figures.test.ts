import { msToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { summariseLags, timerFiringLag, timerLag, timersFiredAt } from '../../../bench/lag';
import { compared } from '../../../bench/results';
import { residentBytes } from '../../../bench/rss';

const at = (ms: number, fired: boolean): temporal.api.history.v1.IHistoryEvent => ({
  eventTime: msToTs(ms),
  ...(fired ? { timerFiredEventAttributes: { timerId: '1' } } : { workflowTaskScheduledEventAttributes: {} }),
});

describe('timer lag from a history', () => {
  test('is the time of the first TimerFired at or after the due instant, minus the instant', () => {
    const events = [at(1_000, false), at(2_000, true), at(10_250, true), at(10_400, false)];
    expect(timersFiredAt(events)).toEqual([2_000, 10_250]);
    expect(timerLag(events, 10_000)).toBe(250);
  });

  test('is undefined while no timer has fired at or after the instant', () => {
    expect(timerLag([at(2_000, true)], 10_000)).toBeUndefined();
  });

  test('splits into the server firing late and the workflow task setting the timer late', () => {
    // Due at 10,000; the workflow task that set the timer ran at 9,000 but the timer started at 9,300 (+ 1,000).
    const events = [
      { eventTime: msToTs(9_300), timerStartedEventAttributes: { timerId: '7', startToFireTimeout: msToTs(1_000) } },
      { eventTime: msToTs(10_450), timerFiredEventAttributes: { timerId: '7' } },
    ];
    expect(timerLag(events, 10_000)).toBe(450);
    expect(timerFiringLag(events, 10_000)).toBe(150);
  });

  test('summarises as p50, p99 and max (nearest rank)', () => {
    const lags = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summariseLags(lags)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
  });
});

describe('an engine figure beside its baseline', () => {
  test('a rate compares engine/baseline, a time baseline/engine: higher is better either way', () => {
    const rate = compared('rate', '/s', { engine: 80, baseline: 100 }, { better: 'higher' });
    expect(rate[2]).toMatchObject({ name: 'rate, engine/baseline', value: 0.8, met: true });
    const time = compared('lag', 'ms', { engine: 200, baseline: 100 }, { better: 'lower' });
    expect(time[2]).toMatchObject({ name: 'lag, baseline/engine', value: 0.5, met: false });
  });

  test('values below the resolution count as the resolution', () => {
    const lag = compared('lag', 'ms', { engine: 0, baseline: 0 }, { better: 'lower', resolution: 1 });
    expect(lag[2]?.value).toBe(1);
  });
});

describe('resident memory from /proc/<pid>/status', () => {
  test('is VmRSS in bytes', () => {
    expect(residentBytes('Name:\tnode\nVmHWM:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t11\n')).toBe(123456 * 1024);
    expect(residentBytes('Name:\tnode\n')).toBeUndefined();
  });
});

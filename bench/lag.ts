/**
 * Lateness, read from what the server and the recipients recorded (history event times, outbox file times, the SMTP
 * server's receipt times), never from the worker's own clock: how late each timer fired or each email landed after the
 * instant it was due, and the figures the tables print from those lags.
 */
import type { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';
import { quantile } from './results';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The server's times of every TimerFired event in a history, oldest first. */
export function timersFiredAt(events: readonly HistoryEvent[]): number[] {
  return events.filter((e) => e.timerFiredEventAttributes).map((e) => tsToMs(e.eventTime));
}

/** How long after `dueAt` the first timer at or after it fired, or undefined when none has (yet). */
export function timerLag(events: readonly HistoryEvent[], dueAt: number): number | undefined {
  // A timer never fires early; one well before the due instant belongs to something else in the workflow.
  const fired = timersFiredAt(events).find((at) => at >= dueAt - 1);
  return fired === undefined ? undefined : Math.max(0, fired - dueAt);
}

/**
 * How late the server fired the timer that `timerLag` finds, against the time the timer itself asked for (its
 * TimerStarted event's time plus its duration). A workflow asks for a duration, not an instant, so the rest of the lag
 * (`timerLag` minus this) is the workflow task's own latency when it set the timer.
 */
export function timerFiringLag(events: readonly HistoryEvent[], dueAt: number): number | undefined {
  const started = new Map<string, number>();
  for (const e of events) {
    const a = e.timerStartedEventAttributes;
    if (a?.timerId) started.set(a.timerId, tsToMs(e.eventTime) + tsToMs(a.startToFireTimeout));
    const fired = e.timerFiredEventAttributes;
    const asked = fired?.timerId ? started.get(fired.timerId) : undefined;
    if (asked !== undefined && tsToMs(e.eventTime) >= dueAt - 1) return Math.max(0, tsToMs(e.eventTime) - asked);
  }
  return undefined;
}

export interface LagSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summariseLags(lags: readonly number[]): LagSummary {
  return {
    count: lags.length,
    p50: quantile(lags, 0.5),
    p99: quantile(lags, 0.99),
    max: lags.length ? Math.max(...lags) : Number.NaN,
  };
}

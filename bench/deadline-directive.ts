/**
 * A synthetic directive for benchmarks that need a notice at an exact instant. Real directives count calendar days and
 * send reminders at 09:00 local, so their instants cannot be placed to the minute; this one has a single milestone due
 * exactly one hour after issuance (the calculus's `hours` unit keeps the issuance's time of day), no reminders, and one
 * escalation step at the deadline itself. An obligation issued at T − 1 h therefore sleeps on one timer until T, then
 * sends one email (escalation L1) and stays open, overdue, as an unreported obligation does.
 */
import { computeSchedule, type Schedule } from '../domain/calculus';
import { parseDirectiveDefinition, type DirectiveDefinition } from '../domain/directive';
import { drillDirective } from '../drills/burst';

const HOUR_MS = 3_600_000;

export function deadlineDirective(tag: string): DirectiveDefinition {
  const { id, title, issuer, contacts, timeZone } = drillDirective(tag);
  return parseDirectiveDefinition({
    id,
    title: `${title} (benchmark: one deadline)`,
    issuer,
    contacts,
    timeZone,
    milestones: [
      {
        id: 'deadline',
        title: 'Report by the deadline',
        description: 'One deadline one hour after issuance; its escalation goes out at the deadline itself.',
        clock: { from: 'issuance', offset: { amount: 1, unit: 'hours' } },
        reminderDaysBefore: [],
        escalation: [{ level: 1, notify: ['cio', 'issuer'], afterDays: 0 }],
      },
    ],
  });
}

/** The issuance that puts the deadline (and so the one notice) at `dueAt`, as startObligations takes it. */
export function issuanceFor(dueAt: number): string {
  return new Date(dueAt - HOUR_MS).toISOString();
}

/** The deadline the calculus computes for that issuance: `dueAt` itself (the benchmarks check, rather than assume). */
export function scheduledDeadline(def: DirectiveDefinition, dueAt: number): number {
  const schedule: Schedule = computeSchedule(def, issuanceFor(dueAt));
  return Date.parse(schedule.milestones[0]!.dueAt!);
}

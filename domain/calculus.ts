import type { DateTime } from 'luxon';
import type { DirectiveDefinition, Milestone, MilestoneClock } from './directive';
import { reminderInstants, type ReminderInstant } from './deadline-move';
import { formatDay, formatMoment, inZone, parseIssuedAt, toInstant } from './instant';
import { dueMoment, reckon, rollForward, type Reckoning } from './offset';

export { parseIssuedAt, formatInstant } from './instant';
export { moveDeadline, planDeadlineMove } from './deadline-move';
export type { ReminderInstant } from './deadline-move';

export interface ScheduledMilestone {
  /** Occurrence id: the milestone id, or `${id}-${n}` for a recurring one (status-1, status-2…). */
  id: string;
  milestoneId: string;
  occurrence?: number;
  title: string;
  /** ISO instant in UTC; null for an open-ended milestone (clock none). */
  dueAt: string | null;
  explanation: string;
  /** Rules v3: when each reminder goes out (a business hour, N calendar days before); absent when open-ended. */
  reminders?: ReminderInstant[];
}

export interface Schedule {
  directiveId: string;
  issuedAt: string;
  timeZone: string;
  milestones: ScheduledMilestone[];
  vendorResponseDueAt?: string;
  vendorResponseExplanation?: string;
}

interface Due {
  due: DateTime;
  explanation: string;
}

/** The one place dates are computed: absolute instants for every milestone, each with how it was reached. */
export function computeSchedule(def: DirectiveDefinition, issuedAt: string): Schedule {
  const issued = parseIssuedAt(issuedAt, def.timeZone);
  const calculus = new Calculus(def, issued);
  const milestones = def.milestones.flatMap((milestone) => calculus.schedule(milestone));
  const schedule: Schedule = {
    directiveId: def.id,
    issuedAt: toInstant(issued),
    timeZone: def.timeZone,
    milestones: orderByDue(milestones),
  };
  const vendor = def.vendorResponse && calculus.reckonClock(def.vendorResponse.clock);
  if (vendor) {
    const { due, explanation } = dueMoment(vendor, undefined);
    schedule.vendorResponseDueAt = toInstant(due);
    schedule.vendorResponseExplanation = explanation;
  }
  return schedule;
}

/** Open-ended milestones last; Array.prototype.sort is stable, so ties keep definition order. */
function orderByDue(milestones: ScheduledMilestone[]): ScheduledMilestone[] {
  const key = (m: ScheduledMilestone) => (m.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(m.dueAt));
  return [...milestones].sort((a, b) => key(a) - key(b));
}

class Calculus {
  private readonly dues = new Map<string, Due | null>();
  private readonly resolving = new Set<string>();
  private readonly byId: Map<string, Milestone>;

  constructor(
    private readonly def: DirectiveDefinition,
    private readonly issued: DateTime,
  ) {
    this.byId = new Map(def.milestones.map((milestone) => [milestone.id, milestone]));
  }

  schedule(milestone: Milestone): ScheduledMilestone[] {
    if (milestone.recurring) return this.occurrences(milestone);
    const due = this.resolve(milestone);
    const scheduled: ScheduledMilestone = {
      id: milestone.id,
      milestoneId: milestone.id,
      title: milestone.title,
      dueAt: due ? toInstant(due.due) : null,
      explanation: due ? due.explanation : 'open-ended: no deadline; stays open until reported',
    };
    if (due) scheduled.reminders = reminderInstants(due.due, milestone.reminderDaysBefore, this.def.reminderTime);
    return [scheduled];
  }

  reckonClock(clock: MilestoneClock): Reckoning | null {
    switch (clock.from) {
      case 'issuance':
        return reckon({ moment: this.issued, label: formatDay(this.issued) }, clock.offset);
      case 'milestone': {
        const target = this.byId.get(clock.milestoneId);
        const anchor = target && this.resolve(target);
        if (!anchor) throw new Error(`milestone "${clock.milestoneId}" has no single deadline to count from`);
        return reckon({ moment: anchor.due, label: `${clock.milestoneId} (${formatDay(anchor.due)})` }, clock.offset);
      }
      case 'date': {
        const moment = parseIssuedAt(clock.date, this.def.timeZone);
        const exact = clock.date.includes('T');
        return { moment, exact, text: `fixed date ${exact ? formatMoment(moment) : formatDay(moment)}` };
      }
      case 'none':
        return null;
    }
  }

  private resolve(milestone: Milestone): Due | null {
    const known = this.dues.get(milestone.id);
    if (known !== undefined) return known;
    if (this.resolving.has(milestone.id)) throw new Error(`milestone "${milestone.id}" depends on itself`);
    this.resolving.add(milestone.id);
    const reckoning = this.reckonClock(milestone.clock);
    const due = reckoning && dueMoment(this.published(milestone, this.rolled(milestone, reckoning)), milestone.dueTime);
    this.resolving.delete(milestone.id);
    this.dues.set(milestone.id, due);
    return due;
  }

  private rolled(milestone: Milestone, reckoning: Reckoning): Reckoning {
    return milestone.roll === 'nextBusinessDay' ? rollForward(reckoning) : reckoning;
  }

  /** The issuer's printed date wins over arithmetic, but only for the issuance it was printed for. */
  private published(milestone: Milestone, reckoning: Reckoning): Reckoning {
    const published = milestone.published;
    if (!published) return reckoning;
    const printed = parseIssuedAt(published.date, this.def.timeZone);
    if (this.def.issuedOn !== this.issued.toISODate()) {
      const printedFor = this.def.issuedOn ? parseIssuedAt(this.def.issuedOn, this.def.timeZone) : undefined;
      const forIssuance = printedFor ? ` for issuance on ${formatDay(printedFor)}` : '';
      return {
        ...reckoning,
        text: `${reckoning.text} (the printed date ${formatDay(printed)} applies only${forIssuance})`,
      };
    }
    if (printed.hasSame(reckoning.moment, 'day')) return reckoning;
    const moment = reckoning.exact
      ? reckoning.moment.set({ year: printed.year, month: printed.month, day: printed.day })
      : printed;
    return {
      ...reckoning,
      moment,
      text: `${reckoning.text}; published as ${formatDay(printed)} (arithmetic gives ${formatDay(reckoning.moment)}): ${published.reason}`,
      endsInProse: true,
    };
  }

  /** Each occurrence counts from the previous one's arithmetic day, so rolls to business days don't accumulate. */
  private occurrences(milestone: Milestone): ScheduledMilestone[] {
    const recurring = milestone.recurring;
    const first = this.reckonClock(milestone.clock);
    if (!recurring || !first) return [];
    const scheduled: ScheduledMilestone[] = [];
    let counted = first;
    for (let occurrence = 1; occurrence <= recurring.count; occurrence += 1) {
      if (occurrence > 1) {
        const moment = counted.moment.plus({ days: recurring.everyDays });
        const previous = `${milestone.id}-${occurrence - 1} (${formatDay(counted.moment)})`;
        counted = {
          moment,
          exact: counted.exact,
          text: `every ${recurring.everyDays} days: ${recurring.everyDays} calendar days after ${previous} → ${formatDay(moment)}`,
        };
      }
      const { due, explanation } = dueMoment(this.rolled(milestone, counted), milestone.dueTime);
      scheduled.push(scheduledOccurrence(milestone, occurrence, due, explanation, this.def.reminderTime));
    }
    return scheduled;
  }
}

/** The last occurrence of a recurring series as the obligation holds it: its number and its deadline in force. */
export interface LastOccurrence {
  occurrence: number;
  dueAt: string;
}

/**
 * Rules v3: a recurring series continues until its closing milestone is done or waived. The next `count` occurrences
 * after the last one held, each `everyDays` calendar days after the previous one's local date at the milestone's due
 * time (rolled to a business day if the milestone rolls), with its reminders. Counting from the last occurrence's
 * current date keeps any move it had (an extension of the milestone it counts from).
 */
export function nextOccurrences(
  def: DirectiveDefinition,
  milestoneId: string,
  last: LastOccurrence,
  count: number,
): ScheduledMilestone[] {
  const milestone = def.milestones.find((m) => m.id === milestoneId);
  const recurring = milestone?.recurring;
  if (!milestone || !recurring) throw new Error(`${def.id} has no recurring milestone "${milestoneId}"`);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error(`count must be 1 to 100 (got ${count})`);
  const scheduled: ScheduledMilestone[] = [];
  let day = inZone(last.dueAt, def.timeZone).startOf('day');
  let previous = `${milestone.id}-${last.occurrence} (${formatDay(day)})`;
  for (let occurrence = last.occurrence + 1; occurrence <= last.occurrence + count; occurrence += 1) {
    day = day.plus({ days: recurring.everyDays });
    const counted: Reckoning = {
      moment: day,
      exact: false,
      text: `every ${recurring.everyDays} days: ${recurring.everyDays} calendar days after ${previous} → ${formatDay(day)}`,
    };
    const reckoning = milestone.roll === 'nextBusinessDay' ? rollForward(counted) : counted;
    const { due, explanation } = dueMoment(reckoning, milestone.dueTime);
    scheduled.push(scheduledOccurrence(milestone, occurrence, due, explanation, def.reminderTime));
    previous = `${milestone.id}-${occurrence} (${formatDay(day)})`;
  }
  return scheduled;
}

/** Occurrence `occurrence` of a recurring milestone (status-3), due at `due`, with its reminders. */
function scheduledOccurrence(
  milestone: Milestone,
  occurrence: number,
  due: DateTime,
  explanation: string,
  reminderTime: string | undefined,
): ScheduledMilestone {
  return {
    id: `${milestone.id}-${occurrence}`,
    milestoneId: milestone.id,
    occurrence,
    title: `${milestone.title} #${occurrence}`,
    dueAt: toInstant(due),
    explanation,
    reminders: reminderInstants(due, milestone.reminderDaysBefore, reminderTime),
  };
}

import { DateTime, IANAZone } from 'luxon';
import type { z } from 'zod';
import type { DirectiveShape, Milestone, MilestoneClock } from './directive-shape';

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** Rules that span fields: what the shape alone cannot say. Each problem names the exact path. */
export function checkDirective(def: DirectiveShape, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  checkTimeZone(def.timeZone, report);
  if (def.issuedOn !== undefined && !isCalendarDate(def.issuedOn)) {
    report(['issuedOn'], `not a date: ${JSON.stringify(def.issuedOn)} (expected YYYY-MM-DD)`);
  }
  const byId = indexMilestones(def.milestones, report);
  def.milestones.forEach((milestone, index) => checkMilestone(def, milestone, ['milestones', index], byId, report));
  checkCycles(def.milestones, byId, report);
  if (def.vendorResponse) {
    checkClock(def.vendorResponse.clock, ['vendorResponse', 'clock'], byId, report);
    const gated = byId.get(def.vendorResponse.gates);
    if (!gated) {
      report(['vendorResponse', 'gates'], unknownMilestone(def.vendorResponse.gates, byId));
    } else if (!gated.milestone.gated) {
      report(
        ['vendorResponse', 'gates'],
        `milestone "${def.vendorResponse.gates}" is not gated, so no decision can open it`,
      );
    }
  }
}

interface Indexed {
  milestone: Milestone;
  index: number;
}

function indexMilestones(milestones: Milestone[], report: Report): Map<string, Indexed> {
  const byId = new Map<string, Indexed>();
  milestones.forEach((milestone, index) => {
    const first = byId.get(milestone.id);
    if (first) {
      report(
        ['milestones', index, 'id'],
        `duplicate milestone id "${milestone.id}" (first used by milestones.${first.index})`,
      );
    } else {
      byId.set(milestone.id, { milestone, index });
    }
  });
  return byId;
}

function checkTimeZone(timeZone: string, report: Report): void {
  if (!IANAZone.isValidZone(timeZone)) {
    report(
      ['timeZone'],
      `unknown time zone ${JSON.stringify(timeZone)} (expected an IANA zone such as America/New_York)`,
    );
  }
}

function checkMilestone(
  def: DirectiveShape,
  milestone: Milestone,
  at: Path,
  byId: Map<string, Indexed>,
  report: Report,
): void {
  checkClock(milestone.clock, [...at, 'clock'], byId, report);
  if (milestone.dueTime !== undefined) {
    const [hours = 0, minutes = 0] = milestone.dueTime.split(':').map(Number);
    if (hours > 23 || minutes > 59) report([...at, 'dueTime'], `not a time of day: "${milestone.dueTime}"`);
    if ('offset' in milestone.clock && milestone.clock.offset.unit === 'hours') {
      report([...at, 'dueTime'], 'a time of day has no meaning with an offset in hours');
    }
  }
  if (milestone.published) checkPublished(def, milestone, at, report);
  if (milestone.recurring) {
    const { until } = milestone.recurring;
    if (until === milestone.id) report([...at, 'recurring', 'until'], 'a series cannot be closed by itself');
    else if (!byId.has(until)) report([...at, 'recurring', 'until'], unknownMilestone(until, byId));
    if (milestone.clock.from === 'none')
      report([...at, 'clock'], 'a recurring milestone needs a clock for its first occurrence');
  }
  checkEscalation(milestone, [...at, 'escalation'], report);
}

function checkClock(clock: MilestoneClock, at: Path, byId: Map<string, Indexed>, report: Report): void {
  if (clock.from === 'date' && !isDateOrDateTime(clock.date)) {
    report([...at, 'date'], `not a date: ${JSON.stringify(clock.date)} (expected YYYY-MM-DD or an ISO date-time)`);
  }
  if (clock.from !== 'milestone') return;
  const target = byId.get(clock.milestoneId)?.milestone;
  const path = [...at, 'milestoneId'];
  if (!target) report(path, unknownMilestone(clock.milestoneId, byId));
  else if (target.recurring) report(path, `milestone "${target.id}" recurs, so it has no single date to count from`);
  else if (target.clock.from === 'none')
    report(path, `milestone "${target.id}" is open-ended (clock none), so it has no date to count from`);
}

function checkPublished(def: DirectiveShape, milestone: Milestone, at: Path, report: Report): void {
  const published = milestone.published;
  if (!published) return;
  if (!isCalendarDate(published.date)) {
    report([...at, 'published', 'date'], `not a date: ${JSON.stringify(published.date)} (expected YYYY-MM-DD)`);
  }
  // A printed date only makes sense for the issuance it was printed for.
  if (def.issuedOn === undefined) report([...at, 'published'], "a published date needs the directive's issuedOn");
  if (milestone.recurring) report([...at, 'published'], 'a published date cannot stand for a whole recurring series');
  if (milestone.clock.from === 'none')
    report([...at, 'published'], 'an open-ended milestone (clock none) has no date to publish');
}

function checkEscalation(milestone: Milestone, at: Path, report: Report): void {
  milestone.escalation.forEach((step, index) => {
    const previous = milestone.escalation[index - 1];
    if (!previous) return;
    if (step.level <= previous.level) {
      report([...at, index, 'level'], `levels must increase: ${step.level} follows ${previous.level}`);
    }
    if (step.afterDays < previous.afterDays) {
      report(
        [...at, index, 'afterDays'],
        `a higher level cannot come sooner: ${step.afterDays} days follows ${previous.afterDays}`,
      );
    }
  });
}

/** Each milestone has at most one parent (its clock), so a cycle is a chain that comes back to where it started. */
function checkCycles(milestones: Milestone[], byId: Map<string, Indexed>, report: Report): void {
  const reported = new Set<string>();
  milestones.forEach((start, index) => {
    if (byId.get(start.id)?.index !== index || reported.has(start.id)) return;
    const chain = [start.id];
    let current: Milestone | undefined = start;
    while (current && current.clock.from === 'milestone') {
      const next: string = current.clock.milestoneId;
      if (next === start.id) {
        chain.forEach((id) => reported.add(id));
        report(
          ['milestones', index, 'clock', 'milestoneId'],
          `cycle between milestones: ${[...chain, next].join(' → ')}`,
        );
        return;
      }
      // A cycle that does not pass through `start` is reported when its own first member is visited.
      if (chain.includes(next)) return;
      chain.push(next);
      current = byId.get(next)?.milestone;
    }
  });
}

function unknownMilestone(id: string, byId: Map<string, Indexed>): string {
  return `refers to unknown milestone "${id}" (known: ${[...byId.keys()].join(', ')})`;
}

export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

function isDateOrDateTime(value: string): boolean {
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

/**
 * Rules v3: a recurring series (BOD 17-01's status reports) continues until its closing milestone is done or waived,
 * however long that takes. The schedule holds the first `count` occurrences; when fewer than SERIES_AHEAD pending ones
 * lie ahead, the workflow asks the calculus (an activity) for the next SERIES_BATCH and the reducer appends them.
 */
import { Refusal, type ObligationEvent } from './events';
import { rulesAtLeast, storedReminders, type MilestoneRecord, type ObligationState } from './state';
import { isOpen } from './timeline';

/** Pending occurrences a series keeps ahead of the clock before the next ones are computed. */
export const SERIES_AHEAD = 2;
/** How many occurrences the calculus computes at a time. */
export const SERIES_BATCH = 6;

export interface SeriesExtension {
  milestoneId: string;
  last: { id: string; occurrence: number; dueAt: number };
}

/** The series that need their next occurrences now: still open (closing milestone open), too few pending ahead. */
export function seriesNeedingMore(state: ObligationState): SeriesExtension[] {
  if (!rulesAtLeast(state, 3) || state.state !== 'active') return [];
  const bySeries = new Map<string, MilestoneRecord[]>();
  for (const m of state.milestones) {
    if (!m.rules.closedBy) continue;
    bySeries.set(m.milestoneId, [...(bySeries.get(m.milestoneId) ?? []), m]);
  }
  const needed: SeriesExtension[] = [];
  for (const [milestoneId, occurrences] of bySeries) {
    const closedBy = occurrences[0]!.rules.closedBy!;
    const closing = state.milestones.filter((m) => m.milestoneId === closedBy);
    if (closing.length === 0 || !closing.some(isOpen)) continue;
    const ahead = occurrences.filter((m) => m.state === 'pending' && m.dueAt !== null && m.dueAt > state.watermark);
    if (ahead.length >= SERIES_AHEAD) continue;
    const last = occurrences.reduce((a, b) => (occurrenceNumber(b) > occurrenceNumber(a) ? b : a));
    if (last.dueAt === null) continue;
    needed.push({ milestoneId, last: { id: last.id, occurrence: occurrenceNumber(last), dueAt: last.dueAt } });
  }
  return needed;
}

function occurrenceNumber(m: MilestoneRecord): number {
  const n = Number(m.id.slice(m.milestoneId.length + 1));
  return Number.isInteger(n) ? n : 0;
}

/** Appends the occurrences the calculus computed after the series' last one, as pending records like the others. */
export function appendOccurrences(state: ObligationState, e: Extract<ObligationEvent, { type: 'occurrences' }>): void {
  if (!rulesAtLeast(state, 3))
    throw new Refusal('a recurring series continues past its first occurrences under rules v3');
  const series = state.milestones.filter((m) => m.milestoneId === e.milestoneId);
  const template = series[series.length - 1];
  if (!template || !template.rules.closedBy) throw new Refusal(`${e.milestoneId} is not a recurring series`);
  const known = new Set(state.milestones.map((m) => m.id));
  const added = e.occurrences
    .filter((o) => !known.has(o.id))
    .map((o): MilestoneRecord => ({
      id: o.id,
      milestoneId: template.milestoneId,
      title: o.title,
      description: template.description,
      dueAt: o.dueAt === null ? null : Date.parse(o.dueAt),
      explanation: o.explanation,
      state: 'pending',
      completedAt: null,
      late: false,
      highestEscalation: 0,
      reminders: storedReminders(o.dueAt, o.reminders),
      rules: template.rules,
    }));
  if (added.length === 0) return;
  // Right after the series' last occurrence, so the records stay in the order of their deadlines.
  state.milestones.splice(state.milestones.indexOf(template) + 1, 0, ...added);
  state.history.push({
    at: e.at,
    event: 'series-continued',
    milestoneId: e.milestoneId,
    detail: `${added.map((m) => m.id).join(', ')} scheduled: the series runs until ${template.rules.closedBy} is done or waived`,
  });
}

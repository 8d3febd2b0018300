/**
 * Rules v3: what the workflow asks the deadline calculus (the `resolveDeadline` activity) when an amendment moves a
 * deadline, and how its answer becomes the resolved amendment the reducer applies. Pure, so the workflow and the unit
 * tests share it; the calendar arithmetic itself runs in the activity.
 */
import type { DeadlineChange, DeadlineMove, DeadlineMoveRequest } from '../deadline-move';
import { toIso } from '../epoch';
import { Refusal, type ResolvedAmendment } from './events';
import { findMilestone } from './reduce';
import type { MilestoneRecord, ObligationState } from './state';
import { currentDeadline } from './timeline';

/** The part of an amendment that says how the deadline moves, as the issuer gave it. */
export interface AmendmentMove {
  kind: ResolvedAmendment['kind'];
  milestoneId?: string;
  newDueAt?: string;
  extendByDays?: number;
}

export interface MoveContext {
  timeZone: string;
  issuedAt: string;
  reminderTime?: string;
  /** The workflow's clock: a resume counts the days held up to now. */
  now: number;
}

/**
 * The request for the calculus, or undefined when nothing moves (a hold, a waiver, a resume of a date the issuer set
 * during the hold). A resume without a new date moves the deadline in force by the calendar days held. An open-ended
 * milestone takes only a date.
 */
export function deadlineMoveRequest(
  state: ObligationState,
  a: AmendmentMove,
  context: MoveContext,
): DeadlineMoveRequest | undefined {
  if (!a.milestoneId) return undefined;
  const m = findMilestone(state, a.milestoneId);
  const current = currentDeadline(m);
  let change: DeadlineChange | undefined =
    a.newDueAt !== undefined
      ? { newDueAt: a.newDueAt }
      : a.extendByDays !== undefined
        ? { extendByDays: a.extendByDays }
        : undefined;
  if (!change && a.kind === 'resume' && m.heldSince !== undefined && !m.heldDueFixed && current !== null)
    change = { resume: { heldSince: toIso(m.heldSince), resumedAt: toIso(context.now) } };
  if (!change) return undefined;
  if (current === null && !('newDueAt' in change)) throw openEndedByDays(m);
  return {
    dueAt: current === null ? null : toIso(current),
    change,
    timeZone: context.timeZone,
    issuedAt: context.issuedAt,
    reminderDaysBefore: m.rules.reminderDaysBefore,
    reminderTime: context.reminderTime,
    anchored:
      m.state === 'pending'
        ? anchoredTo(state, m).map((o) => ({
            id: o.id,
            dueAt: toIso(o.dueAt ?? 0),
            reminderDaysBefore: o.rules.reminderDaysBefore,
          }))
        : [],
  };
}

/** The calculus's answer as the reducer takes it: absolute instants (epoch ms). */
export function resolvedMove(
  base: ResolvedAmendment,
  request: DeadlineMoveRequest,
  moved: DeadlineMove,
): ResolvedAmendment {
  const instants = (reminders: { daysBefore: number; at: string }[]) =>
    reminders.map((r) => ({ daysBefore: r.daysBefore, at: Date.parse(r.at) }));
  return {
    ...base,
    newDueAt: Date.parse(moved.dueAt),
    explanation: moved.explanation,
    reminders: instants(moved.reminders),
    anchoredMoves: moved.anchored.map((o) => ({
      id: o.id,
      dueAt: Date.parse(o.dueAt),
      explanation: o.explanation,
      reminders: instants(o.reminders),
    })),
    fixedDate: 'newDueAt' in request.change || undefined,
  };
}

/** The pending milestones counted from this one, down the chain (status reports from `remove`). */
function anchoredTo(state: ObligationState, m: MilestoneRecord): MilestoneRecord[] {
  const found: MilestoneRecord[] = [];
  const seen = new Set<string>([m.milestoneId]);
  let frontier = [m.milestoneId];
  while (frontier.length > 0) {
    const next = state.milestones.filter(
      (o) =>
        o.rules.anchoredTo !== undefined &&
        frontier.includes(o.rules.anchoredTo) &&
        o.state === 'pending' &&
        o.dueAt !== null,
    );
    found.push(...next);
    frontier = [...new Set(next.map((o) => o.milestoneId))].filter((id) => !seen.has(id));
    frontier.forEach((id) => seen.add(id));
  }
  return found;
}

/** Rules v3: an open-ended milestone takes an absolute date (`--to`); days have nothing to count from. */
export function openEndedByDays(m: MilestoneRecord): Refusal {
  return new Refusal(
    `${m.id} is open-ended (no deadline): --by-days has nothing to count from; give it a date with --to DATE`,
  );
}

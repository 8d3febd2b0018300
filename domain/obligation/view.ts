import type { Actor } from '../actor';
import type { Schedule } from '../calculus';
import type { Evidence } from '../evidence';
import { toIso } from '../epoch';
import { escalationLevel } from './reduce';
import type { MilestoneRecord, MilestoneState, ObligationState } from './state';
import { agencyDeadline, currentDeadline, isOpen, reportableNow, workable } from './timeline';

/** The `status` query's answer (public: `directive status --json` prints it, and callers of the query read it). */
export interface ObligationStatus {
  directiveId: string;
  agencyId: string;
  /** The directive's IANA zone, in which its dates are reckoned (e.g. America/New_York). */
  timeZone: string | null;
  state: ObligationState['state'];
  phase: string;
  nextDeadline: string | null;
  overdue: boolean;
  escalationLevel: number;
  asOf: string;
  milestones: MilestoneView[];
  amendments: string[];
  history: { at: string; event: string; milestoneId?: string; detail?: string; actor?: Actor }[];
}

export interface MilestoneView {
  id: string;
  title: string;
  /** The deadline the schedule gave at issuance, before any amendment (null for an open-ended milestone). */
  originalDueAt: string | null;
  /** The due date now, after amendments. */
  dueAt: string | null;
  /** The deadline in force now: the resubmission deadline after a rejection, the review deadline while under review. */
  currentDueAt: string | null;
  state: MilestoneState;
  held: boolean;
  /** When the work was done (rules v3: the officer's account; lateness is judged on `reportedAt`). */
  completedAt: string | null;
  /** Rules v3: when the report reached the engine (null before a report, and on obligations started earlier). */
  reportedAt: string | null;
  late: boolean;
  escalationLevel: number;
  highestEscalation: number;
  explanation: string;
  reviewDueAt: string | null;
  resubmitDueAt: string | null;
  evidence?: MilestoneRecord['evidence'];
  /** The agency can report it now: open, not on hold, not behind a closed gate, its series' earlier occurrences done. */
  reportable: boolean;
  /** Who reported it last, and who reviewed it last (emails, as recorded). */
  completedBy: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  /** Every report and its review, oldest first (instants as ISO-8601). */
  submissions: SubmissionView[];
}

export interface SubmissionView {
  reportedAt: string;
  completedBy: string;
  actor?: Actor;
  evidence?: Evidence;
  claimedCompletedAt: string | null;
  late: boolean;
  review: { at: string; reviewer: string; actor?: Actor; decision: 'approve' | 'reject'; comment: string } | null;
}

/** The milestone the agency is working on: the first open one; a recurring series shows as `reporting`. */
export function phase(state: ObligationState): string {
  if (state.state !== 'active') return state.state;
  const current = state.milestones.find(isOpen);
  if (!current) return 'completed';
  return current.rules.closedBy ? 'reporting' : current.id;
}

/** Deadlines the agency is working against now: open, not held, not behind a closed gate. */
function openDeadlines(state: ObligationState): number[] {
  return state.milestones
    .filter((m) => isOpen(m) && m.heldSince === undefined && workable(state, m))
    .map(agencyDeadline)
    .filter((d): d is number => d !== null);
}

/** One milestone overdue: open, not held, workable, and its agency deadline passed. A plan under review is not. */
export function milestoneOverdue(state: ObligationState, m: MilestoneRecord): boolean {
  const deadline = agencyDeadline(m);
  return (
    state.state === 'active' &&
    isOpen(m) &&
    m.heldSince === undefined &&
    deadline !== null &&
    deadline <= state.watermark &&
    workable(state, m)
  );
}

/** The escalation level a milestone stands at now (0 when it is done, held or cannot be worked on yet). */
export function milestoneEscalation(state: ObligationState, m: MilestoneRecord): number {
  return isOpen(m) && workable(state, m) ? escalationLevel(m, state.watermark) : 0;
}

export function nextDeadline(state: ObligationState): number | null {
  if (state.state !== 'active') return null;
  const deadlines = openDeadlines(state);
  return deadlines.length ? Math.min(...deadlines) : null;
}

/** Overdue: an open, unheld milestone whose agency deadline has passed. A plan awaiting review is not overdue. */
export function isOverdue(state: ObligationState): boolean {
  return state.milestones.some((m) => milestoneOverdue(state, m));
}

export function currentEscalation(state: ObligationState): number {
  if (state.state !== 'active') return 0;
  return state.milestones.reduce((level, m) => Math.max(level, milestoneEscalation(state, m)), 0);
}

/**
 * What an obligation started before a field existed falls back on: the directive's zone and the schedule it started
 * with (the workflow's input, carried across continue-as-new).
 */
export interface ViewFallback {
  timeZone?: string;
  schedule?: Schedule;
}

export function statusView(state: ObligationState, fallback: ViewFallback = {}): ObligationStatus {
  const scheduled = new Map(fallback.schedule?.milestones.map((m) => [m.id, m.dueAt]) ?? []);
  const original = (m: MilestoneRecord): string | null =>
    m.originalDueAt !== undefined ? toIso(m.originalDueAt) : (scheduled.get(m.id) ?? null);
  return {
    directiveId: state.directiveId,
    agencyId: state.agencyId,
    timeZone: state.timeZone ?? fallback.timeZone ?? fallback.schedule?.timeZone ?? null,
    state: state.state,
    phase: phase(state),
    nextDeadline: toIso(nextDeadline(state)),
    overdue: isOverdue(state),
    escalationLevel: currentEscalation(state),
    asOf: toIso(state.watermark),
    milestones: state.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      originalDueAt: original(m),
      dueAt: toIso(m.dueAt),
      currentDueAt: toIso(currentDeadline(m)),
      state: m.state,
      held: m.heldSince !== undefined,
      completedAt: toIso(m.completedAt),
      reportedAt: toIso(m.reportedAt),
      late: m.late,
      escalationLevel: milestoneEscalation(state, m),
      highestEscalation: m.highestEscalation,
      explanation: m.explanation,
      reviewDueAt: toIso(m.reviewDueAt),
      resubmitDueAt: toIso(m.resubmitDueAt),
      evidence: m.evidence,
      reportable: reportableNow(state, m),
      completedBy: m.completedBy ?? null,
      reviewedBy: m.reviewedBy ?? null,
      reviewComment: m.reviewComment ?? null,
      submissions: (m.submissions ?? []).map((r) => ({
        reportedAt: toIso(r.reportedAt),
        completedBy: r.completedBy,
        ...(r.actor && { actor: r.actor }),
        ...(r.evidence && { evidence: r.evidence }),
        claimedCompletedAt: toIso(r.claimedCompletedAt ?? null),
        late: r.late,
        review: r.review ? { ...r.review, at: toIso(r.review.at) } : null,
      })),
    })),
    amendments: state.appliedAmendments,
    history: state.history.map((h) => ({ ...h, at: toIso(h.at) })),
  };
}

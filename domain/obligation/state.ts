/**
 * The whole state of one agency's obligation: one serialisable value, carried whole across continue-as-new.
 * Instants are epoch milliseconds; the only arithmetic on them is adding exact durations (reminder offsets, review
 * windows, escalation delays, time held), which no library or time-zone upgrade can change on replay.
 */
import type { Agency } from '../agency';
import type { DirectiveDefinition, EscalationLevel } from '../directive';
import type { Schedule } from '../calculus';
import type { Actor } from '../actor';
import type { Evidence } from '../evidence';

/**
 * A milestone's states. `missed` (rules v3): an occurrence of a recurring series whose deadline had passed when the
 * series closed, kept on record with its escalation level. `rescinded` (rules v3): open when the obligation was
 * rescinded.
 */
export type MilestoneState = 'pending' | 'submitted' | 'rejected' | 'completed' | 'waived' | 'missed' | 'rescinded';

export interface MilestoneRecord {
  /** Occurrence id: `identify`, or `status-3` for a recurring report. */
  id: string;
  milestoneId: string;
  title: string;
  description: string;
  dueAt: number | null;
  /** The deadline the schedule gave at issuance, kept when the deadline moves (absent on older obligations). */
  originalDueAt?: number | null;
  explanation: string;
  state: MilestoneState;
  /**
   * When the work was done. Rules v3: the officer's claim (`completedAt` of the report, else its arrival), recorded
   * but never used to judge lateness; before v3 it also decided `late`.
   */
  completedAt: number | null;
  /** Rules v3: when the report reached the engine, the instant lateness is judged on. */
  reportedAt?: number;
  /** Rules v3, while a report awaits review: the officer's claim of when the work was done, if given. */
  claimedCompletedAt?: number;
  late: boolean;
  evidence?: Evidence;
  /** Who reported and reviewed: kept in workflow state only, never in search attributes or logs. */
  completedBy?: string;
  reviewedBy?: string;
  reviewComment?: string;
  submittedAt?: number;
  reviewDueAt?: number;
  /** After a rejection: the resubmission deadline that replaces `dueAt` while the milestone is rejected. */
  resubmitDueAt?: number;
  heldSince?: number;
  /** Rules v3: the issuer set this deadline explicitly during the hold in force, so the resume does not move it. */
  heldDueFixed?: boolean;
  /**
   * Rules v3: when the reminders for `deadline` go out (a business hour in the directive's zone, N calendar days before),
   * from the calculus. Used while `deadline` is the deadline in force; otherwise reminders fall N × 24 h before it.
   */
  reminders?: StoredReminders;
  highestEscalation: number;
  rules: MilestoneRules;
  /** Every report of this milestone and what became of it, oldest first (absent on obligations started earlier). */
  submissions?: Submission[];
}

/** One report of a milestone: who sent it, through which channel, with what, and the reviewer's decision on it. */
export interface Submission {
  reportedAt: number;
  completedBy: string;
  actor?: Actor;
  evidence?: Evidence;
  /** The officer's account of when the work was done, if given. */
  claimedCompletedAt?: number;
  late: boolean;
  review?: { at: number; reviewer: string; actor?: Actor; decision: 'approve' | 'reject'; comment: string };
}

export interface StoredReminders {
  deadline: number;
  instants: { daysBefore: number; at: number }[];
}

/** Reminder instants from the calculus, as the record keeps them (epoch ms), for the deadline they belong to. */
export function storedReminders(
  dueAt: string | number | null,
  reminders: { daysBefore: number; at: string | number }[] | undefined,
): StoredReminders | undefined {
  if (dueAt === null || reminders === undefined) return undefined;
  const ms = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));
  return { deadline: ms(dueAt), instants: reminders.map((r) => ({ daysBefore: r.daysBefore, at: ms(r.at) })) };
}

/** What the definition says about this milestone, copied in so the reducer needs nothing else. */
export interface MilestoneRules {
  evidenceRequired: boolean;
  reminderDaysBefore: number[];
  escalation: EscalationLevel[];
  review?: { windowDays: number; resubmissionDays: number; reminderDaysBefore: number[] };
  gated?: { reason: string };
  /** For a recurring occurrence: the milestone whose completion closes the series. */
  closedBy?: string;
  /**
   * The milestone this one's clock counts from (BOD 17-01: status reports count from `remove`). When that deadline
   * moves, this one moves with it. Absent on obligations started before the rule existed (see the workflow's patch).
   */
  anchoredTo?: string;
}

export interface HistoryEntry {
  at: number;
  event: string;
  milestoneId?: string;
  detail?: string;
  /** Who did it (reports and reviews), as the channel vouched for them. */
  actor?: Actor;
}

export interface ObligationState {
  directiveId: string;
  agencyId: string;
  /** The schedule's issuance instant (absent on older obligations): a claimed completion cannot precede it. */
  issuedAt?: number;
  /** The directive's zone, for display (absent on older obligations). */
  timeZone?: string;
  state: 'active' | 'completed' | 'rescinded';
  milestones: MilestoneRecord[];
  /** Everything at or before this instant has been acted on: a notice is due when its time is past the watermark. */
  watermark: number;
  appliedAmendments: string[];
  history: HistoryEntry[];
  /**
   * The rules this obligation started under; absent means 1. Version 2: milestones move with their anchor, nothing
   * behind a closed gate reminds or escalates, a held milestone cannot be reported, waiving a series' closing milestone
   * ends it, and an obligation started late sends the escalation level already reached. Running obligations keep the
   * version they started with, so their histories replay unchanged (the workflow picks it with a patch).
   * Version 3 (issue "rules v3: a compliance record that tells the truth"): see README, "A milestone's life":
   * - lateness is judged on when a report reached the engine; a claimed `completedAt` is recorded beside the arrival
   *   (`reportedAt`) and refused before the issuance or after the arrival;
   * - completing or waiving a series' closing milestone closes only the occurrences still ahead; those whose deadline
   *   has passed stay on record as `missed`, their escalation level kept;
   * - rescission marks the open milestones `rescinded`;
   * - no reminder for a milestone whose deadline has passed by the time it fires (the escalation says it), nor for one
   *   that the same event closes or moves, nor when the same event ends the obligation.
   */
  rulesVersion?: number;
  /** Version 2, until the first clock event: send the escalation level each already-missed milestone has reached. */
  catchUpEscalation?: boolean;
}

export const CURRENT_RULES = 3;

/** Whether the obligation runs under rules of at least this version. */
export const rulesAtLeast = (state: ObligationState, version: number): boolean => (state.rulesVersion ?? 1) >= version;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The state at the start of an obligation. The watermark starts at `now`, so reminders whose time has already passed
 * are skipped rather than sent in a burst.
 */
export function initialObligation(
  definition: DirectiveDefinition,
  agency: Agency,
  schedule: Schedule,
  now: number,
  rulesVersion: number = CURRENT_RULES,
): ObligationState {
  const byId = new Map(definition.milestones.map((m) => [m.id, m]));
  const milestones = schedule.milestones.map((scheduled): MilestoneRecord => {
    const m = byId.get(scheduled.milestoneId);
    if (!m)
      throw new Error(`schedule names milestone ${scheduled.milestoneId}, which ${definition.id} does not define`);
    return {
      id: scheduled.id,
      milestoneId: m.id,
      title: scheduled.title,
      description: m.description,
      dueAt: scheduled.dueAt === null ? null : Date.parse(scheduled.dueAt),
      originalDueAt: scheduled.dueAt === null ? null : Date.parse(scheduled.dueAt),
      explanation: scheduled.explanation,
      state: 'pending',
      completedAt: null,
      late: false,
      highestEscalation: 0,
      reminders: rulesVersion >= 3 ? storedReminders(scheduled.dueAt, scheduled.reminders) : undefined,
      rules: {
        evidenceRequired: m.evidenceRequired,
        reminderDaysBefore: m.reminderDaysBefore,
        escalation: m.escalation,
        review: m.review,
        gated: m.gated,
        closedBy: m.recurring?.until,
        anchoredTo: rulesVersion >= 2 && m.clock.from === 'milestone' ? m.clock.milestoneId : undefined,
      },
    };
  });
  return {
    directiveId: definition.id,
    agencyId: agency.id,
    issuedAt: Date.parse(schedule.issuedAt),
    timeZone: schedule.timeZone,
    state: 'active',
    milestones,
    watermark: now,
    appliedAmendments: [],
    history: [
      { at: now, event: 'issued', detail: `${milestones.length} milestones scheduled from ${schedule.issuedAt}` },
    ],
    rulesVersion,
    catchUpEscalation: rulesVersion >= 2 || undefined,
  };
}

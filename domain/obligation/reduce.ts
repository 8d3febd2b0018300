import { toIso } from '../epoch';
import { Refusal, type NoticeIntent, type ObligationEvent, type RecordEvent, type ResolvedAmendment } from './events';
import { noticeKey } from './notice-key';
import { appendOccurrences } from './series';
import { DAY_MS, rulesAtLeast, storedReminders, type MilestoneRecord, type ObligationState } from './state';
import {
  agencyDeadline,
  blockingGate,
  currentDeadline,
  isOpen,
  obligationClockEvents,
  openEarlierOccurrence,
  type ClockEvent,
} from './timeline';

export interface Reduction {
  state: ObligationState;
  notices: NoticeIntent[];
}

/**
 * The obligation's rules in one function: state' = reduce(state, event). Pure and synchronous, so an update's
 * validator runs it on a copy (same rule, same message) and the workflow applies it for real.
 * The input state is never mutated.
 */
export function reduce(current: ObligationState, event: ObligationEvent): Reduction {
  // JSON, not structuredClone: the state is plain data, and the workflow sandbox is not guaranteed every Node global.
  const state = JSON.parse(JSON.stringify(current)) as ObligationState;
  const notices: NoticeIntent[] = [];
  if (event.type === 'notice-outcome' || event.type === 'amendment-refused' || event.type === 'series-not-continued') {
    recordOnly(state, event);
    return { state, notices };
  }
  const now = event.type === 'tick' ? event.now : event.at;
  if (state.state !== 'active') {
    if (event.type === 'tick') return { state, notices };
    throw new Refusal(
      `the obligation ${state.directiveId}/${state.agencyId} is ${state.state}: nothing more can be reported or amended`,
    );
  }
  const reminders = advanceClock(state, now, notices);
  switch (event.type) {
    case 'tick':
      break;
    case 'report':
      report(state, event, notices);
      break;
    case 'review':
      review(state, event, notices);
      break;
    case 'amend':
      amend(state, event.at, event.amendment, notices);
      break;
    case 'occurrences':
      appendOccurrences(state, event);
      break;
  }
  settle(state, now);
  if (rulesAtLeast(state, 3)) return { state, notices: notices.filter((n) => !moot(state, n, reminders.get(n))) };
  return { state, notices };
}

/**
 * Rules v3: a reminder fired by this reduction that the event then made moot (its milestone closed, submitted or moved,
 * or the obligation ended) is dropped: it would tell the agency about a deadline no longer in force.
 */
function moot(state: ObligationState, n: NoticeIntent, deadline: number | undefined): boolean {
  if (deadline === undefined) return false;
  if (state.state !== 'active') return true;
  const m = state.milestones.find((o) => o.id === n.milestoneId);
  if (!m || m.heldSince !== undefined) return true;
  const inForce =
    n.kind === 'review-reminder' ? (m.state === 'submitted' ? m.reviewDueAt : undefined) : agencyDeadline(m);
  return inForce !== deadline;
}

/** Notice outcomes and refused amendments: a history entry, the same for every rules version. */
function recordOnly(state: ObligationState, e: RecordEvent): void {
  if (e.type === 'notice-outcome')
    state.history.push({
      at: e.at,
      event: `${e.failed ? 'notice-failed' : 'notice'}:${e.kind}`,
      milestoneId: e.milestoneId,
      detail: e.detail,
    });
  else if (e.type === 'amendment-refused')
    state.history.push({
      at: e.at,
      event: 'amendment-refused',
      detail: `${e.amendmentId ?? '(malformed)'}: ${e.reason}`,
    });
  else state.history.push({ at: e.at, event: 'series-not-continued', milestoneId: e.milestoneId, detail: e.reason });
}

/** The next thing due (reminder, deadline, escalation step, review event), or null when nothing is scheduled. */
export function nextClockEvent(state: ObligationState): ClockEvent | null {
  if (state.state !== 'active') return null;
  const ahead = obligationClockEvents(state).filter((e) => e.at > state.watermark);
  return ahead.reduce<ClockEvent | null>((next, e) => (next === null || e.at < next.at ? e : next), null);
}

/**
 * Fires what fell due between the watermark and now, oldest first; each fires once because the watermark moves.
 * Returns the reminders it sent, each with its deadline. Rules v3: a reminder whose deadline has passed by now (the
 * worker was down across both) is not sent; the escalation says it instead.
 */
function advanceClock(state: ObligationState, now: number, notices: NoticeIntent[]): Map<NoticeIntent, number> {
  const reminders = new Map<NoticeIntent, number>();
  if (state.catchUpEscalation) catchUpEscalation(state, notices);
  if (now <= state.watermark) return reminders;
  const v3 = rulesAtLeast(state, 3);
  const due = obligationClockEvents(state)
    .filter((e) => e.at > state.watermark && e.at <= now)
    .sort((a, b) => a.at - b.at);
  for (const event of due) {
    const reminder = event.kind === 'reminder' || event.kind === 'review-reminder';
    if (v3 && reminder && event.deadline <= now) continue;
    const before = notices.length;
    fire(state, event, notices);
    if (reminder) for (const n of notices.slice(before)) reminders.set(n, event.deadline);
  }
  state.watermark = now;
  return reminders;
}

/**
 * For each milestone already missed at the start, the highest escalation step reached, sent once. Rules v3: also after
 * an amendment, for the milestones whose deadline it moved or whose hold it ended (`only`).
 */
function catchUpEscalation(state: ObligationState, notices: NoticeIntent[], only?: Set<string>): void {
  if (!only) state.catchUpEscalation = undefined;
  for (const event of obligationClockEvents(state)) {
    if (event.kind !== 'escalation' || event.at > state.watermark) continue;
    if (only && !only.has(event.milestone.id)) continue;
    const reached = escalationLevel(event.milestone, state.watermark);
    if (event.level === reached) fire(state, event, notices);
  }
}

function fire(state: ObligationState, e: ClockEvent, notices: NoticeIntent[]): void {
  const m = e.milestone;
  switch (e.kind) {
    case 'reminder':
    case 'review-reminder':
      notices.push({
        key: noticeKey(state, m.id, e.kind, { deadline: e.deadline, daysBefore: e.daysBefore }),
        kind: e.kind,
        milestoneId: m.id,
        to: e.to,
        cc: e.cc,
        detail: `due in ${e.daysBefore} day(s)`,
        deadline: e.deadline,
      });
      return;
    case 'escalation':
      m.highestEscalation = Math.max(m.highestEscalation, e.level ?? 0);
      notices.push({
        key: noticeKey(state, m.id, 'escalation', { deadline: e.deadline, level: e.level }),
        kind: 'escalation',
        milestoneId: m.id,
        to: e.to,
        cc: e.cc,
        escalationLevel: e.level,
        detail: `deadline ${toIso(e.deadline)} passed without an accepted report`,
        deadline: e.deadline,
      });
      state.history.push({ at: e.at, event: 'escalated', milestoneId: m.id, detail: `level ${e.level}` });
      return;
    case 'deadline':
      return;
    case 'review-late':
      notices.push({
        key: noticeKey(state, m.id, 'review-late', { deadline: e.deadline }),
        kind: 'review-late',
        milestoneId: m.id,
        to: e.to,
        cc: e.cc,
        detail: `review due ${toIso(e.deadline)} has not been given`,
        deadline: e.deadline,
      });
      state.history.push({ at: e.at, event: 'review-late', milestoneId: m.id });
      return;
  }
}

/** The current escalation level of a milestone: the levels whose time has come for the deadline it is missing. */
export function escalationLevel(m: MilestoneRecord, asOf: number): number {
  const deadline = agencyDeadline(m);
  if (deadline === null || m.heldSince !== undefined) return 0;
  return m.rules.escalation
    .filter((step) => deadline + step.afterDays * DAY_MS <= asOf)
    .reduce((level, step) => Math.max(level, step.level), 0);
}

/** A milestone by occurrence id, or a recurring series' plain id (its current occurrence). */
export function findMilestone(state: ObligationState, id: string): MilestoneRecord {
  const exact = state.milestones.find((m) => m.id === id);
  if (exact) return exact;
  // A recurring milestone's plain id means its earliest open occurrence ("status" → "status-3").
  const series = state.milestones.filter((m) => m.milestoneId === id);
  const current = series.find(isOpen) ?? series[series.length - 1];
  if (current) return current;
  throw new Refusal(`unknown milestone "${id}" (expected one of: ${state.milestones.map((m) => m.id).join(', ')})`);
}

/** Gates and recurring series impose order; the messages say what has to happen first. */
function checkOrder(state: ObligationState, m: MilestoneRecord): void {
  const gate = blockingGate(state, m);
  if (gate) {
    const why =
      gate.heldSince !== undefined
        ? `it is on hold since ${toIso(gate.heldSince)}`
        : `it opens at ${toIso(gate.dueAt ?? 0)} (${gate.rules.gated?.reason})`;
    throw new Refusal(`${m.id} cannot be reported before ${gate.id} opens: ${why}`);
  }
  const previous = openEarlierOccurrence(state, m);
  if (previous) throw new Refusal(`${m.id} is out of order: ${previous.id} is still open`);
}

function refuseClosed(m: MilestoneRecord): void {
  if (m.state === 'completed') throw new Refusal(`${m.id} is already completed (at ${toIso(m.completedAt ?? 0)})`);
  if (m.state === 'waived') throw new Refusal(`${m.id} was waived: nothing to report`);
  if (m.state === 'missed')
    throw new Refusal(`${m.id} was missed: its deadline ${toIso(m.dueAt)} had passed when the series closed`);
  if (m.state === 'rescinded') throw new Refusal(`${m.id} was rescinded: nothing to report`);
}

/**
 * Rules v3: the officer's claim of when the work was done is recorded, not trusted: it cannot precede the issuance
 * nor follow the report's arrival. The refusal names the field and the value.
 */
function checkClaim(state: ObligationState, claimed: number, arrived: number): void {
  const issued = state.issuedAt ?? state.history[0]?.at;
  if (!Number.isFinite(claimed)) throw new Refusal('completedAt is not a valid instant');
  if (issued !== undefined && claimed < issued)
    throw new Refusal(
      `completedAt ${toIso(claimed)} is before the obligation was issued (${toIso(issued)}): give when the work was done`,
    );
  if (claimed > arrived)
    throw new Refusal(
      `completedAt ${toIso(claimed)} is after the report arrived (${toIso(arrived)}): it cannot be in the future`,
    );
}

function report(
  state: ObligationState,
  e: Extract<ObligationEvent, { type: 'report' }>,
  notices: NoticeIntent[],
): void {
  const m = findMilestone(state, e.milestoneId);
  refuseClosed(m);
  if (m.state === 'submitted')
    throw new Refusal(`${m.id} was submitted at ${toIso(m.submittedAt ?? 0)} and is awaiting review`);
  if (m.rules.evidenceRequired && !e.evidence?.summary.trim())
    throw new Refusal(`${m.id} requires evidence: give evidence.summary (what was done and how it was verified)`);
  const v3 = rulesAtLeast(state, 3);
  if (v3 && e.completedAt !== undefined) checkClaim(state, e.completedAt, e.at);
  if (e.completedAt !== undefined && e.completedAt > e.at)
    throw new Refusal(`completedAt ${toIso(e.completedAt)} is in the future`);
  if (m.heldSince !== undefined && rulesAtLeast(state, 2))
    throw new Refusal(`${m.id} is on hold since ${toIso(m.heldSince)}: it can be reported once the issuer resumes it`);
  checkOrder(state, m);
  const completedAt = e.completedAt ?? e.at;
  const deadline = agencyDeadline(m);
  // Rules v3 judge the arrival, never the claim; before, a backdated claim could make a late report on time.
  const judged = v3 ? e.at : completedAt;
  // Late once, late for good: a plan first submitted late stays late after a rejection and an on-time resubmission.
  m.late = m.late || (deadline !== null && judged > deadline);
  m.evidence = e.evidence;
  m.completedBy = e.completedBy;
  if (v3) m.reportedAt = e.at;
  (m.submissions ??= []).push({
    reportedAt: e.at,
    completedBy: e.completedBy,
    ...(e.actor && { actor: e.actor }),
    ...(e.evidence && { evidence: e.evidence }),
    ...(e.completedAt !== undefined && { claimedCompletedAt: e.completedAt }),
    late: m.late,
  });
  const by = e.actor && { actor: e.actor };
  if (m.rules.review) {
    m.state = 'submitted';
    m.submittedAt = v3 ? e.at : completedAt;
    if (v3) m.claimedCompletedAt = e.completedAt;
    m.reviewDueAt = e.at + m.rules.review.windowDays * DAY_MS;
    state.history.push({
      at: e.at,
      event: 'submitted',
      milestoneId: m.id,
      detail: m.late ? 'late; awaiting review' : 'awaiting review',
      ...by,
    });
    notices.push({
      key: noticeKey(state, m.id, 'review-requested', { at: e.at }),
      kind: 'review-requested',
      milestoneId: m.id,
      to: ['reviewer'],
      cc: ['complianceOfficer'],
      detail: `review due ${toIso(m.reviewDueAt)}`,
      deadline: m.reviewDueAt,
    });
    return;
  }
  complete(state, m, completedAt, e.at);
  state.history.push({
    at: e.at,
    event: 'completed',
    milestoneId: m.id,
    detail: `${m.late ? 'late' : 'on time'}${v3 && e.completedAt !== undefined ? `; done at ${toIso(e.completedAt)} by the officer's account` : ''}`,
    ...by,
  });
  notices.push({
    key: noticeKey(state, m.id, 'completed', { at: completedAt }),
    kind: 'completed',
    milestoneId: m.id,
    to: ['complianceOfficer'],
    cc: [],
    detail: m.late ? 'recorded as late' : 'recorded on time',
  });
}

function review(
  state: ObligationState,
  e: Extract<ObligationEvent, { type: 'review' }>,
  notices: NoticeIntent[],
): void {
  const m = findMilestone(state, e.milestoneId);
  if (m.state !== 'submitted')
    throw new Refusal(`${m.id} is not awaiting review (it is ${m.state}): only a submitted milestone can be reviewed`);
  m.reviewedBy = e.reviewer;
  m.reviewComment = e.comment;
  const round = m.submissions?.[m.submissions.length - 1];
  if (round && !round.review)
    round.review = {
      at: e.at,
      reviewer: e.reviewer,
      ...(e.actor && { actor: e.actor }),
      decision: e.decision,
      comment: e.comment,
    };
  const by = e.actor && { actor: e.actor };
  if (e.decision === 'approve') {
    complete(state, m, m.claimedCompletedAt ?? m.submittedAt ?? e.at, e.at);
    m.claimedCompletedAt = undefined;
    state.history.push({ at: e.at, event: 'approved', milestoneId: m.id, detail: e.comment, ...by });
    notices.push({
      key: noticeKey(state, m.id, 'approved', { at: e.at }),
      kind: 'approved',
      milestoneId: m.id,
      to: ['complianceOfficer'],
      cc: [],
      detail: e.comment,
    });
    return;
  }
  m.state = 'rejected';
  m.resubmitDueAt = e.at + (m.rules.review?.resubmissionDays ?? 0) * DAY_MS;
  m.reviewDueAt = undefined;
  state.history.push({ at: e.at, event: 'rejected', milestoneId: m.id, detail: e.comment, ...by });
  notices.push({
    key: noticeKey(state, m.id, 'rejected', { at: e.at }),
    kind: 'rejected',
    milestoneId: m.id,
    to: ['complianceOfficer'],
    cc: [],
    // The reviewer's words; the resubmission deadline travels as an instant, for the email to show in the zone.
    detail: e.comment,
    deadline: m.resubmitDueAt,
  });
}

function complete(state: ObligationState, m: MilestoneRecord, at: number, now: number): void {
  m.state = 'completed';
  m.completedAt = at;
  m.heldSince = undefined;
  closeSeries(state, m, now);
}

/**
 * Completing or waiving the milestone that closes a recurring series ends the reports still ahead. Rules v3: only
 * those whose deadline is after `now`; an occurrence whose deadline has passed stays on record as `missed`, with the
 * escalation level it reached. Before v3, every pending occurrence was dropped.
 */
function closeSeries(state: ObligationState, closing: MilestoneRecord, now: number): void {
  const v3 = rulesAtLeast(state, 3);
  state.milestones = state.milestones.filter((o) => {
    if (o.rules.closedBy !== closing.milestoneId || o.state !== 'pending') return true;
    if (!v3 || o.heldSince !== undefined || o.dueAt === null || o.dueAt > now) return false;
    o.state = 'missed';
    return true;
  });
}

function amend(state: ObligationState, at: number, a: ResolvedAmendment, notices: NoticeIntent[]): void {
  if (state.appliedAmendments.includes(a.amendmentId)) return;
  if (a.kind === 'rescind') {
    for (const m of state.milestones)
      if (isOpen(m)) {
        m.heldSince = undefined;
        // Rules v3: what was still open is recorded as rescinded, not left pending.
        if (rulesAtLeast(state, 3)) m.state = 'rescinded';
      }
    state.state = 'rescinded';
    record(state, at, a);
    notices.push({
      key: noticeKey(state, undefined, 'rescinded', { amendmentId: a.amendmentId }),
      kind: 'rescinded',
      to: ['complianceOfficer'],
      cc: ['cio'],
      detail: `${a.reason} (directed by ${a.directedBy})`,
    });
    return;
  }
  if (!a.milestoneId) throw new Refusal(`amendment ${a.amendmentId}: ${a.kind} needs a milestoneId`);
  const m = findMilestone(state, a.milestoneId);
  if (!isOpen(m)) throw new Refusal(`amendment ${a.amendmentId}: ${m.id} is ${m.state}, nothing to ${a.kind}`);
  const v3 = rulesAtLeast(state, 3);
  const before = new Map(state.milestones.map((o) => [o.id, `${agencyDeadline(o)}/${o.heldSince}`]));
  switch (a.kind) {
    case 'extend':
      if (a.newDueAt === undefined)
        throw new Refusal(`amendment ${a.amendmentId}: extend needs newDueAt or extendByDays`);
      reschedule(state, m, a.newDueAt, a.explanation, a);
      // Rules v3: a date the issuer sets during a hold already accounts for it; the resume leaves it where it is.
      if (v3 && m.heldSince !== undefined && a.fixedDate) m.heldDueFixed = true;
      break;
    case 'waive':
      m.state = 'waived';
      m.heldSince = undefined;
      if (rulesAtLeast(state, 2)) closeSeries(state, m, at);
      break;
    case 'hold':
      if (m.heldSince !== undefined && rulesAtLeast(state, 2))
        throw new Refusal(`amendment ${a.amendmentId}: ${m.id} is already on hold since ${toIso(m.heldSince)}`);
      m.heldSince = at;
      if (v3) m.heldDueFixed = undefined;
      break;
    case 'resume': {
      if (m.heldSince === undefined) throw new Refusal(`amendment ${a.amendmentId}: ${m.id} is not on hold`);
      const held = at - m.heldSince;
      m.heldSince = undefined;
      if (v3) {
        // Rules v3: the calculus moved the deadline in force by the whole calendar days held (resolveDeadline); without
        // a new date (set explicitly during the hold, or open-ended) it stays where it is. Never "now".
        m.heldDueFixed = undefined;
        if (a.newDueAt !== undefined) reschedule(state, m, a.newDueAt, a.explanation, a);
        break;
      }
      const current = currentDeadline(m);
      if (a.newDueAt !== undefined) reschedule(state, m, a.newDueAt, a.explanation);
      else if (current !== null && current !== undefined)
        reschedule(state, m, current + held, `moved by the ${Math.round(held / DAY_MS)} day(s) held`);
      break;
    }
  }
  record(state, at, a, m.id);
  if (v3) {
    // Rules v3: the same catch-up as at start for what the amendment changed: a deadline moved into the past sends the
    // escalation level already reached, once (L1 when only L1's time has come), never the later levels without it.
    const changed = state.milestones.filter((o) => before.get(o.id) !== `${agencyDeadline(o)}/${o.heldSince}`);
    catchUpEscalation(state, notices, new Set(changed.map((o) => o.id)));
  }
  notices.push({
    key: noticeKey(state, m.id, 'amended', { amendmentId: a.amendmentId }),
    kind: 'amended',
    milestoneId: m.id,
    to: ['complianceOfficer'],
    cc: [],
    detail: `${a.kind}: ${a.reason} (directed by ${a.directedBy})`,
  });
}

/**
 * Sets the deadline in force, the resubmission deadline after a rejection, the review deadline while under review,
 * else the due date, which also moves the milestones counted from it. (The calendar arithmetic that computed `to` is
 * the calculus's moveDeadline, run in an activity.)
 */
function reschedule(
  state: ObligationState,
  m: MilestoneRecord,
  to: number,
  explanation?: string,
  moved?: ResolvedAmendment,
): void {
  if (m.state === 'rejected') m.resubmitDueAt = to;
  else if (m.state === 'submitted') m.reviewDueAt = to;
  else {
    const shift = m.dueAt === null ? 0 : to - m.dueAt;
    m.dueAt = to;
    m.explanation = explanation ?? `moved to ${toIso(to)}`;
    if (rulesAtLeast(state, 3) && moved?.reminders) m.reminders = storedReminders(to, moved.reminders);
    // Rules v3: the calculus moved the milestones counted from this one by whole calendar days (resolveDeadline).
    if (rulesAtLeast(state, 3) && moved?.anchoredMoves) applyAnchoredMoves(state, moved);
    else if (shift !== 0) shiftAnchored(state, m.milestoneId, shift);
  }
}

/** Rules v3: the new deadlines of the pending milestones counted from a moved one, as the calculus computed them. */
function applyAnchoredMoves(state: ObligationState, moved: ResolvedAmendment): void {
  for (const move of moved.anchoredMoves ?? []) {
    const o = state.milestones.find((x) => x.id === move.id);
    if (!o || o.state !== 'pending' || o.dueAt === null) continue;
    o.dueAt = move.dueAt;
    o.explanation = `${o.explanation}; ${move.explanation}`;
    o.reminders = storedReminders(move.dueAt, move.reminders);
  }
}

/**
 * Milestones counted from a moved one move by the same elapsed time (status reports follow `remove`), and so on down
 * the chain. Only pending ones: a report already made stays where it was made.
 */
function shiftAnchored(state: ObligationState, milestoneId: string, shift: number): void {
  const moved = new Set<string>();
  for (const o of state.milestones) {
    if (o.rules.anchoredTo !== milestoneId || o.state !== 'pending' || o.dueAt === null) continue;
    o.dueAt += shift;
    o.explanation = `${o.explanation}; moved ${shift > 0 ? 'later' : 'earlier'} by ${Math.round(Math.abs(shift) / DAY_MS)} day(s) with ${milestoneId}`;
    moved.add(o.milestoneId);
  }
  for (const id of moved) if (id !== milestoneId) shiftAnchored(state, id, shift);
}

function record(state: ObligationState, at: number, a: ResolvedAmendment, milestoneId?: string): void {
  state.appliedAmendments.push(a.amendmentId);
  state.history.push({
    at,
    event: `amended:${a.kind}`,
    milestoneId,
    detail: `${a.amendmentId}: ${a.reason} (directed by ${a.directedBy})${a.explanation ? `; ${a.explanation}` : ''}`,
  });
}

function settle(state: ObligationState, now: number): void {
  if (state.state === 'active' && state.milestones.every((m) => !isOpen(m))) {
    state.state = 'completed';
    state.history.push({ at: now, event: 'obligation-completed' });
  }
}

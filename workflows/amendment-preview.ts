/**
 * What an amendment would do to one obligation, answered by the obligation itself (the `previewAmendment` query) by
 * running its own reducer on a copy of its state: `directive amend --dry-run` shows this, so the dry run and the real
 * amendment share one copy of the rules. Pure: no workflow API, unit-testable.
 */
import {
  Refusal,
  currentDeadline,
  findMilestone,
  openEndedByDays,
  reduce,
  rulesAtLeast,
  type MilestoneRecord,
  type ObligationState,
} from '../domain/obligation';
import { toIso } from '../domain/epoch';
import type { AmendmentKind } from '../domain/vocabulary';

export interface AmendmentPreviewInput {
  amendmentId: string;
  kind: AmendmentKind;
  milestoneId?: string;
  /**
   * For `extend`: the new deadline as an absolute instant (ISO-8601 with offset). Queries cannot run activities, so
   * the caller computes it with the domain's calendar arithmetic (moveDeadline, the function the resolveDeadline
   * activity runs); absent when the milestone has no deadline to move by days.
   */
  newDueAt?: string;
  /** How the caller computed `newDueAt`, e.g. "extended by 30 calendar days: …". */
  explanation?: string;
  reason: string;
  directedBy: string;
}

export interface MilestoneSnapshot {
  id: string;
  state: string;
  held: boolean;
  /** The deadline in force (see MilestoneView.currentDueAt). */
  currentDueAt: string | null;
}

export interface AmendmentPreview {
  agencyId: string;
  amendmentId: string;
  /** `applied`: the obligation would apply it; `unchanged`: it already did; `refused`: its reducer refuses, `reason`. */
  outcome: 'applied' | 'unchanged' | 'refused';
  reason?: string;
  before?: MilestoneSnapshot;
  after?: MilestoneSnapshot;
  /** What the obligation's history would record (the reducer's own entry). */
  effect?: string;
}

const snapshot = (m: MilestoneRecord): MilestoneSnapshot => ({
  id: m.id,
  state: m.state,
  held: m.heldSince !== undefined,
  currentDueAt: toIso(currentDeadline(m)),
});

export function previewAmendment(state: ObligationState, a: AmendmentPreviewInput, now: number): AmendmentPreview {
  const base = { agencyId: state.agencyId, amendmentId: a.amendmentId };
  if (state.appliedAmendments.includes(a.amendmentId))
    return { ...base, outcome: 'unchanged', reason: `amendment ${a.amendmentId} was already applied` };
  let before: MilestoneRecord | undefined;
  try {
    before = a.milestoneId === undefined ? undefined : findMilestone(state, a.milestoneId);
    // The workflow resolves a move by days from the current deadline before the reducer sees it (resolve()).
    if (before && a.kind === 'extend' && a.newDueAt === undefined && currentDeadline(before) === null)
      throw rulesAtLeast(state, 3) ? openEndedByDays(before) : new Refusal(`${before.id} has no deadline to move`);
    const result = reduce(state, {
      type: 'amend',
      at: now,
      amendment: {
        amendmentId: a.amendmentId,
        kind: a.kind,
        milestoneId: a.milestoneId,
        newDueAt: a.newDueAt === undefined ? undefined : Date.parse(a.newDueAt),
        explanation: a.explanation,
        reason: a.reason,
        directedBy: a.directedBy,
      },
    });
    const after = before && result.state.milestones.find((m) => m.id === before!.id);
    const entry = result.state.history
      .slice(state.history.length)
      .find((h) => h.event.startsWith('amended:') || h.event === 'amendment-refused');
    const preview: AmendmentPreview = { ...base, outcome: 'applied' };
    if (before) preview.before = snapshot(before);
    if (after) preview.after = snapshot(after);
    if (entry) preview.effect = `${entry.event}${entry.detail ? ` ${entry.detail}` : ''}`;
    return preview;
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const refused: AmendmentPreview = { ...base, outcome: 'refused', reason: err.message };
    if (before) refused.before = snapshot(before);
    return refused;
  }
}

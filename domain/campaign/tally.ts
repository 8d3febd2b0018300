/**
 * What each obligation did with one amendment of a by-reference campaign, while the `amendDirective` update waits for
 * their answers. It lives in the workflow's memory for the update's duration only (the campaign never continues as
 * new with an update running), so it is never part of a payload; the answer summarises it.
 */
import { MAX_ANSWER_ROWS } from './by-reference';
import type { AgencyAmendmentResult, AgencyOutcome, AmendDirectiveResult, ObligationAmendmentOutcome } from './state';

/** A refusal's reason as the answer quotes it: bounded, so 500 of them stay far below the payload limit. */
const MAX_DETAIL = 300;

const NO_ANSWER = 'delivered, but the obligation did not confirm in time: see its history';

type Entry = { outcome: AgencyOutcome | 'awaiting'; detail?: string };

export class OutcomeTally {
  private readonly byAgency = new Map<string, Entry>();
  private awaiting = 0;
  private answers = 0;

  constructor(
    readonly amendmentId: string,
    readonly kind: string,
    /** The id the obligations see (an uphold resumes as `<amendmentId>/resume`). */
    readonly signalledAs: string,
    readonly detail?: string,
  ) {}

  /** The `amend` signal reached the obligation (it now owes an answer) or did not (it has ended). */
  delivered(agencyId: string, ok: boolean, detail?: string): void {
    if (this.byAgency.has(agencyId)) return; // its answer came first
    if (!ok) {
      this.byAgency.set(agencyId, { outcome: 'not-delivered', detail });
      return;
    }
    this.byAgency.set(agencyId, { outcome: 'awaiting' });
    this.awaiting++;
  }

  /** The obligation's `amendmentOutcome` signal. */
  answer(agencyId: string, outcome: ObligationAmendmentOutcome, reason?: string): void {
    const current = this.byAgency.get(agencyId);
    if (current && current.outcome !== 'awaiting') return;
    if (current) this.awaiting--;
    this.answers++;
    this.byAgency.set(agencyId, { outcome, detail: reason });
  }

  /** How many obligations have answered so far: the update waits while this grows. */
  answered(): number {
    return this.answers;
  }

  /** Obligations that got the amendment and have not said what they did with it. */
  waiting(): number {
    return this.awaiting;
  }

  /**
   * The update's answer: counts by outcome for every agency, and the agencies by name, those that did not apply it
   * first, at most MAX_ANSWER_ROWS (`omitted` says how many more). Agencies that did not answer are `no-answer`.
   */
  result(): AmendDirectiveResult {
    const summary = emptyOutcomes();
    for (const [agencyId, entry] of this.byAgency)
      addOutcome(
        summary,
        entry.outcome === 'awaiting'
          ? { agencyId, outcome: 'no-answer', detail: NO_ANSWER }
          : { agencyId, outcome: entry.outcome, detail: entry.detail },
      );
    return outcomesResult(this.amendmentId, this.kind, summary, this.detail);
  }
}

/**
 * What obligations did with one amendment, summarised so it stays small at any number of agencies: counts by outcome,
 * and at most MAX_ANSWER_ROWS named agencies of each kind (those that did not apply it, and those that did). The
 * campaign's activities return one per page of agencies; the campaign merges them into its answer.
 */
export interface OutcomeSummary {
  outcomes: Partial<Record<AgencyOutcome, number>>;
  exceptions: AgencyAmendmentResult[];
  done: AgencyAmendmentResult[];
}

export function emptyOutcomes(): OutcomeSummary {
  return { outcomes: {}, exceptions: [], done: [] };
}

/** Counts one agency's outcome into `summary` (in place), keeping its name while there is room. */
export function addOutcome(
  summary: OutcomeSummary,
  row: { agencyId: string; outcome: AgencyOutcome; detail?: string },
): void {
  summary.outcomes[row.outcome] = (summary.outcomes[row.outcome] ?? 0) + 1;
  const named: AgencyAmendmentResult = { agencyId: row.agencyId, outcome: row.outcome };
  if (row.detail !== undefined) named.detail = row.detail.slice(0, MAX_DETAIL);
  const list = row.outcome === 'applied' || row.outcome === 'unchanged' ? summary.done : summary.exceptions;
  if (list.length < MAX_ANSWER_ROWS) list.push(named);
}

/** Adds a page's summary to `into` (in place). */
export function mergeOutcomes(into: OutcomeSummary, page: OutcomeSummary): void {
  for (const [outcome, count] of Object.entries(page.outcomes) as [AgencyOutcome, number][])
    into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + count;
  into.exceptions.push(...page.exceptions.slice(0, MAX_ANSWER_ROWS - into.exceptions.length));
  into.done.push(...page.done.slice(0, MAX_ANSWER_ROWS - into.done.length));
}

/** The `amendDirective` answer from a summary: exceptions named first, at most MAX_ANSWER_ROWS in all. */
export function outcomesResult(
  amendmentId: string,
  kind: string,
  summary: OutcomeSummary,
  detail?: string,
): AmendDirectiveResult {
  const agencies = [...summary.exceptions, ...summary.done].slice(0, MAX_ANSWER_ROWS);
  const total = Object.values(summary.outcomes).reduce((sum, n) => sum + (n ?? 0), 0);
  const result: AmendDirectiveResult = {
    amendmentId,
    kind,
    agencies,
    outcomes: { ...summary.outcomes },
    omitted: total - agencies.length,
  };
  if (detail !== undefined) result.detail = detail;
  return result;
}

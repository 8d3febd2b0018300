/**
 * What each obligation did with one amendment of a by-reference campaign, while the `amendDirective` update waits for
 * their answers. It lives in the workflow's memory for the update's duration only (the campaign never continues as
 * new with an update running), so it is never part of a payload; the answer summarises it.
 */
import { MAX_ANSWER_ROWS } from './by-reference';
import type { AgencyAmendmentResult, AgencyOutcome, AmendDirectiveResult, ObligationAmendmentOutcome } from './state';

/** A refusal's reason as the answer quotes it: bounded, so 500 of them stay far below the payload limit. */
const MAX_DETAIL = 300;

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
    const outcomes: Partial<Record<AgencyOutcome, number>> = {};
    const exceptions: AgencyAmendmentResult[] = [];
    const done: AgencyAmendmentResult[] = [];
    for (const [agencyId, entry] of this.byAgency) {
      const row: AgencyAmendmentResult =
        entry.outcome === 'awaiting'
          ? {
              agencyId,
              outcome: 'no-answer',
              detail: 'delivered, but the obligation did not confirm in time: see its history',
            }
          : { agencyId, outcome: entry.outcome };
      if (entry.outcome !== 'awaiting' && entry.detail !== undefined) row.detail = entry.detail.slice(0, MAX_DETAIL);
      outcomes[row.outcome as AgencyOutcome] = (outcomes[row.outcome as AgencyOutcome] ?? 0) + 1;
      const fine = row.outcome === 'applied' || row.outcome === 'unchanged';
      if (fine) {
        if (done.length < MAX_ANSWER_ROWS) done.push(row);
      } else if (exceptions.length < MAX_ANSWER_ROWS) exceptions.push(row);
    }
    const agencies = [...exceptions, ...done].slice(0, MAX_ANSWER_ROWS);
    const result: AmendDirectiveResult = {
      amendmentId: this.amendmentId,
      kind: this.kind,
      agencies,
      outcomes,
      omitted: this.byAgency.size - agencies.length,
    };
    if (this.detail !== undefined) result.detail = this.detail;
    return result;
  }
}

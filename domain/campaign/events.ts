import type { CampaignAgencyRow, CampaignAmendment, ObligationAmendment, ObligationAmendmentOutcome } from './state';

/** Messages, the fan-out's results and the clock, as the campaign's reducer sees them: instants are epoch ms. */
export type CampaignEvent =
  /** An agency's obligation exists: this campaign started it, or found it already running (a restart). */
  | { type: 'started'; agencyId: string }
  /** An obligation's row: its `obligationProgress` signal, or its result when it ended during this run. */
  | { type: 'progress'; row: CampaignAgencyRow }
  /** The `amendDirective` update, parsed. */
  | { type: 'amend'; at: number; amendment: CampaignAmendment }
  /** The vendor-response window closed with no decision: hold the gated milestone for every agency. */
  | { type: 'hold-gate'; at: number }
  /** Whether the `amend` signal reached an agency's obligation (it does not when the obligation has ended). */
  | { type: 'delivery'; amendmentId: string; agencyId: string; delivered: boolean; detail?: string }
  /** An obligation's `amendmentOutcome` signal: what its reducer did with the amendment. */
  | {
      type: 'outcome';
      amendmentId: string;
      agencyId: string;
      outcome: ObligationAmendmentOutcome;
      reason?: string;
    }
  /** The update handler stops waiting: the amendment's result is given, agencies that did not answer as such. */
  | { type: 'answered'; amendmentId: string };

/** `amend` signals the workflow must send: the same amendment to each of `agencies`. */
export interface SignalIntent {
  amendmentId: string;
  agencies: string[];
  amendment: ObligationAmendment;
}

/** A campaign event the engine refuses, with the reason the caller sees (the update's validator rejects with it). */
export class CampaignRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignRefusal';
  }
}

/** The `amendDirective` payload at the campaign's boundary, shared by the inline and the by-reference campaign. */
import { ApplicationFailure } from '@temporalio/workflow';
import { CampaignRefusal, type CampaignAmendment, type CampaignEvent } from '../domain/campaign';
import { describeIssues } from '../domain/zod-issues';
import type { AmendDirectiveInput } from './campaign-messages';
import { campaignSchemas } from './schemas';

/** Parses an `amendDirective` payload (the branch for its kind, so the message names the wrong field). */
export function amendEvent(raw: AmendDirectiveInput): Extract<CampaignEvent, { type: 'amend' }> {
  const { options } = campaignSchemas().AmendDirectiveInput;
  const schema = (raw as { kind?: unknown } | null)?.kind === 'decide' ? options[1] : options[0];
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw ApplicationFailure.nonRetryable(
      describeIssues(parsed.error.issues, 'payload').join('; '),
      'InvalidAmendment',
    );
  return { type: 'amend', at: Date.now(), amendment: parsed.data };
}

/** An accepted payload as the validator's parse returned it: the required texts trimmed, nothing else changed. */
export function normalised(raw: AmendDirectiveInput): CampaignAmendment {
  const a: Record<string, unknown> = { ...raw };
  for (const key of ['amendmentId', 'milestoneId', 'reason', 'directedBy'])
    if (typeof a[key] === 'string') a[key] = a[key].trim();
  return a as unknown as CampaignAmendment;
}

/** A refusal reaches the caller as a non-retryable failure of type `Refused` carrying the reducer's reason. */
export function refusing<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CampaignRefusal) throw ApplicationFailure.nonRetryable(err.message, 'Refused');
    throw err;
  }
}

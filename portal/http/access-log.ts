/**
 * One log line per action: who (the identity provider's subject, never an email or a name), what, which obligation,
 * and the outcome. Pages call it for what they do; the shell calls it for sign-in, sign-out and refusals.
 */
import type { FastifyRequest } from 'fastify';

export type AccessOutcome =
  /** Done as asked. */
  | 'ok'
  /** Refused by a rule (the engine's validator, a form's CSRF token, the size limit). */
  | 'refused'
  /** Not theirs to see or do (no roster entry, another agency). */
  | 'denied'
  | 'not-found'
  /** Failed for a reason of ours (an error). */
  | 'failed';

export interface AccessEntry {
  /** e.g. `sign-in`, `view-obligation`, `report-milestone`, `review-milestone`, `download-evidence`. */
  action: string;
  /** The obligation's workflow id, e.g. `BOD-17-01/DOJ` (ids only: no personal data). */
  obligation?: string;
  outcome: AccessOutcome;
  /** The subject when the request carries none yet (the sign-in callback). */
  subject?: string;
}

export function accessLog(request: FastifyRequest, entry: AccessEntry): void {
  const who = entry.subject ?? request.identity?.subject ?? 'anonymous';
  request.log.info(
    { access: { who, action: entry.action, obligation: entry.obligation, outcome: entry.outcome } },
    'access',
  );
}

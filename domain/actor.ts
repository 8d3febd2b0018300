/**
 * Who did it, as the engine records it: the channel a report or review came through and the person behind it. The
 * portal fills it from the signed-in session (the identity provider's issuer and subject, the verified email and
 * name); the `directive` CLI records itself as the CLI channel with the `--by` address. Nothing a user types in a
 * form sets it. Plain zod: the workflow bundle imports it.
 */
import { z } from 'zod';
import { boundedEmail, httpsProblem, requiredName, textProblem } from './limits';
import { CHANNELS } from './vocabulary';

const issuerUrl = z.string({ error: 'actor.issuer must be a URL' }).superRefine((v, ctx) => {
  // The development identity provider runs on loopback over http; anything else must be https.
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(v);
  const problem = loopback ? textProblem(v, 'uri') : httpsProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const Actor = z.strictObject({
  channel: z.enum(CHANNELS, { error: `actor.channel must be one of ${CHANNELS.join(', ')}` }),
  email: boundedEmail('actor.email must be an email address'),
  name: requiredName('actor.name').optional(),
  /** The identity provider that vouched for the email, and the person's stable id there (portal only). */
  issuer: issuerUrl.optional(),
  subject: requiredName('actor.subject').optional(),
});
export type Actor = z.infer<typeof Actor>;

/** A one-line account of the actor for the history: "officer@doj.gov via portal". */
export function describeActor(actor: Actor | undefined, fallbackEmail: string): string {
  return actor === undefined ? `${fallbackEmail} (channel not stated)` : `${actor.email} via ${actor.channel}`;
}

/**
 * How an SMTP server's refusals are read. Only a permanent refusal of the recipients or of the message ends a notice
 * (retrying cannot change the answer); anything else, including a refused sender or failed login, is treated as
 * transient: it is a configuration or server problem an operator can fix while Temporal keeps retrying.
 */

/** A recipient the server would not take, with the server's reply. */
export type RecipientRefusal = { address: string; reason: string };

/** The fields nodemailer sets on its SMTP errors (see nodemailer's NodemailerError). */
type SmtpError = {
  command?: string;
  response?: string;
  responseCode?: number;
  recipient?: string;
  rejected?: string[];
  rejectedErrors?: SmtpError[];
};

/** 5xx is final, except 503 (bad sequence of commands), which says more about the session than about the message. */
export function isPermanentReply(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

function asSmtpError(err: unknown): SmtpError {
  return typeof err === 'object' && err !== null ? err : {};
}

/** Pairs each refused address with the server's reply about it (nodemailer lists both, in order). */
export function refusalsOf(
  rejected: string[] | undefined,
  rejectedErrors: unknown[] | undefined,
  fallback = '',
): RecipientRefusal[] {
  const errors = (rejectedErrors ?? []).map(asSmtpError);
  return (rejected ?? []).map((address) => {
    const match = errors.find((e) => e.recipient === address);
    return { address, reason: match?.response ?? fallback };
  });
}

/**
 * The recipients a failed send refused for good, or `undefined` when the failure may pass and the send is to be
 * retried. nodemailer fails the whole send only when no recipient was accepted, and then reports a 4xx if any
 * recipient was merely deferred, so a permanent code here means every refusal was final.
 */
export function permanentRefusals(err: unknown, recipients: string[]): RecipientRefusal[] | undefined {
  const e = asSmtpError(err);
  if (!isPermanentReply(e.responseCode)) return undefined;
  if (e.command === 'RCPT TO') return refusalsOf(e.rejected ?? recipients, e.rejectedErrors, e.response);
  // The message itself was refused (DATA or its final dot), e.g. 554 content rejected: the same for everyone.
  if (e.command === 'DATA') return recipients.map((address) => ({ address, reason: e.response ?? '' }));
  return undefined;
}

const EMAIL_LIKE = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** A failure's text without email addresses: servers echo them in replies, and failures end up in logs. */
export function describeWithoutAddresses(err: unknown): string {
  const e = asSmtpError(err);
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const parts = [code, e.command ? `during ${e.command}` : undefined, message.replace(EMAIL_LIKE, '<address>')];
  return parts.filter(Boolean).join(' ');
}

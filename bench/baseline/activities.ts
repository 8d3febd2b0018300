/**
 * The baseline's one activity: one email, as a user would send it with nodemailer, to an outbox folder (one `.eml`
 * file, written as durably as the engine writes its own: temp file, fsync, rename) or to an SMTP server. No sent-ledger,
 * no rendering beyond a line of text.
 */
import path from 'node:path';
import nodemailer from 'nodemailer';
import { writeFileAtomic } from '../../activities/mail/atomic-file';

export interface BaselineMail {
  /** Where `.eml` files go when there is no SMTP server. */
  outboxDir: string;
  smtpUrl?: string;
}

/** The Message-ID domain that tells a baseline email from the engine's on a shared SMTP server. */
export const BASELINE_MESSAGE_DOMAIN = 'baseline.bench';

export function createBaselineActivities(mail: BaselineMail) {
  const transport = mail.smtpUrl
    ? nodemailer.createTransport({ url: mail.smtpUrl })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async sendNotice(key: string): Promise<void> {
      const info = await transport.sendMail({
        from: 'directives@example.gov',
        to: 'officer@agency.example.gov',
        subject: `Notice ${key}`,
        text: `Notice ${key} is due.`,
        messageId: `<${encodeURIComponent(key)}@${BASELINE_MESSAGE_DOMAIN}>`,
      });
      if (mail.smtpUrl) return;
      const message = info.message as unknown;
      if (!Buffer.isBuffer(message)) throw new Error('nodemailer stream transport returned no buffer');
      await writeFileAtomic(path.join(mail.outboxDir, `${encodeURIComponent(key)}.eml`), message);
    },
  };
}

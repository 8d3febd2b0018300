import * as path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { writeFileAtomic } from './atomic-file';
import type { SentLedger } from './ledger';
import { createDirectoryLedger } from './ledger-directory';
import { fileStemFor, messageIdFor } from './notice-key';
import { permanentRefusals, refusalsOf, type RecipientRefusal } from './refusal';

export type MailerConfig = {
  /** e.g. `smtp://user:pass@mail.example.gov:587`; when unset, mail goes to `outboxDir` instead. */
  smtpUrl?: string;
  /** One `.eml` file per notice when there is no SMTP server. */
  outboxDir: string;
  /** The From address of every notice. */
  from: string;
  /** Where the sent-ledger keeps one JSON file per notice key. */
  ledgerDir: string;
  /** Another sent-ledger (PostgreSQL) instead of `ledgerDir`; whoever opened it closes it. */
  ledger?: SentLedger;
};

/** A rendered notice, ready to go out. */
export type OutgoingMail = { key: string; to: string[]; cc: string[]; subject: string; text: string };

/** What happened to a mail: `accepted` empty means every recipient was refused for good. */
export type Delivery = { messageId: string; accepted: string[]; refused: RecipientRefusal[] };

export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  readonly ledger: SentLedger;
  /** Resolves with the recipients' fate; rejects only when trying again later may succeed. */
  deliver(mail: OutgoingMail): Promise<Delivery>;
  close(): void;
}

function messageFor(from: string, mail: OutgoingMail): Mail.Options {
  return {
    from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    messageId: messageIdFor(mail.key),
    headers: {
      // RFC 3834: tells out-of-office responders not to answer a robot.
      'Auto-Submitted': 'auto-generated',
      'X-Directive-Notice': mail.key,
    },
  };
}

function createSmtpMailer(smtpUrl: string, from: string, ledger: SentLedger): Mailer {
  // Bounded waits, so a hung server turns into a retryable failure well within an activity's timeout; query
  // parameters of the URL still override them.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    transport: 'smtp',
    ledger,
    async deliver(mail) {
      const messageId = messageIdFor(mail.key);
      try {
        const info = await transporter.sendMail(messageFor(from, mail));
        const rejectedErrors: unknown[] | undefined = info.rejectedErrors;
        return { messageId, accepted: info.accepted, refused: refusalsOf(info.rejected, rejectedErrors) };
      } catch (err) {
        const refused = permanentRefusals(err, [...mail.to, ...mail.cc]);
        if (refused) return { messageId, accepted: [], refused };
        throw err;
      }
    },
    close: () => transporter.close(),
  };
}

function createOutboxMailer(outboxDir: string, from: string, ledger: SentLedger): Mailer {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    transport: 'outbox',
    ledger,
    async deliver(mail) {
      const info = await transporter.sendMail(messageFor(from, mail));
      if (!Buffer.isBuffer(info.message)) throw new Error('nodemailer stream transport returned no buffer');
      // Named after the key: a retry after a crash overwrites the same file instead of adding a second one.
      await writeFileAtomic(path.join(outboxDir, `${fileStemFor(mail.key)}.eml`), info.message);
      return { messageId: messageIdFor(mail.key), accepted: [...mail.to, ...mail.cc], refused: [] };
    },
    close: () => transporter.close(),
  };
}

/** SMTP when `smtpUrl` is set, otherwise the outbox folder; either way with the sent-ledger (`ledgerDir` by default). */
export function createMailer(config: MailerConfig): Mailer {
  const ledger = config.ledger ?? createDirectoryLedger(config.ledgerDir);
  return config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.from, ledger)
    : createOutboxMailer(config.outboxDir, config.from, ledger);
}

import * as fs from 'node:fs';
import { ApplicationFailure, type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities, type NoticeInput, type NoticeResult } from '../../../activities';
import { createMailer, type Mailer } from '../../../activities/mail/mailer';
import { messageIdFor } from '../../../activities/mail/notice-key';
import { REPORT_COMMAND, reminderNotice, tempDir } from '../../fixtures/notices';
import { startSmtpSink, unusedPort, type SmtpSink } from '../harness/smtp-sink';

let sink: SmtpSink;
const mailers: Mailer[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterEach(() => sink.reset());
afterAll(async () => {
  mailers.forEach((m) => m.close());
  await sink.close();
});

function smtpMailer(smtpUrl = sink.url): Mailer {
  const mailer = createMailer({
    smtpUrl,
    outboxDir: tempDir('outbox'),
    ledgerDir: tempDir('ledger'),
    from: 'directives@cisa.example.gov',
  });
  mailers.push(mailer);
  return mailer;
}

/** Collects what the activity logs, to check that no personal data gets there. */
function recordingLogger(): Logger & { entries: { level: LogLevel; message: string; meta?: LogMetadata }[] } {
  const entries: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => void entries.push({ level, message, meta });
  return {
    entries,
    log: (level, message, meta) => void entries.push({ level, message, meta }),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}

describe('sendNotice over SMTP', () => {
  test('a reminder reaches its recipients with subject, Message-ID, the due date in the zone and the report command', async () => {
    const { sendNotice } = createActivities({ mailer: smtpMailer() });
    const notice = reminderNotice();

    const result = await sendNotice(notice);

    expect(result).toEqual({ outcome: 'sent', messageId: messageIdFor(notice.key), rejected: [] });
    expect(sink.received).toHaveLength(1);
    const [{ rcptTo, mail }] = sink.received as [(typeof sink.received)[0]];
    expect(rcptTo).toEqual(['ciso@doj.example.gov', 'cio@doj.example.gov']);
    expect(mail.to).toMatchObject({ value: [{ address: 'ciso@doj.example.gov' }] });
    expect(mail.cc).toMatchObject({ value: [{ address: 'cio@doj.example.gov' }] });
    expect(mail.from?.value[0]?.address).toBe('directives@cisa.example.gov');
    expect(mail.subject).toBe('[BOD-17-01] Reminder: identify due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(mail.messageId).toBe('<BOD-17-01/DOJ/identify/reminder/2017-10-14T03=3A59=3A59.000Z/P7D@directive-engine>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('Due:        Fri 2017-10-13 23:59 EDT');
    expect(mail.text).toContain('Issued Wed 2017-09-13; due 30 days later');
    expect(mail.text).toContain('Submit the list of second-level domains');
    expect(mail.text).toContain(REPORT_COMMAND);
  });

  test('the same key sent twice is delivered once; the second call answers already-sent', async () => {
    const { sendNotice } = createActivities({ mailer: smtpMailer() });

    const first = await sendNotice(reminderNotice());
    const second = await sendNotice(reminderNotice());

    expect(first.outcome).toBe('sent');
    expect(second).toEqual({ outcome: 'already-sent', messageId: first.messageId, rejected: [] });
    expect(sink.received).toHaveLength(1);
  });

  test('concurrent calls for one key deliver one message', async () => {
    const { sendNotice } = createActivities({ mailer: smtpMailer() });

    const outcomes = await Promise.all([1, 2, 3].map(() => sendNotice(reminderNotice())));

    expect(outcomes.map((r) => r.outcome).sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    expect(sink.received).toHaveLength(1);
  });

  test('a failure after the server accepted the message, then a Temporal retry: exactly one message', async () => {
    let crashes = 1;
    const { sendNotice } = createActivities({
      mailer: smtpMailer(),
      afterSend: async () => {
        if (crashes-- > 0) throw new Error('worker lost before reporting completion');
      },
    });
    const logger = recordingLogger();
    const env = new MockActivityEnvironment({ attempt: 1 }, { logger });

    await expect(env.run(sendNotice, reminderNotice())).rejects.toThrow('worker lost before reporting completion');
    const retry = await new MockActivityEnvironment({ attempt: 2 }, { logger }).run<
      [NoticeInput],
      NoticeResult,
      typeof sendNotice
    >(sendNotice, reminderNotice());

    expect(retry.outcome).toBe('already-sent');
    expect(sink.received).toHaveLength(1);
    // The activity context's logger is used, with the key and kind only: no addresses, no names.
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('BOD-17-01/DOJ/identify/reminder');
    expect(logged).not.toMatch(/doj\.example\.gov|Department of Justice|cisa\.example\.gov/);
  });

  test('a recipient refused with 550 ends the notice as rejected, recorded and never retried', async () => {
    const mailer = smtpMailer();
    const { sendNotice } = createActivities({ mailer });
    sink.refuse('gone@doj.example.gov', 550, 'No such user here');
    const notice = reminderNotice({ to: ['gone@doj.example.gov'], cc: [] });

    const result = await sendNotice(notice);

    expect(result.outcome).toBe('rejected');
    expect(result.rejected).toEqual(['gone@doj.example.gov']);
    expect(result.detail).toContain('550 No such user here');
    expect(sink.received).toHaveLength(0);
    await expect(mailer.ledger.get(notice.key)).resolves.toMatchObject({ outcome: 'rejected' });
    await expect(sendNotice(notice)).resolves.toMatchObject({
      outcome: 'already-sent',
      rejected: ['gone@doj.example.gov'],
    });
  });

  test('one refused recipient among others: sent to the rest, the refusal reported', async () => {
    const { sendNotice } = createActivities({ mailer: smtpMailer() });
    sink.refuse('gone@doj.example.gov', 550, 'No such user here');

    const result = await sendNotice(reminderNotice({ cc: ['gone@doj.example.gov'] }));

    expect(result).toMatchObject({ outcome: 'sent', rejected: ['gone@doj.example.gov'] });
    expect(result.detail).toContain('550 No such user here');
    expect(sink.received.map((r) => r.rcptTo)).toEqual([['ciso@doj.example.gov']]);
  });

  test('a recipient deferred with 450 throws a retryable failure and records nothing', async () => {
    const mailer = smtpMailer();
    const { sendNotice } = createActivities({ mailer });
    sink.refuse('ciso@doj.example.gov', 450, 'Mailbox busy, try later');
    const notice = reminderNotice({ cc: [] });

    const failure = await sendNotice(notice).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: false, type: 'TransientMailFailure' });
    expect((failure as Error).message).toContain('450');
    expect((failure as Error).message).not.toContain('ciso@doj.example.gov');
    await expect(mailer.ledger.has(notice.key)).resolves.toBe(false);

    sink.reset();
    await expect(sendNotice(notice)).resolves.toMatchObject({ outcome: 'sent' });
    expect(sink.received).toHaveLength(1);
  });

  test('SMTP server down: a retryable failure, nothing recorded', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${await unusedPort()}`);
    const { sendNotice } = createActivities({ mailer });

    const failure = await sendNotice(reminderNotice()).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: false, type: 'TransientMailFailure' });
    expect((failure as Error).message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    await expect(mailer.ledger.has(reminderNotice().key)).resolves.toBe(false);
  });

  test('an invalid notice fails for good, naming the field, without touching the server or the ledger', async () => {
    const mailer = smtpMailer();
    const { sendNotice } = createActivities({ mailer });

    const failure = await sendNotice(reminderNotice({ to: ['ciso@doj.example.gov', 'not-an-email'] })).catch(
      (err: unknown) => err,
    );

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: 'InvalidNotice' });
    expect((failure as Error).message).toMatch(/^Invalid notice: to\.1: /);
    expect((failure as Error).message).not.toContain('not-an-email');
    expect(sink.received).toHaveLength(0);
  });

  test('an unknown time zone is refused as invalid too', async () => {
    const { sendNotice } = createActivities({ mailer: smtpMailer() });
    const notice = reminderNotice();

    await expect(
      sendNotice({ ...notice, directive: { ...notice.directive, timeZone: 'America/Gotham' } }),
    ).rejects.toMatchObject({ nonRetryable: true, message: expect.stringContaining('directive.timeZone') });
  });

  test('the ledger outlives the worker: a new mailer over the same folder does not resend', async () => {
    const ledgerDir = tempDir('ledger');
    const config = { smtpUrl: sink.url, outboxDir: tempDir('outbox'), ledgerDir, from: 'directives@cisa.example.gov' };
    const before = createMailer(config);
    const after = createMailer(config);
    mailers.push(before, after);

    await createActivities({ mailer: before }).sendNotice(reminderNotice());
    const again = await createActivities({ mailer: after }).sendNotice(reminderNotice());

    expect(again.outcome).toBe('already-sent');
    expect(sink.received).toHaveLength(1);
    expect(fs.readdirSync(ledgerDir)).toHaveLength(1);
  });
});

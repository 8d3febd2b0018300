import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { createActivities } from '../../../activities';
import { createMailer } from '../../../activities/mail/mailer';
import { fileStemFor, messageIdFor } from '../../../activities/mail/notice-key';
import { REPORT_COMMAND, reminderNotice, tempDir } from '../../fixtures/notices';

function outboxSetup() {
  const outboxDir = tempDir('outbox');
  const mailer = createMailer({ outboxDir, ledgerDir: tempDir('ledger'), from: 'directives@cisa.example.gov' });
  return { outboxDir, mailer, activities: createActivities({ mailer }) };
}

const emlFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.eml'));

describe('sendNotice without SMTP (outbox folder)', () => {
  test('each notice becomes one .eml file, named after its key and readable by mailparser', async () => {
    const { outboxDir, mailer, activities } = outboxSetup();
    const notice = reminderNotice();

    const result = await activities.sendNotice(notice);

    expect(result).toEqual({ outcome: 'sent', messageId: messageIdFor(notice.key), rejected: [] });
    expect(emlFiles(outboxDir)).toEqual([`${fileStemFor(notice.key)}.eml`]);
    const mail = await simpleParser(fs.readFileSync(path.join(outboxDir, `${fileStemFor(notice.key)}.eml`)));
    expect(mail.subject).toBe('[BOD-17-01] Reminder: identify due Fri 2017-10-13 23:59 EDT (DOJ)');
    expect(mail.messageId).toBe(messageIdFor(notice.key));
    expect(mail.to).toMatchObject({ value: [{ address: 'ciso@doj.example.gov' }] });
    expect(mail.text).toContain(REPORT_COMMAND);
    expect(mailer.transport).toBe('outbox');
    mailer.close();
  });

  test('a second send of the same key writes no second file; another key writes its own', async () => {
    const { outboxDir, mailer, activities } = outboxSetup();

    await activities.sendNotice(reminderNotice());
    const again = await activities.sendNotice(reminderNotice());
    await activities.sendNotice(
      reminderNotice({ key: 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P1D' }),
    );

    expect(again.outcome).toBe('already-sent');
    expect(emlFiles(outboxDir)).toHaveLength(2);
    // Atomic writes leave no temp files behind.
    expect(fs.readdirSync(outboxDir)).toHaveLength(2);
    mailer.close();
  });

  test('a failure after the file was written: the retry sends nothing more', async () => {
    const outboxDir = tempDir('outbox');
    const mailer = createMailer({ outboxDir, ledgerDir: tempDir('ledger'), from: 'directives@cisa.example.gov' });
    let crashes = 1;
    const { sendNotice } = createActivities({
      mailer,
      afterSend: async () => {
        if (crashes-- > 0) throw new Error('crash');
      },
    });

    await expect(sendNotice(reminderNotice())).rejects.toThrow('crash');
    await expect(sendNotice(reminderNotice())).resolves.toMatchObject({ outcome: 'already-sent' });
    expect(emlFiles(outboxDir)).toHaveLength(1);
    mailer.close();
  });
});

test("each email links to the obligation's page in the portal, with no token in the link", async () => {
  const outboxDir = tempDir('outbox');
  const mailer = createMailer({ outboxDir, ledgerDir: tempDir('ledger'), from: 'directives@cisa.example.gov' });
  const { sendNotice } = createActivities({ mailer, portalUrl: 'https://portal.example.gov/' });

  const notice = reminderNotice();
  await sendNotice(notice);

  const mail = await simpleParser(fs.readFileSync(path.join(outboxDir, `${fileStemFor(notice.key)}.eml`)));
  expect(mail.text).toContain(
    'Open it in the portal (sign in required):\n  https://portal.example.gov/obligations/BOD-17-01/DOJ\n',
  );
  mailer.close();
});

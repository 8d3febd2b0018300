/** sendNotice over a directory ledger shared with another worker: the claim decides who sends (outbox mode). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, NoticeInProgressFailure } from '../../../activities';
import { createDirectoryLedger } from '../../../activities/mail/ledger-directory';
import { createMailer } from '../../../activities/mail/mailer';
import { fileStemFor, messageIdFor } from '../../../activities/mail/notice-key';
import { reminderNotice, tempDir } from '../../fixtures/notices';

const notice = reminderNotice();

function twoWorkers() {
  const ledgerDir = tempDir('ledger');
  const outboxDir = tempDir('outbox');
  let offsetMs = 0;
  const worker = (claimant: string) => {
    const ledger = createDirectoryLedger(ledgerDir, { claimant, now: () => Date.now() + offsetMs });
    const mailer = createMailer({ outboxDir, ledgerDir, ledger, from: 'directives@cisa.example.gov' });
    return { ledger, mailer, activities: createActivities({ mailer }) };
  };
  return {
    ledgerDir,
    outboxDir,
    a: worker('worker-a'),
    b: worker('worker-b'),
    /** Moves both workers' clock on: claims made before look that much older. */
    later: (seconds: number) => (offsetMs += seconds * 1000),
    emails: () => fs.readdirSync(outboxDir).filter((name) => name.endsWith('.eml')),
  };
}

describe('sendNotice with a sent-ledger shared by two workers', () => {
  test('while another worker holds the claim, the notice is not sent and the attempt fails retryably', async () => {
    const w = twoWorkers();
    const held = await w.a.ledger.claim(notice.key);
    expect(held.status).toBe('won');

    const attempt = w.b.activities.sendNotice(notice);

    await expect(attempt).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(attempt).rejects.toMatchObject({
      type: NoticeInProgressFailure,
      nonRetryable: false,
      message: expect.stringContaining('is being sent by worker-a') as unknown,
    });
    expect(w.emails()).toEqual([]);
  });

  test('once the other worker completed it, the retry answers already-sent', async () => {
    const w = twoWorkers();
    await expect(w.a.activities.sendNotice(notice)).resolves.toMatchObject({ outcome: 'sent' });

    await expect(w.b.activities.sendNotice(notice)).resolves.toMatchObject({
      outcome: 'already-sent',
      messageId: messageIdFor(notice.key),
    });
    expect(w.emails()).toEqual([`${fileStemFor(notice.key)}.eml`]);
  });

  test('the same notice sent through both workers at once goes out once; the loser retries into already-sent', async () => {
    const w = twoWorkers();

    const first = await Promise.allSettled([w.a.activities.sendNotice(notice), w.b.activities.sendNotice(notice)]);
    const retried = await Promise.all(
      first.map((r, i) =>
        r.status === 'fulfilled' ? Promise.resolve(r.value) : [w.a, w.b][i]!.activities.sendNotice(notice),
      ),
    );

    expect(retried.map((r) => r.outcome).sort()).toEqual(['already-sent', 'sent']);
    expect(w.emails()).toHaveLength(1);
  });

  test('a claim left by a worker that died is taken over after the timeout: resent with the same Message-ID, counted', async () => {
    const w = twoWorkers();
    await w.a.ledger.claim(notice.key); // worker-a dies here, before the server answered
    w.later(w.b.ledger.claimTimeoutSeconds + 1);

    const result = await w.b.activities.sendNotice(notice);

    expect(result).toEqual({ outcome: 'sent', messageId: messageIdFor(notice.key), rejected: [] });
    await expect(w.b.ledger.get(notice.key)).resolves.toMatchObject({
      possibleDuplicate: true,
      takeover: { claimedBy: 'worker-a' },
    });
    expect(w.emails()).toEqual([`${fileStemFor(notice.key)}.eml`]);
    expect(fs.readdirSync(w.ledgerDir)).toEqual([`${fileStemFor(notice.key)}.json`]);
  });

  test('an entry written before claims existed is honoured: already-sent, no email', async () => {
    const w = twoWorkers();
    fs.writeFileSync(
      path.join(w.ledgerDir, `${fileStemFor(notice.key)}.json`),
      JSON.stringify({
        key: notice.key,
        kind: 'reminder',
        outcome: 'sent',
        messageId: messageIdFor(notice.key),
        rejected: [],
        transport: 'outbox',
        recordedAt: '2026-01-05T14:00:00.000Z',
      }),
    );

    await expect(w.b.activities.sendNotice(notice)).resolves.toMatchObject({ outcome: 'already-sent' });
    expect(w.emails()).toEqual([]);
  });
});

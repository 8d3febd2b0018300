import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDirectoryLedger } from '../../../activities/mail/ledger-directory';
import { fileStemFor } from '../../../activities/mail/notice-key';
import { tempDir } from '../../fixtures/notices';
import { describeLedgerContract, type LedgerStore } from './ledger-contract';

const KEY = 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D';

/** One folder shared by every "worker"; their common clock moves forward to make claims old. */
function directoryStore(dir = tempDir('ledger')): LedgerStore & { dir: string } {
  let offsetMs = 0;
  return {
    dir,
    open: async (claimant) => createDirectoryLedger(dir, { claimant, now: () => Date.now() + offsetMs }),
    age: async (seconds) => {
      offsetMs += seconds * 1000;
    },
  };
}

describe('sent-ledger in a directory: the claim contract', () => {
  let store = directoryStore();
  beforeEach(() => {
    store = directoryStore();
  });
  describeLedgerContract(() => store);
});

describe('sent-ledger in a directory: files an operator reads', () => {
  test('a completed send leaves one JSON file per key, no claim or temp file, and survives a new instance', async () => {
    const { dir, open } = directoryStore(`${tempDir('ledger')}/nested/sent`);
    const ledger = await open('worker-a');
    const claim = await ledger.claim(KEY);
    if (claim.status !== 'won') throw new Error(claim.status);

    await ledger.complete(claim.ticket, {
      kind: 'reminder',
      outcome: 'sent',
      messageId: '<m@directive-engine>',
      rejected: [],
      transport: 'smtp',
    });

    expect(fs.readdirSync(dir)).toEqual([`${fileStemFor(KEY)}.json`]);
    const entry = JSON.parse(fs.readFileSync(path.join(dir, `${fileStemFor(KEY)}.json`), 'utf8')) as unknown;
    expect(entry).toEqual({
      key: KEY,
      kind: 'reminder',
      outcome: 'sent',
      messageId: '<m@directive-engine>',
      rejected: [],
      transport: 'smtp',
      recordedAt: expect.any(String) as unknown,
    });
    await expect(createDirectoryLedger(dir).has(KEY)).resolves.toBe(true);
  });

  test('an entry written before claims existed counts as sent', async () => {
    const { dir, open } = directoryStore();
    fs.writeFileSync(
      path.join(dir, `${fileStemFor(KEY)}.json`),
      JSON.stringify({
        key: KEY,
        kind: 'reminder',
        outcome: 'sent',
        messageId: '<old@directive-engine>',
        rejected: [],
        transport: 'outbox',
        recordedAt: '2026-01-05T14:00:00.000Z',
      }),
    );

    const claim = await (await open('worker-a')).claim(KEY);

    expect(claim).toMatchObject({ status: 'done', record: { outcome: 'sent', messageId: '<old@directive-engine>' } });
  });

  test('deleting the entry forces a resend: the next claim wins, as a first send', async () => {
    const { dir, open } = directoryStore();
    const ledger = await open('worker-a');
    const first = await ledger.claim(KEY);
    if (first.status !== 'won') throw new Error(first.status);
    await ledger.complete(first.ticket, {
      kind: 'reminder',
      outcome: 'sent',
      messageId: '<m@directive-engine>',
      rejected: [],
      transport: 'outbox',
    });

    fs.rmSync(path.join(dir, `${fileStemFor(KEY)}.json`));

    expect(await ledger.claim(KEY)).toMatchObject({ status: 'won', ticket: { key: KEY } });
  });

  test('a claim in progress is a readable file naming its worker, and a stale one is taken over in a new file', async () => {
    const { dir, open, age } = directoryStore();
    await (await open('worker-a')).claim(KEY);
    const claimFile = path.join(dir, `${fileStemFor(KEY)}.claim`);
    expect(JSON.parse(fs.readFileSync(claimFile, 'utf8'))).toMatchObject({ key: KEY, claimedBy: 'worker-a' });

    await age(121);
    const takeover = await (await open('worker-b')).claim(KEY);

    expect(takeover).toMatchObject({ status: 'won', ticket: { takeover: { claimedBy: 'worker-a' } } });
    expect(fs.readdirSync(dir).sort()).toEqual([
      `${fileStemFor(KEY)}.claim`,
      expect.stringMatching(new RegExp(`^${fileStemFor(KEY)}\\.claim\\.[0-9a-f-]{36}$`)) as unknown,
    ]);
  });
});

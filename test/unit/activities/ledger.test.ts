import * as fs from 'node:fs';
import { createSentLedger } from '../../../activities/mail/ledger';
import { tempDir } from '../../fixtures/notices';

const KEY = 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D';

describe('sent-ledger', () => {
  test('remembers a key across instances, one JSON file per key, no temp files left', async () => {
    const dir = tempDir('ledger');
    const ledger = createSentLedger(dir);
    await expect(ledger.has(KEY)).resolves.toBe(false);

    await ledger.record(KEY, {
      kind: 'reminder',
      outcome: 'sent',
      messageId: '<m@directive-engine>',
      rejected: [],
      transport: 'smtp',
    });

    const reopened = createSentLedger(dir);
    await expect(reopened.has(KEY)).resolves.toBe(true);
    await expect(reopened.get(KEY)).resolves.toMatchObject({
      key: KEY,
      outcome: 'sent',
      messageId: '<m@directive-engine>',
    });
    await expect(reopened.has(`${KEY}/other`)).resolves.toBe(false);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  test('creates its folder on first record', async () => {
    const dir = `${tempDir('ledger')}/nested/sent`;
    const ledger = createSentLedger(dir);

    await expect(ledger.has(KEY)).resolves.toBe(false);
    await ledger.record(KEY, {
      kind: 'reminder',
      outcome: 'rejected',
      messageId: '<m@x>',
      rejected: ['a@b.gov'],
      transport: 'outbox',
    });

    await expect(ledger.get(KEY)).resolves.toMatchObject({ outcome: 'rejected', rejected: ['a@b.gov'] });
  });
});

/** The PostgreSQL sent-ledger against a real PostgreSQL (the harness's), one fresh database for this file. */
import { Client } from 'pg';
import { createActivities } from '../../../activities';
import { LEDGER_TABLE, openPostgresLedger } from '../../../activities/mail/ledger-postgres';
import { createMailer } from '../../../activities/mail/mailer';
import { messageIdFor } from '../../../activities/mail/notice-key';
import { reminderNotice, tempDir } from '../../fixtures/notices';
import { startSmtpSink, unusedPort } from '../harness/smtp-sink';
import { postgresDatabase, type TestDatabase } from '../harness/postgres';
import { describeLedgerContract, type LedgerStore } from '../../unit/activities/ledger-contract';

const KEY = 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P7D';

let db: TestDatabase;
beforeAll(async () => {
  db = await postgresDatabase('ledger_contract');
});
afterAll(async () => {
  await db?.drop();
});

async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const store: LedgerStore = {
  open: (claimant) => openPostgresLedger(db.url, { claimant }),
  // Backdating the rows is what the database would show had their workers died that long ago.
  age: async (seconds) => {
    await sql(`UPDATE ${LEDGER_TABLE} SET claimed_at = claimed_at - make_interval(secs => $1)`, [seconds]);
  },
};

describe('sent-ledger in PostgreSQL: the claim contract', () => {
  describeLedgerContract(() => store);
});

describe('sent-ledger in PostgreSQL: start-up and what an operator sees', () => {
  test('workers starting together create the table once and share it', async () => {
    const fresh = await postgresDatabase('ledger_schema');
    try {
      const ledgers = await Promise.all(
        ['a', 'b', 'c', 'd'].map((n) => openPostgresLedger(fresh.url, { claimant: `worker-${n}` })),
      );
      const claims = await Promise.all(ledgers.map((l) => l.claim(KEY)));
      expect(claims.filter((c) => c.status === 'won')).toHaveLength(1);
      await Promise.all(ledgers.map((l) => l.close()));
    } finally {
      await fresh.drop();
    }
  });

  test('a database that cannot be reached stops the start with a message naming LEDGER_DATABASE_URL', async () => {
    const url = `postgres://nobody:pw@127.0.0.1:${await unusedPort()}/ledger`;
    await expect(openPostgresLedger(url)).rejects.toThrow(
      /^LEDGER_DATABASE_URL: could not prepare the sent-ledger table/,
    );
  });

  test('each notice is one row: a possible duplicate can be counted, and deleting a row forces a resend', async () => {
    const [a, b] = [await store.open('worker-a'), await store.open('worker-b')];
    try {
      const first = await a.claim(KEY);
      if (first.status !== 'won') throw new Error(first.status);
      await store.age(a.claimTimeoutSeconds + 1);
      const takeover = await b.claim(KEY);
      if (takeover.status !== 'won') throw new Error(takeover.status);
      await b.complete(takeover.ticket, {
        kind: 'reminder',
        outcome: 'sent',
        messageId: '<m@directive-engine>',
        rejected: [],
        transport: 'smtp',
      });

      const counted = await sql<{ count: string }>(
        `SELECT count(*) FROM ${LEDGER_TABLE} WHERE possible_duplicate AND key = $1`,
        [KEY],
      );
      expect(counted).toEqual([{ count: '1' }]);
      await sql(`DELETE FROM ${LEDGER_TABLE} WHERE key = $1`, [KEY]);
      await expect(a.claim(KEY)).resolves.toMatchObject({ status: 'won', ticket: { key: KEY } });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('sendNotice over SMTP with the PostgreSQL ledger', () => {
  test('a claim left by a worker that died mid-send is taken over: resent with the same Message-ID and counted', async () => {
    const smtp = await startSmtpSink();
    const [dead, alive] = [await store.open('host-1:dead'), await store.open('host-2:alive')];
    const notice = reminderNotice({ key: 'BOD-17-01/DOJ/identify/reminder/2017-10-14T03:59:59.000Z/P3D' });
    const mailer = createMailer({
      smtpUrl: smtp.url,
      outboxDir: tempDir('outbox'),
      ledgerDir: tempDir('unused-ledger'),
      ledger: alive,
      from: 'directives@cisa.example.gov',
    });
    try {
      await dead.claim(notice.key); // host-1 claimed, and died before the server answered
      const { sendNotice } = createActivities({ mailer });
      await expect(sendNotice(notice)).rejects.toMatchObject({ type: 'NoticeInProgress' });
      expect(smtp.received).toHaveLength(0);

      await store.age(alive.claimTimeoutSeconds + 1);
      await expect(sendNotice(notice)).resolves.toMatchObject({ outcome: 'sent' });

      expect(smtp.received.map((r) => r.mail.messageId)).toEqual([messageIdFor(notice.key)]);
      const rows = await sql<{ possible_duplicate: boolean; takeover_claimed_by: string }>(
        `SELECT possible_duplicate, takeover_claimed_by FROM ${LEDGER_TABLE} WHERE key = $1`,
        [notice.key],
      );
      expect(rows).toEqual([{ possible_duplicate: true, takeover_claimed_by: 'host-1:dead' }]);
    } finally {
      mailer.close();
      await Promise.all([dead.close(), alive.close(), smtp.close()]);
    }
  });
});

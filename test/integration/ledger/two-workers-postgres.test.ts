/** Drill 4 with the PostgreSQL ledger: two workers (as on two hosts) sharing one ledger database. */
import { messageIdFor } from '../../../activities/mail/notice-key';
import { LEDGER_TABLE, openPostgresLedger } from '../../../activities/mail/ledger-postgres';
import { postgresDatabase, type TestDatabase } from '../harness/postgres';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink';
import { burstThroughTwoWorkers } from './drill';
import { Client } from 'pg';

const BURST = 200;

let smtp: SmtpSink;
let db: TestDatabase;
beforeAll(async () => {
  smtp = await startSmtpSink();
  db = await postgresDatabase('ledger_drill');
});
afterAll(async () => {
  await smtp?.close();
  await db?.drop();
});

test(`two workers sharing a PostgreSQL ledger, each notice of a burst of ${BURST} sent through both at once: ${BURST} emails, each Message-ID once`, async () => {
  const ledgers = await Promise.all([
    openPostgresLedger(db.url, { claimant: 'host-1:worker' }),
    openPostgresLedger(db.url, { claimant: 'host-2:worker' }),
  ]);
  let drill;
  try {
    drill = await burstThroughTwoWorkers({ label: 'pg', count: BURST, ledgers: [ledgers[0], ledgers[1]], smtp });
  } finally {
    await Promise.all(ledgers.map((l) => l.close()));
  }

  const ids = smtp.received.map((r) => r.mail.messageId);
  expect(ids).toHaveLength(BURST);
  expect(new Set(ids)).toEqual(new Set(drill.notices.map((n) => messageIdFor(n.key))));
  for (const pair of drill.results) expect(pair.map((r) => r.outcome).sort()).toEqual(['already-sent', 'sent']);
  const [one, two] = drill.workers.map((w) => new Set(w.keys));
  expect([...one!].filter((key) => two!.has(key)).length).toBeGreaterThan(0);

  // The ledger agrees: one sent row per notice, no claim left, no possible duplicate.
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; possible_duplicate: boolean; count: string }>(
      `SELECT state, possible_duplicate, count(*) FROM ${LEDGER_TABLE} GROUP BY state, possible_duplicate`,
    );
    expect(rows).toEqual([{ state: 'sent', possible_duplicate: false, count: String(BURST) }]);
  } finally {
    await client.end();
  }
  console.log(
    `drill 4 (PostgreSQL): ${BURST} notices, ${smtp.received.length} emails; tasks per worker ${drill.workers.map((w) => w.keys.length).join(' + ')}, claims found busy ${drill.workers.map((w) => w.busy).join(' + ')}`,
  );
});

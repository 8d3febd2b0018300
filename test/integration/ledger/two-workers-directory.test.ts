/** Drill 4 with the default ledger: two workers on one host sharing the sent-ledger directory. */
import { messageIdFor } from '../../../activities/mail/notice-key';
import { createDirectoryLedger } from '../../../activities/mail/ledger-directory';
import { tempDir } from '../../fixtures/notices';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink';
import { burstThroughTwoWorkers } from './drill';

const BURST = 200;

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp?.close();
});

test(`two workers sharing the ledger directory, each notice of a burst of ${BURST} sent through both at once: ${BURST} emails, each Message-ID once`, async () => {
  const dir = tempDir('drill-ledger');
  const drill = await burstThroughTwoWorkers({
    label: 'dir',
    count: BURST,
    ledgers: [
      createDirectoryLedger(dir, { claimant: 'worker-1' }),
      createDirectoryLedger(dir, { claimant: 'worker-2' }),
    ],
    smtp,
  });

  const ids = smtp.received.map((r) => r.mail.messageId);
  expect(ids).toHaveLength(BURST);
  expect(new Set(ids)).toEqual(new Set(drill.notices.map((n) => messageIdFor(n.key))));
  for (const pair of drill.results) expect(pair.map((r) => r.outcome).sort()).toEqual(['already-sent', 'sent']);
  // The drill is only a drill if the workers competed: both ran tasks, and for some keys each ran one.
  const [one, two] = drill.workers.map((w) => new Set(w.keys));
  expect(one!.size).toBeGreaterThan(0);
  expect(two!.size).toBeGreaterThan(0);
  expect([...one!].filter((key) => two!.has(key)).length).toBeGreaterThan(0);
  console.log(
    `drill 4 (directory): ${BURST} notices, ${smtp.received.length} emails; tasks per worker ${drill.workers.map((w) => w.keys.length).join(' + ')}, claims found busy ${drill.workers.map((w) => w.busy).join(' + ')}`,
  );
});

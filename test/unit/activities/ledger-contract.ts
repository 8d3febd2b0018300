/**
 * What every sent-ledger store promises (activities/mail/ledger.ts), as tests run against the directory (unit) and
 * against a real PostgreSQL (integration). Each "worker" is its own ledger instance over the shared store.
 */
import type { ClaimResult, SentInfo, SentLedger } from '../../../activities/mail/ledger';

export interface LedgerStore {
  /** The store as one worker sees it. */
  open(claimant: string): Promise<SentLedger>;
  /** Makes every claim in the store look `seconds` older: as if its worker had died that long ago. */
  age(seconds: number): Promise<void>;
}

const SENT: SentInfo = {
  kind: 'reminder',
  outcome: 'sent',
  messageId: '<m@directive-engine>',
  rejected: [],
  transport: 'smtp',
};

let serial = 0;
const freshKey = (): string => `BOD-17-01/DOJ${++serial}/identify/reminder/2017-10-14T03:59:59.000Z/P7D`;

function won(result: ClaimResult) {
  if (result.status !== 'won') throw new Error(`expected to win the claim, got ${result.status}`);
  return result.ticket;
}

export function describeLedgerContract(store: () => LedgerStore): void {
  const opened: SentLedger[] = [];
  const worker = async (name: string): Promise<SentLedger> => {
    const ledger = await store().open(name);
    opened.push(ledger);
    return ledger;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  test('a claimed and completed key is done for every worker, with its record', async () => {
    const [a, b] = [await worker('worker-a'), await worker('worker-b')];
    const key = freshKey();
    await expect(a.has(key)).resolves.toBe(false);

    const record = await a.complete(won(await a.claim(key)), SENT);

    expect(record).toMatchObject({ key, outcome: 'sent', messageId: '<m@directive-engine>', transport: 'smtp' });
    expect(record.possibleDuplicate).toBeUndefined();
    await expect(b.claim(key)).resolves.toEqual({ status: 'done', record });
    await expect(b.get(key)).resolves.toEqual(record);
    await expect(b.has(`${key}/other`)).resolves.toBe(false);
  });

  test('a refusal for good is recorded as rejected, with the refused addresses', async () => {
    const a = await worker('worker-a');
    const key = freshKey();
    await a.complete(won(await a.claim(key)), {
      ...SENT,
      outcome: 'rejected',
      rejected: ['a@b.gov'],
      detail: 'a@b.gov: 550 no such user',
    });
    await expect(a.get(key)).resolves.toMatchObject({
      outcome: 'rejected',
      rejected: ['a@b.gov'],
      detail: 'a@b.gov: 550 no such user',
    });
  });

  test('of two workers claiming the same keys at the same moment, exactly one wins each key', async () => {
    const [a, b] = [await worker('worker-a'), await worker('worker-b')];
    const keys = Array.from({ length: 25 }, freshKey);

    const results = await Promise.all(keys.flatMap((key) => [a.claim(key), b.claim(key)]));

    for (let i = 0; i < keys.length; i++) {
      const pair = [results[2 * i]!, results[2 * i + 1]!].map((r) => r.status).sort();
      expect(pair).toEqual(['busy', 'won']);
    }
  });

  test('a claim still in progress makes the other worker wait, naming who holds it', async () => {
    const [a, b] = [await worker('worker-a'), await worker('worker-b')];
    const key = freshKey();
    won(await a.claim(key));
    await store().age(30);

    const other = await b.claim(key);

    expect(other).toMatchObject({ status: 'busy', claimedBy: 'worker-a' });
    expect(other.status === 'busy' && other.ageSeconds).toBeGreaterThanOrEqual(29);
    expect(other.status === 'busy' && other.ageSeconds).toBeLessThan(b.claimTimeoutSeconds);
    await expect(b.has(key)).resolves.toBe(false);
  });

  test('a stale claim is taken over by exactly one worker, and its record counts a possible duplicate', async () => {
    const [a, b, c] = [await worker('worker-a'), await worker('worker-b'), await worker('worker-c')];
    const key = freshKey();
    const abandoned = won(await a.claim(key));
    await store().age(a.claimTimeoutSeconds + 1);

    const [fromB, fromC] = await Promise.all([b.claim(key), c.claim(key)]);

    expect([fromB.status, fromC.status].sort()).toEqual(['busy', 'won']);
    const [taker, ticket] = fromB.status === 'won' ? [b, fromB.ticket] : [c, won(fromC)];
    expect(ticket.takeover).toEqual({ claimedBy: 'worker-a', claimedAt: expect.any(String) as unknown });
    expect(Date.parse(ticket.takeover!.claimedAt)).toBeLessThanOrEqual(Date.parse(abandoned.claimedAt));
    const record = await taker.complete(ticket, SENT);
    expect(record).toMatchObject({ possibleDuplicate: true, takeover: { claimedBy: 'worker-a' } });
    await expect(a.get(key)).resolves.toMatchObject({ possibleDuplicate: true });
  });

  test('when the worker of a stale claim finishes after all, the record still counts the duplicate', async () => {
    const [a, b] = [await worker('worker-a'), await worker('worker-b')];
    const takerFirst = freshKey();
    const ownerFirst = freshKey();
    const slow = [won(await a.claim(takerFirst)), won(await a.claim(ownerFirst))];
    await store().age(a.claimTimeoutSeconds + 1);
    const takeovers = [won(await b.claim(takerFirst)), won(await b.claim(ownerFirst))];

    await b.complete(takeovers[0]!, SENT);
    await a.complete(slow[0]!, SENT);
    await a.complete(slow[1]!, SENT);
    await b.complete(takeovers[1]!, SENT);

    await expect(a.get(takerFirst)).resolves.toMatchObject({ possibleDuplicate: true });
    await expect(a.get(ownerFirst)).resolves.toMatchObject({ possibleDuplicate: true });
  });

  test('a claim given back after a failed send can be claimed again at once, as a first send', async () => {
    const [a, b] = [await worker('worker-a'), await worker('worker-b')];
    const key = freshKey();
    await a.release(won(await a.claim(key)));

    const again = won(await b.claim(key));

    expect(again.takeover).toBeUndefined();
    await expect(b.complete(again, SENT)).resolves.not.toHaveProperty('possibleDuplicate');
  });

  test('a takeover given back is taken over again at once and still counts a possible duplicate', async () => {
    const [a, b, c] = [await worker('worker-a'), await worker('worker-b'), await worker('worker-c')];
    const key = freshKey();
    won(await a.claim(key));
    await store().age(a.claimTimeoutSeconds + 1);
    await b.release(won(await b.claim(key)));

    const third = won(await c.claim(key));

    expect(third.takeover).toMatchObject({ claimedBy: 'worker-a' });
    await expect(c.complete(third, SENT)).resolves.toMatchObject({ possibleDuplicate: true });
  });
}

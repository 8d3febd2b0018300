import { WOULD_CONNECT, cli, refusal } from './run';

/** The command line refuses what the engine would refuse, before anything is sent, naming the option and the limit. */
const BY = ['--by', 'officer@doj.example.gov'];
const complete = (...options: string[]) => ['complete', 'BOD-17-01', 'DOJ', 'identify', ...options];
const WHY = ['--reason', 'portal outage', '--directed-by', 'DHS/CS&C'];

test('evidence, comments and reasons of more than 4096 characters are refused, naming the option', async () => {
  expect(await refusal(complete(...BY, '--evidence', 'x'.repeat(900_000)))).toBe(
    'directive: --evidence: at most 4096 characters (got 900000)\n',
  );
  expect(await refusal(['review', 'BOD-17-01', 'DOJ', 'plan', ...BY, '--approve', '--comment', 'c'.repeat(4097)])).toBe(
    'directive: --comment: at most 4096 characters (got 4097)\n',
  );
  expect(
    await refusal(['amend', 'BOD-17-01', '--waive', 'identify', '--reason', 'r'.repeat(5000), '--directed-by', 'DHS']),
  ).toBe('directive: --reason: at most 4096 characters (got 5000)\n');
  expect((await cli(complete(...BY, '--evidence', `line one\nline two\t${'x'.repeat(4000)}`))).stderr).toContain(
    WOULD_CONNECT,
  );
});

test('a name of more than 128 characters is refused', async () => {
  expect(
    await refusal(['amend', 'BOD-17-01', '--waive', 'identify', '--reason', 'r', '--directed-by', 'd'.repeat(129)]),
  ).toBe('directive: --directed-by: at most 128 characters (got 129)\n');
});

test('control and bidi characters are refused in free text, ids and addresses', async () => {
  expect(await refusal(complete(...BY, '--evidence', 'none\u202Efound'))).toBe(
    'directive: --evidence: must not contain control or bidirectional-formatting characters (other than line breaks and tabs) (found U+202E at position 5)\n',
  );
  expect(await refusal(complete('--by', 'officer\u200F@doj.example.gov', '--evidence', 'x'))).toBe(
    'directive: --by: must not contain control or bidirectional-formatting characters (found U+200F at position 8)\n',
  );
  expect(await refusal(['complete', 'BOD-17-01', 'DO\r\nJ', 'identify', ...BY, '--evidence', 'x'])).toMatch(
    /^directive: <agencyId>: /,
  );
});

test('ids never contain "..", slashes or more than 128 characters', async () => {
  for (const id of ['..', 'a..b', '../plan', 'a/b'])
    expect(await refusal(['complete', 'BOD-17-01', 'DOJ', id, ...BY, '--evidence', 'x'])).toMatch(
      /^directive: <milestoneId>: .* is not an id/,
    );
  expect(await refusal(['complete', 'BOD-17-01', 'DOJ', 'm'.repeat(129), ...BY, '--evidence', 'x'])).toBe(
    'directive: <milestoneId>: at most 128 characters (got 129)\n',
  );
  expect(await refusal(['amend', 'BOD-17-01', '--waive', 'identify', ...WHY, '--amendment-id', '../../x'])).toMatch(
    /^directive: --amendment-id: /,
  );
});

test('--evidence-uri takes https: links only', async () => {
  for (const [uri, scheme] of [
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['http://docs.doj.example.gov/scan', 'http:'],
  ] as const)
    expect(await refusal(complete(...BY, '--evidence', 'x', '--evidence-uri', uri))).toBe(
      `directive: --evidence-uri: must be an https: link (got ${scheme})\n`,
    );
  expect(
    (await cli(complete(...BY, '--evidence', 'x', '--evidence-uri', 'https://docs.doj.example.gov/scan'))).stderr,
  ).toContain(WOULD_CONNECT);
});

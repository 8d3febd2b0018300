/**
 * What the fuzz suites found, each pinned by an example: bad input the engine took (or refused without naming the
 * field) before it was fixed.
 */
import { Refusal } from '../../../domain/obligation';
import { parseReport } from '../../../workflows/obligation-payloads';
import type { CompleteMilestoneInput } from '../../../workflows/messages';
import { WOULD_CONNECT, cli } from '../cli/run';

const WHY = ['--reason', 'portal outage', '--directed-by', 'DHS'];

test('a completeMilestone payload that is not an object is refused naming the payload', () => {
  expect(() => parseReport(null as unknown as CompleteMilestoneInput)).toThrow(
    new Refusal('payload: Invalid input: expected object, received null'),
  );
});

test('amend --to with a day the calendar does not have is refused by the command line, naming --to', async () => {
  for (const to of ['2017-02-30', '2017-04-31', '2017-10-13T25:00:00Z']) {
    const r = await cli(['amend', 'BOD-17-01', '--extend', 'identify', '--to', to, ...WHY]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `directive: --to: "${to}" is not a date of the calendar\n`,
    });
  }
  expect((await cli(['amend', 'BOD-17-01', '--extend', 'identify', '--to', '2016-02-29', ...WHY])).stderr).toContain(
    WOULD_CONNECT,
  );
});

test('rescind and decide check their options before connecting, so a bad one is named whether or not Temporal answers', async () => {
  const long = `a/${'b'.repeat(170)}`;
  const rescind = await cli(['rescind', 'BOD-17-01', ...WHY, '--amendment-id', long]);
  expect(rescind).toEqual({
    code: 2,
    stdout: '',
    stderr: 'directive: --amendment-id: at most 160 characters (got 172)\n',
  });
  const rescindBy = await cli(['rescind', 'BOD-17-01', '--reason', 'r', '--directed-by', 'd'.repeat(129)]);
  expect(rescindBy.stderr).toBe('directive: --directed-by: at most 128 characters (got 129)\n');
});

test("decide's --by is a name like every other amendment's issuer: one line, at most 128 characters", async () => {
  const r = await cli(['decide', 'BOD-17-01', '--uphold', '--by', 'd'.repeat(129), '--reason', 'reviewed']);
  expect(r).toEqual({ code: 2, stdout: '', stderr: 'directive: --by: at most 128 characters (got 129)\n' });
  const twoLines = await cli(['decide', 'BOD-17-01', '--uphold', '--by', 'DHS\nsomeone else', '--reason', 'reviewed']);
  expect(twoLines.stderr).toMatch(/^directive: --by: must not contain control/);
});

import { runCliCaptured, type CliResult } from '../../../client/cli/program';

export type { CliResult };

/**
 * No Temporal server in the unit project. The address is not even host:port, so a command that gets past its own
 * argument checks stops the moment it would connect, at once, with this message (exit 2) instead of waiting on a
 * connection timeout: "the arguments were accepted" reads as `expect(r.stderr).toContain(WOULD_CONNECT)`.
 */
export const NO_SERVER = { TEMPORAL_ADDRESS: 'no server in unit tests' };
export const WOULD_CONNECT = 'invalid configuration: TEMPORAL_ADDRESS';

/** Runs one `directive` command line in-process, with captured output and only the given environment. */
export const cli = (argv: string[], env: NodeJS.ProcessEnv = NO_SERVER): Promise<CliResult> =>
  runCliCaptured(argv, env);

/** A refusal as the user sees it: exit 2, nothing on stdout, one `directive: ...` line on stderr. */
export async function refusal(argv: string[]): Promise<string> {
  const r = await cli(argv);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).not.toContain(WOULD_CONNECT);
  return r.stderr;
}

import { runCli } from '../../../client/cli/program';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * No Temporal server in the unit project. The address is not even host:port, so a command that gets past its own
 * argument checks stops the moment it would connect, at once, with this message (exit 2) instead of waiting on a
 * connection timeout: "the arguments were accepted" reads as `expect(r.stderr).toContain(WOULD_CONNECT)`.
 */
export const NO_SERVER = { TEMPORAL_ADDRESS: 'no server in unit tests' };
export const WOULD_CONNECT = 'invalid configuration: TEMPORAL_ADDRESS';

/** Runs one `directive` command line in-process, with captured output and only the given environment. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = NO_SERVER): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  });
  return { code, stdout, stderr };
}

/** A refusal as the user sees it: exit 2, nothing on stdout, one `directive: ...` line on stderr. */
export async function refusal(argv: string[]): Promise<string> {
  const r = await cli(argv);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).not.toContain(WOULD_CONNECT);
  return r.stderr;
}

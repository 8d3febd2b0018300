import { Command } from 'commander';
import { registerAmend } from './amend';
import { registerAudit } from './audit';
import { registerCampaign } from './campaign';
import { CliContext, type CliIo } from './context';
import { classify } from './errors';
import { registerList } from './list';
import { registerObligation } from './obligation';
import { registerReport } from './report';
import { registerSchedule } from './schedule';

const OVERVIEW = `
Environment: TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE (default), DIRECTIVES_TASK_QUEUE (directives),
TEMPORAL_API_KEY and TEMPORAL_TLS_* as for the Temporal CLI.
Exit codes: 0 done, 2 invalid input, 3 refused by the engine, 4 not found, 1 anything else.

Example:
  $ directive schedule BOD-17-01
  $ directive campaign start BOD-17-01 --agencies data/agencies/cfo-act.json
  $ directive list --directive BOD-17-01 --overdue`;

/** The whole command tree, writing to `ctx.io`; commander exits are turned into exceptions (see runCli). */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('directive')
    .description('Directive deadline engine: schedules, campaigns and agency obligations on Temporal')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .addHelpText('after', OVERVIEW);
  registerSchedule(program, ctx);
  registerCampaign(program, ctx);
  registerObligation(program, ctx);
  registerList(program, ctx);
  registerAmend(program, ctx);
  registerReport(program, ctx);
  registerAudit(program, ctx);
  return program;
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** Runs one command line (without the node and script names) and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const ctx = new CliContext(io);
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const { exitCode, message } = classify(err);
    if (message) io.stderr.write(`directive: ${message}\n`);
    return exitCode;
  } finally {
    await ctx.close();
  }
}

/** What one in-process run of a command line gave: its exit code and everything it wrote. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in-process with only the given environment and its output captured (tests, benchmarks). */
export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
  });
  return { code, stdout, stderr };
}

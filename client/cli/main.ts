#!/usr/bin/env node
/** Entry point of the `directive` command (bin/directive.js). */
import { runCli } from './program';

// `directive status ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`directive: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);

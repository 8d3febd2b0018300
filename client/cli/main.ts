#!/usr/bin/env node
import { runCli } from './program';

/** Entry point of the `directive` command (bin/directive.js). */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`directive: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);

/** `npm run temporal -- ARGS`: runs the Temporal CLI that the project resolved or built, with the caller's arguments. */
import { spawn } from 'node:child_process';
import { obtainTemporalCli } from './servers/temporal-cli';

async function main(): Promise<void> {
  const cli = await obtainTemporalCli({ log: (line) => console.error(line) });
  const child = spawn(cli.path, process.argv.slice(2), { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

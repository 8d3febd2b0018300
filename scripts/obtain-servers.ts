/** `npm run servers`: obtains (or finds) both Temporal servers ahead of a test run, printing where each came from. */
import { obtainTemporalCli } from './servers/temporal-cli';
import { obtainTestServer } from './servers/test-server';

async function main(): Promise<void> {
  const log = (line: string): void => console.log(line);
  const cli = await obtainTemporalCli({ log });
  console.log(`Temporal CLI (dev server + Web UI): ${cli.path} [${cli.source}]`);
  const testServer = await obtainTestServer({ log });
  console.log(`Time-skipping test server: ${testServer.path} [${testServer.source}]`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

/**
 * `npm run servers`: obtains (or finds) everything the tests run against — both Temporal servers and the system
 * Chromium for the Web UI check — printing where each came from.
 */
import { obtainTemporalCli } from './servers/temporal-cli';
import { obtainTestServer } from './servers/test-server';
import { ensureChromium } from './servers/chromium';

async function main(): Promise<void> {
  const log = (line: string): void => console.log(line);
  const cli = await obtainTemporalCli({ log });
  console.log(`Temporal CLI (dev server + Web UI): ${cli.path} [${cli.source}]`);
  const testServer = await obtainTestServer({ log });
  console.log(`Time-skipping test server: ${testServer.path} [${testServer.source}]`);
  console.log(`Chromium (Web UI check): ${ensureChromium(log)}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

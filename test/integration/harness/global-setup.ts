import { obtainTemporalCli } from '../../../scripts/servers/temporal-cli';
import { obtainTestServer } from '../../../scripts/servers/test-server';
import { startDevServer, type RunningDevServer } from '../../../scripts/servers/dev-server';
import { freePort } from '../../../scripts/servers/process';
import { startPostgres, type RunningPostgres } from '../../../scripts/servers/postgres';

declare global {
  var __directiveDevServer: RunningDevServer | undefined;
  var __directivePostgres: RunningPostgres | undefined;
}

/**
 * Obtains both real servers once per jest run, starts one headless dev server for the visibility suites and one
 * PostgreSQL for the sent-ledger suites (each test file makes its own database in it: postgresDatabase()).
 * Test files read the locations from the environment (jest forks its workers after this runs).
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => console.error(line);
  const cli = await obtainTemporalCli({ log });
  const testServer = await obtainTestServer({ log });
  process.env.DIRECTIVE_TEST_CLI_PATH = cli.path;
  process.env.DIRECTIVE_TEST_SERVER_PATH = testServer.path;
  const devServer = await startDevServer({ cliPath: cli.path, port: await freePort() });
  globalThis.__directiveDevServer = devServer;
  process.env.DIRECTIVE_TEST_DEV_SERVER = devServer.address;
  const postgres = await startPostgres({ port: await freePort() });
  globalThis.__directivePostgres = postgres;
  process.env.DIRECTIVE_TEST_POSTGRES_URL = postgres.url;
}

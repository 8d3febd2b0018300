import { obtainTemporalCli } from '../../../scripts/servers/temporal-cli';
import { obtainTestServer } from '../../../scripts/servers/test-server';
import { startDevServer, type RunningDevServer } from '../../../scripts/servers/dev-server';
import { freePort } from '../../../scripts/servers/process';

declare global {
  var __directiveDevServer: RunningDevServer | undefined;
}

/**
 * Obtains both real servers once per jest run and starts one headless dev server for the visibility suites.
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
}

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { obtainTemporalCli } from '../../../scripts/servers/temporal-cli';
import { obtainTestServer } from '../../../scripts/servers/test-server';
import { ServerUnavailableError } from '../../../scripts/servers/obtain-error';
import { PortInUseError, startDevServer } from '../../../scripts/servers/dev-server';
import net from 'node:net';
import { searchAttributeKeys } from '../../../workflows/search-attributes';
import { createTimeSkippingEnv, devServerClient } from '../harness/servers';

describe('the dev server started by the harness', () => {
  it('has every search attribute of the public interface registered in its namespace', async () => {
    const { client, connection } = await devServerClient();
    try {
      const response = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      const registered = Object.keys(response.customAttributes ?? {});
      expect(registered).toEqual(expect.arrayContaining(searchAttributeKeys.map((k) => k.name)));
      // Visibility answers queries on our attributes (the time-skipping server cannot); other suites share this server,
      // so ask about a directive nobody issues. An unregistered attribute would make the query fail instead.
      await expect(client.workflow.count('DirectiveId = "HARNESS-CHECK" AND Overdue = true')).resolves.toMatchObject({
        count: 0,
      });
    } finally {
      await connection.close();
    }
  });
});

describe('the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('skips simulated time: 90 days pass in well under a minute of real time', async () => {
    const before = await env.currentTimeMs();
    await env.sleep('90 days');
    const after = await env.currentTimeMs();
    expect(after - before).toBeGreaterThanOrEqual(90 * 24 * 3600 * 1000);
    expect(env.supportsTimeSkipping).toBe(true);
  });
});

describe('obtaining the servers on a machine without them', () => {
  const bare = (): NodeJS.ProcessEnv => ({
    PATH: mkdtempSync(path.join(os.tmpdir(), 'empty-path-')),
    DIRECTIVE_ENGINE_CACHE: mkdtempSync(path.join(os.tmpdir(), 'empty-cache-')),
    DIRECTIVE_ENGINE_NO_DOWNLOAD: '1',
  });

  it('says what it tried and what to install when no Temporal CLI can be had', async () => {
    const attempt = obtainTemporalCli({ env: bare() });
    await expect(attempt).rejects.toThrow(ServerUnavailableError);
    await expect(obtainTemporalCli({ env: bare() })).rejects.toThrow(
      /`temporal` on PATH: not found[\s\S]*go: not on PATH[\s\S]*Install Go/,
    );
  });

  it('says what it tried and what to install when no test server can be had', async () => {
    await expect(obtainTestServer({ env: bare() })).rejects.toThrow(
      /java not found[\s\S]*mvn not on PATH[\s\S]*Install a Java 17\+ JDK and Maven/,
    );
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable, naming it', async () => {
    await expect(obtainTemporalCli({ env: { ...bare(), TEMPORAL_CLI_PATH: '/nowhere/temporal' } })).rejects.toThrow(
      'TEMPORAL_CLI_PATH=/nowhere/temporal: not an executable file',
    );
  });
});

describe('starting a dev server on a port that is taken', () => {
  it('refuses with a message naming the port and what to do, starting nothing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const attempt = startDevServer({ cliPath: process.env.DIRECTIVE_TEST_CLI_PATH!, port });
      await expect(attempt).rejects.toThrow(PortInUseError);
      await expect(startDevServer({ cliPath: process.env.DIRECTIVE_TEST_CLI_PATH!, port })).rejects.toThrow(
        `Port ${port} (Temporal frontend) is already in use. Stop the other Temporal server, or set TEMPORAL_ADDRESS to a free port`,
      );
    } finally {
      blocker.close();
    }
  });
});

import { Connection, Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (its globalSetup obtains the servers)`);
  return value;
}

/** The shared dev server (real visibility: list, count, search attributes). */
export function devServerAddress(): string {
  return required('DIRECTIVE_TEST_DEV_SERVER');
}

export async function devServerClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: devServerAddress() });
  return { client: new Client({ connection, namespace: 'default' }), connection };
}

/**
 * A fresh time-skipping server per test file (time skipping is global to a server, so files must not share one).
 * The SDK waits only seconds for the JVM to listen; on a loaded two-core machine that can be too short, so retry.
 */
export async function createTimeSkippingEnv(attempts = 4): Promise<TestWorkflowEnvironment> {
  const path = required('DIRECTIVE_TEST_SERVER_PATH');
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (err) {
      last = err;
      console.warn(`time-skipping server did not start (attempt ${i}/${attempts}): ${(err as Error).message}`);
    }
  }
  throw last;
}

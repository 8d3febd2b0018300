import './quiet-runtime';
import { Connection, Client } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeKeys } from '../../../workflows/search-attributes';

// The shared PostgreSQL, for suites that use it beside Temporal (a PostgreSQL-only suite imports ./postgres itself).
export { postgresDatabase, postgresUrl, type TestDatabase } from './postgres';

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
export async function createTimeSkippingEnv(attempts = 6): Promise<TestWorkflowEnvironment> {
  const path = required('DIRECTIVE_TEST_SERVER_PATH');
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path } },
      });
      await registerSearchAttributes(env);
      // The Java server starts with time skipping unlocked and would race through every timer on its own; locked,
      // simulated time moves only while a test sleeps (`env.sleep`) or awaits a workflow result, as the SDK intends.
      await env.connection.testService?.lockTimeSkipping({});
      return env;
    } catch (err) {
      last = err;
      console.warn(`time-skipping server did not start (attempt ${i}/${attempts}): ${(err as Error).message}`);
    }
  }
  throw last;
}

/** The test server knows only its built-in search attributes; the workflows upsert ours. */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(searchAttributeKeys.map((k) => [k.name, indexedValueType(k.type)])),
  });
}

function indexedValueType(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  const t = temporal.api.enums.v1.IndexedValueType;
  switch (type) {
    case SearchAttributeType.KEYWORD:
      return t.INDEXED_VALUE_TYPE_KEYWORD;
    case SearchAttributeType.DATETIME:
      return t.INDEXED_VALUE_TYPE_DATETIME;
    case SearchAttributeType.BOOL:
      return t.INDEXED_VALUE_TYPE_BOOL;
    default:
      throw new Error(`no mapping for search attribute type ${type}`);
  }
}

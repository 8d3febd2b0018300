/**
 * Databases in the shared PostgreSQL that the globalSetup starts (scripts/servers/postgres.ts). Kept apart from
 * servers.ts, which installs a Temporal runtime on import: a suite that needs only PostgreSQL imports this file and
 * lets jest exit.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The shared PostgreSQL, as its superuser. */
export function postgresUrl(): string {
  const url = process.env.DIRECTIVE_TEST_POSTGRES_URL;
  if (!url)
    throw new Error(
      'DIRECTIVE_TEST_POSTGRES_URL is not set: run the tests through jest (its globalSetup starts PostgreSQL)',
    );
  return url;
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/**
 * A fresh, empty database for one test file (the name says which, for anyone looking at a leftover one): `url`
 * connects to it; `drop()`, in afterAll, removes it, closing any connection still open.
 */
export async function postgresDatabase(label: string): Promise<TestDatabase> {
  const name = `${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

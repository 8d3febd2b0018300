/** Stops the shared dev server and PostgreSQL whether the tests passed or not. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all([globalThis.__directiveDevServer?.stop(), globalThis.__directivePostgres?.stop()]);
}

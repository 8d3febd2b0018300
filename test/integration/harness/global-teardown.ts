/** Stops the shared dev server whether the tests passed or not. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__directiveDevServer?.stop();
}

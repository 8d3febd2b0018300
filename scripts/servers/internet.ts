import { promises as dns } from 'node:dns';

/**
 * The SDK's own downloads come from this host; only try them where it resolves (never on registry-only machines).
 * DIRECTIVE_ENGINE_NO_DOWNLOAD=1 forbids them outright.
 */
export const SDK_DOWNLOAD_HOST = 'temporal.download';

export async function sdkDownloadReachable(env: NodeJS.ProcessEnv, timeoutMs = 3000): Promise<boolean> {
  if (env.DIRECTIVE_ENGINE_NO_DOWNLOAD) return false;
  const lookup = dns.lookup(SDK_DOWNLOAD_HOST).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([lookup, timeout]);
}

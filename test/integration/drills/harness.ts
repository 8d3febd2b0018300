import type { DrillReport } from '../../../drills/report';
import type { DrillOptions } from '../../../drills/world';

/** The drills' options inside jest: the Temporal CLI the global setup obtained, output kept for a failure message. */
export function drillOptions(): DrillOptions & { lines: string[] } {
  const cliPath = process.env.DIRECTIVE_TEST_CLI_PATH;
  if (!cliPath) throw new Error('DIRECTIVE_TEST_CLI_PATH is not set: run the tests through jest');
  const lines: string[] = [];
  return { cliPath, say: (line) => lines.push(line), lines };
}

/**
 * The shared dev server of the jest run. Read from the environment rather than through harness/servers.ts, which
 * installs a Temporal Runtime: the drills run no worker in-process, so nothing would ever shut it down and jest
 * would wait for it forever.
 */
export function sharedDevServer(): string {
  const address = process.env.DIRECTIVE_TEST_DEV_SERVER;
  if (!address) throw new Error('DIRECTIVE_TEST_DEV_SERVER is not set: run the tests through jest');
  return address;
}

/**
 * Drills spawn a worker (ts-node, then bundling) and wait out a one-minute activity timeout: about 90 s each on an idle
 * two-core machine, far longer when it is shared.
 */
export const DRILL_TIMEOUT_MS = 600_000;

/** The drill's figures in the test output, as `npm run drills` prints them. */
export function printCounts(report: DrillReport): void {
  console.log([report.drill, ...report.counts.map(([label, n]) => `${String(n).padStart(6)}  ${label}`)].join('\n'));
}

/**
 * Workers log every started worker and sent notice at INFO; test output keeps warnings and errors only (the core's
 * own warnings, e.g. about the test server's capabilities, at ERROR). Imported by the harnesses that start workers
 * or servers; not by pure suites, since an installed runtime keeps jest from exiting.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } },
  });
} catch {
  // A runtime already exists in this jest worker process: keep it.
}

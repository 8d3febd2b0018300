import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Workers log every started worker and sent notice at INFO; test output keeps warnings and errors only (the core's
 * own warnings, e.g. about the test server's capabilities, at ERROR). Runs before each test file (jest setupFiles).
 */
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
} catch {
  // A runtime already exists in this jest worker process: keep it.
}

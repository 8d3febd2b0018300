/**
 * The drill makes claims collide on purpose: each collision is an activity failure (NoticeInProgress) that the SDK
 * logs at WARN, hundreds per run. Imported before the harness's quiet runtime (which then keeps this one), it shows
 * errors only.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } },
  });
} catch {
  // A runtime already exists in this jest worker process: keep it.
}

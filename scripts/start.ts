/**
 * `npm start`: the main job on the embedded default. Starts the Temporal dev server (SQLite under .data/, Web UI),
 * the worker, and — unless it already exists — a campaign of the chosen directive over the chosen agencies.
 * Ctrl-C stops everything; the next start resumes from the same SQLite file.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../client/config';
import { startCampaign } from '../client/campaign';
import { loadAgenciesFile } from '../domain/agencies-file';
import { parseIssuedAt } from '../domain/calculus';
import { builtInDirectives } from '../domain/library';
import { resolveDirective } from '../domain/load';
import { loadPortalConfig, type PortalConfig } from '../portal/config';
import { startPortal, type RunningPortal } from '../portal/main';
import { loadWorkerConfig } from '../worker/config';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { connectWorker, createWorker } from '../worker/worker';
import { PortInUseError, startDevServer, type RunningDevServer } from './servers/dev-server';
import { ServerUnavailableError } from './servers/obtain-error';
import { DEV_RETENTION_DAYS, setRetention } from './servers/retention';
import { ensureSigningKeyFile } from '../record';
import { obtainTemporalCli } from './servers/temporal-cli';

interface StartOptions {
  directive: string;
  agencies: string;
  issuedAt?: string;
  uiPort: number;
  db: string;
  campaign: boolean;
  portal: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a port number (1-65535)');
  return n;
}

const program = new Command('npm start --')
  .description(
    'Run the directive engine on the embedded default: Temporal dev server + Web UI, worker, and a campaign.',
  )
  .option('--directive <idOrFile>', 'built-in directive id or a definition .json file', 'BOD-17-01')
  .option('--agencies <file>', 'agencies file (JSON or CSV)', 'data/agencies/cfo-act.json')
  .option('--issued-at <date>', 'issuance date or date-time (default: now)')
  .option('--ui-port <port>', 'Web UI port', port, 8233)
  .option('--db <file>', 'SQLite file of the dev server', '.data/temporal.sqlite')
  .option('--no-campaign', 'start the server and the worker only')
  .option('--no-portal', "do not start the officers' and reviewers' portal")
  .addHelpText(
    'after',
    '\nEnvironment: TEMPORAL_ADDRESS (the dev server listens on its port), TEMPORAL_NAMESPACE, DIRECTIVES_TASK_QUEUE, SMTP_URL, MAIL_OUTBOX_DIR; the portal: PORTAL_PORT, PORTAL_URL, OIDC_ISSUER_URL, ... (README, "The portal").',
  );

async function main(): Promise<void> {
  const opts = program.parse(process.argv).opts<StartOptions>();
  const config = loadWorkerConfig();
  // Read before anything starts, so a bad portal variable leaves nothing half-started.
  const portalConfig = opts.portal ? loadPortalConfig() : undefined;
  // Keep the terminal for what the user needs (addresses, commands); the worker's own chatter is for `npm run worker`.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { directive, agencies, issuedAt } = readInputs(opts);

  const [host, portText] = config.connection.address.split(':') as [string, string];
  const cli = await obtainTemporalCli({ log: (line) => console.log(line) });
  const server = await startDevServer({
    cliPath: cli.path,
    host,
    port: Number(portText),
    namespace: config.connection.namespace,
    uiPort: opts.uiPort,
    dbFile: path.resolve(opts.db),
    log: (line) => console.log(line),
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
  };
  try {
    await runEngine(config, server, { directive, agencies, issuedAt }, opts, portalConfig);
  } finally {
    await stop();
    console.log('Stopped. `npm start` again resumes from the same SQLite file.');
  }
}

/** Thrown for bad options or files: reported as one line, exit 2. */
class InputError extends Error {}

/** The campaign's inputs, validated before anything starts, so bad input leaves nothing half-started. */
function readInputs(opts: StartOptions) {
  try {
    const directive = resolveDirective(opts.directive);
    const agencies = opts.campaign ? loadAgenciesFile(opts.agencies) : [];
    const issuedAt = opts.issuedAt
      ? parseIssuedAt(opts.issuedAt, directive.timeZone).toISO()!
      : new Date().toISOString();
    return { directive, agencies, issuedAt };
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

async function runEngine(
  config: ReturnType<typeof loadWorkerConfig>,
  server: RunningDevServer,
  { directive, agencies, issuedAt }: ReturnType<typeof readInputs>,
  opts: StartOptions,
  portalConfig: PortalConfig | undefined,
): Promise<void> {
  await setRetention(config.connection.address, config.connection.namespace, DEV_RETENTION_DAYS);
  console.log(
    `Temporal keeps closed workflows ${DEV_RETENTION_DAYS} days; the compliance record (${config.record.databaseUrl ? 'RECORD_DATABASE_URL' : config.record.dir}) keeps them after`,
  );
  if (!process.env.AUDIT_SIGNING_KEY) {
    const { key, created } = ensureSigningKeyFile();
    console.log(
      `Audit exports are signed with ${created ? 'a new key' : 'the key'} in .data/audit-signing-key.pem: ${key.fingerprint}`,
    );
  }
  const connection = await connectWorker(config.connection);
  const { worker, close } = await createWorker(config, connection);
  const running = worker.run();
  const ui = `${server.uiUrl}/namespaces/${config.connection.namespace}`;
  console.log(`Temporal Web UI: ${ui}/workflows`);
  console.log(
    `Worker polling "${config.connection.taskQueue}"; email ${config.mail.smtpUrl ? 'via SMTP' : `written to ${config.mail.outboxDir}`}`,
  );
  let portal: RunningPortal | undefined;
  try {
    portal = portalConfig ? await startPortal(portalConfig, portalInputs(directive, agencies, opts)) : undefined;
  } catch (err) {
    worker.shutdown();
    await running.catch(() => undefined);
    close();
    await connection.close();
    throw err;
  }

  if (opts.campaign) {
    const clientConnection = await Connection.connect({ address: config.connection.address });
    try {
      const client = new Client({ connection: clientConnection, namespace: config.connection.namespace });
      const { workflowId, started } = await startCampaign(client, {
        directive,
        agencies,
        issuedAt,
        taskQueue: config.connection.taskQueue,
      });
      console.log(
        `${started ? 'Started' : 'Resuming'} campaign ${workflowId} (${agencies.length} agencies): ${ui}/workflows/${encodeURIComponent(workflowId)}`,
      );
    } finally {
      await clientConnection.close();
    }
    const first = agencies[0]?.id ?? 'DOJ';
    const officer = agencies[0]?.contacts.complianceOfficer;
    console.log(`
Try:${portal && officer ? `\n  ${portal.url}: sign in as ${officer} (${first}'s compliance officer)` : ''}
  npx directive list --directive ${directive.id} --overdue
  npx directive complete ${directive.id} ${first} ${directive.milestones[0]?.id ?? 'identify'} --by officer@example.gov --evidence "Scanned all endpoints; none found"
  npx directive amend ${directive.id} --agency ${first} --extend ${directive.milestones[0]?.id ?? 'identify'} --by-days 14 --reason "Agency request" --directed-by "DHS" --dry-run
Saved view for operators: DirectiveId="${directive.id}" AND Overdue=true
Press Ctrl-C to stop.`);
  }
  try {
    await running;
  } finally {
    await portal?.stop();
    close();
    await connection.close();
  }
}

/** The portal serves the campaign's directive (a definition file too) and, unless PORTAL_AGENCIES_FILE says otherwise, its agencies. */
function portalInputs(
  directive: ReturnType<typeof readInputs>['directive'],
  agencies: ReturnType<typeof readInputs>['agencies'],
  opts: StartOptions,
) {
  return {
    directives: [directive, ...builtInDirectives.filter((d) => d.id !== directive.id)],
    agencies: opts.campaign && !process.env.PORTAL_AGENCIES_FILE ? agencies : undefined,
  };
}

main().catch((err: Error) => {
  const known =
    err instanceof ConfigError ||
    err instanceof PortInUseError ||
    err instanceof ServerUnavailableError ||
    err instanceof InputError;
  console.error(known ? err.message : err);
  process.exit(known ? 2 : 1);
});

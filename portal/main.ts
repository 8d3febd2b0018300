/**
 * `npm run portal`: the officers' and reviewers' portal alone, against TEMPORAL_ADDRESS. `startPortal` is also what
 * `npm start` calls in-process. Without OIDC_ISSUER_URL, the embedded development identity provider starts too.
 */
import { Client, Connection } from '@temporalio/client';
import { ConfigError } from '../client/config';
import type { Agency } from '../domain/agency';
import { AgenciesFileError, loadAgenciesFile } from '../domain/agencies-file';
import type { DirectiveDefinition } from '../domain/directive';
import { builtInDirectives } from '../domain/library';
import { ENGINE_VERSION, openRecordStore } from '../record';
import { buildRoster, loadRosterFile, RosterFileError } from './access/roster';
import { openIdProvider } from './auth/oidc';
import { loadOrCreateSessionKey } from './auth/session-key';
import { loadPortalConfig, type PortalConfig } from './config';
import { devAccounts } from './dev-idp/accounts';
import { startDevIdp, type RunningDevIdp } from './dev-idp/provider';
import { registerPages } from './pages';
import { buildPortal } from './server';

export interface StartPortalOptions {
  /** Defaults to the built-in library. */
  directives?: readonly DirectiveDefinition[];
  /** Defaults to the agencies file (PORTAL_AGENCIES_FILE). */
  agencies?: readonly Agency[];
  log?: (line: string) => void;
  /** The server's log level (default `info`: one access line per action); a benchmark asks for `warn`. */
  logLevel?: string;
}

export interface RunningPortal {
  url: string;
  /** Set when the development identity provider runs. */
  devSignInUrl?: string;
  stop(): Promise<void>;
}

export async function startPortal(config: PortalConfig, options: StartPortalOptions = {}): Promise<RunningPortal> {
  const log = options.log ?? ((line: string) => console.log(line));
  const directives = options.directives ?? builtInDirectives;
  const agencies = options.agencies ?? readFile(() => loadAgenciesFile(config.agenciesFile));
  const entries = config.rosterFile ? readFile(() => loadRosterFile(config.rosterFile!)) : [];
  const roster = readFile(() => buildRoster({ agencies, directives, entries }));
  const sessionKey = config.sessionKey ?? loadOrCreateSessionKey();

  const cleanup: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    const connection = await connectTemporal(config);
    cleanup.push(() => connection.close());
    const client = new Client({ connection, namespace: config.connection.namespace });
    const recordStore = await openRecordStore(config.record);
    cleanup.push(() => recordStore.close());

    const redirectUri = `${config.url}/auth/callback`;
    let devIdp: RunningDevIdp | undefined;
    if (!config.oidc) {
      devIdp = await startDevIdp({
        port: config.devIdpPort,
        redirectUri,
        accounts: devAccounts({ agencies, directives, entries }),
      });
      cleanup.push(() => devIdp!.stop());
    }
    const oidc = config.oidc ?? devIdp!.oidc;
    const app = await buildPortal({
      config,
      sessionKey,
      roster,
      provider: openIdProvider({ ...oidc, redirectUri, forceLogin: devIdp !== undefined }),
      contacts: issuerContacts(directives),
      logLevel: options.logLevel,
      pages: (scope) =>
        registerPages(scope, {
          client,
          taskQueue: config.connection.taskQueue,
          directives,
          roster,
          evidenceDir: config.evidenceDir,
          evidenceMaxBytes: config.evidenceMaxBytes,
          record: {
            store: recordStore,
            evidenceDir: config.evidenceDir,
            key: config.signingKey,
            namespace: config.connection.namespace,
            engineVersion: ENGINE_VERSION,
          },
        }),
    });
    cleanup.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });

    if (devIdp) log(`Development sign-in at ${devIdp.oidc.issuerUrl} (any address, no password: not for production)`);
    // Last: scripts wait for this line.
    log(`Portal: ${config.url}`);
    return { url: config.url, devSignInUrl: devIdp?.oidc.issuerUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Bad agencies or roster files are configuration errors: reported with the file and entry, exit 2. */
function readFile<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof AgenciesFileError || err instanceof RosterFileError) throw new ConfigError([err.message]);
    throw err;
  }
}

async function connectTemporal(config: PortalConfig): Promise<Connection> {
  const { address, tls, apiKey } = config.connection;
  try {
    return await Connection.connect({ address, tls, apiKey, connectTimeout: '10 seconds' });
  } catch (err) {
    throw new Error(`cannot reach Temporal at ${address} (TEMPORAL_ADDRESS): ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Whom someone without access should ask: the teams that issued the directives. */
function issuerContacts(directives: readonly DirectiveDefinition[]): { name: string; email: string }[] {
  const seen = new Map<string, { name: string; email: string }>();
  for (const d of directives) seen.set(d.contacts.issuer.email, { ...d.contacts.issuer });
  return [...seen.values()];
}

async function main(): Promise<void> {
  const config = loadPortalConfig();
  const portal = await startPortal(config);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void portal.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: Error) => {
    const known = err instanceof ConfigError;
    console.error(known ? err.message : err);
    process.exit(known ? 2 : 1);
  });
}

/**
 * How to reach Temporal, read once from the environment. The TLS and API-key variables follow the Temporal CLI's own
 * conventions, so the same settings drive `temporal`, the worker and the `directive` CLI, on a self-hosted cluster
 * or on Temporal Cloud.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConnectionOptions } from '@temporalio/client';
import { describeIssues } from '../domain/zod-issues';

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ConnectionEnv = z.object({
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DIRECTIVES_TASK_QUEUE: z.string().min(1).default('directives'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
});

export interface ConnectionConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  apiKey?: string;
  tls?: ConnectionOptions['tls'];
}

/** A configuration problem that names the variable; entry points print it and exit. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Treats empty strings as unset, as shells often export `VAR=`. */
export function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

export function loadConnectionConfig(env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  const parsed = ConnectionEnv.safeParse(definedEnv(env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, '(environment)'));
  const e = parsed.data;
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.DIRECTIVES_TASK_QUEUE,
    apiKey: e.TEMPORAL_API_KEY,
    tls: tlsOptions(e),
  };
}

/**
 * The connection, or its problems added to `problems`: for entry points that validate their own variables beside it
 * and report every bad one at once.
 */
export function collectConnectionConfig(env: NodeJS.ProcessEnv, problems: string[]): ConnectionConfig | undefined {
  try {
    return loadConnectionConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

function tlsOptions(e: z.infer<typeof ConnectionEnv>): ConnectionOptions['tls'] {
  const certPair = pem(e, 'TEMPORAL_TLS_CLIENT_CERT');
  const key = pem(e, 'TEMPORAL_TLS_CLIENT_KEY');
  if ((certPair === undefined) !== (key === undefined)) {
    throw new ConfigError([
      'TEMPORAL_TLS_CLIENT_CERT_PATH/_DATA and TEMPORAL_TLS_CLIENT_KEY_PATH/_DATA: set both for mTLS, or neither',
    ]);
  }
  const ca = pem(e, 'TEMPORAL_TLS_SERVER_CA_CERT');
  const wanted = e.TEMPORAL_TLS ?? (certPair !== undefined || ca !== undefined || e.TEMPORAL_API_KEY !== undefined);
  if (!wanted) return undefined;
  return {
    serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: ca,
    clientCertPair: certPair && key ? { crt: certPair, key } : undefined,
  };
}

type PemVariable = 'TEMPORAL_TLS_CLIENT_CERT' | 'TEMPORAL_TLS_CLIENT_KEY' | 'TEMPORAL_TLS_SERVER_CA_CERT';

function pem(e: z.infer<typeof ConnectionEnv>, name: PemVariable): Buffer | undefined {
  const data = e[`${name}_DATA`];
  const path = e[`${name}_PATH`];
  if (data && path) throw new ConfigError([`${name}_PATH and ${name}_DATA: set one, not both`]);
  if (data) return Buffer.from(data);
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError([
      `${name}_PATH: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    ]);
  }
}

import path from 'node:path';
import { z } from 'zod';
import { AgenciesStoreEnv } from '../activities/agencies-store';
import { ConfigError, collectConnectionConfig, definedEnv, type ConnectionConfig } from '../client/config';
import { describeIssues } from '../domain/zod-issues';
import { DEFAULT_CLAIM_TIMEOUT_SECONDS } from '../activities/mail/ledger';
import { RecordEnv, recordConfig, type RecordConfig } from '../record/config';

const MailEnv = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://user:pass@host:port or smtps://...' }).optional(),
  MAIL_OUTBOX_DIR: z.string().min(1).default('.data/outbox'),
  MAIL_LEDGER_DIR: z.string().min(1).default('.data/sent-ledger'),
  LEDGER_DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected postgres://user:password@host:5432/database or postgresql://...',
    })
    .optional(),
  // A claim younger than this is never taken over: it must outlast one SMTP attempt (activities/mail/mailer.ts).
  LEDGER_CLAIM_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(60, { error: 'must be at least 60 (seconds), longer than one SMTP attempt' })
    .default(DEFAULT_CLAIM_TIMEOUT_SECONDS),
  MAIL_FROM: z.email().default('directives@example.gov'),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().positive().default(500),
  PORTAL_URL: z
    .url({ protocol: /^https?$/, error: "expected the portal's address, e.g. https://portal.example.gov" })
    .default('http://127.0.0.1:8080'),
});

export interface MailConfig {
  smtpUrl?: string;
  outboxDir: string;
  ledgerDir: string;
  /** When set, the sent-ledger lives in this PostgreSQL database instead of `ledgerDir`. */
  ledgerDatabaseUrl?: string;
  claimTimeoutSeconds: number;
  from: string;
  /** Emails link to the obligation's page in the portal here. */
  portalUrl: string;
}

export interface WorkerConfig {
  connection: ConnectionConfig;
  mail: MailConfig;
  /** The compliance record: RECORD_DATABASE_URL, else RECORD_DIR. */
  record: RecordConfig;
  maxCachedWorkflows: number;
  /** AGENCIES_STORE_DIR: the campaigns' agencies files, read in pages. */
  agenciesStoreDir: string;
}

/** Everything the worker needs, validated together so one run reports every bad variable at once. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const connection = collectConnectionConfig(env, problems);
  const mail = MailEnv.safeParse(definedEnv(env));
  if (!mail.success) problems.push(...describeIssues(mail.error.issues, '(environment)'));
  const store = AgenciesStoreEnv.safeParse(definedEnv(env));
  if (!store.success) problems.push(...describeIssues(store.error.issues, '(environment)'));
  const record = RecordEnv.safeParse(definedEnv(env));
  if (!record.success) problems.push(...describeIssues(record.error.issues, '(environment)'));
  if (problems.length > 0 || !connection || !mail.success || !store.success || !record.success)
    throw new ConfigError(problems);
  const m = mail.data;
  return {
    connection,
    mail: {
      smtpUrl: m.SMTP_URL,
      outboxDir: path.resolve(m.MAIL_OUTBOX_DIR),
      ledgerDir: path.resolve(m.MAIL_LEDGER_DIR),
      ledgerDatabaseUrl: m.LEDGER_DATABASE_URL,
      claimTimeoutSeconds: m.LEDGER_CLAIM_TIMEOUT_SECONDS,
      from: m.MAIL_FROM,
      portalUrl: m.PORTAL_URL,
    },
    record: recordConfig(record.data),
    maxCachedWorkflows: m.WORKER_MAX_CACHED_WORKFLOWS,
    agenciesStoreDir: path.resolve(store.data.AGENCIES_STORE_DIR),
  };
}

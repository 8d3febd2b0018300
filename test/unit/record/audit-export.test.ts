/**
 * `directive audit export` then `directive audit verify`, on the directory backend, and each kind of tampering an
 * auditor must catch: verify exits 1 and names the entry or file.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDirectoryRecordStore, loadSigningKey } from '../../../record';
import { entryBodies } from '../../fixtures/record';
import { cli } from '../cli/run';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const pem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const PLAN = 'Removal plan: 14 hosts, 3 phases.';
const PLAN_SHA = sha256(PLAN);

/** A record of two agencies (DOJ reported its plan with a file) and the environment the CLI reads it from. */
async function world(): Promise<{ env: NodeJS.ProcessEnv; root: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  const store = createDirectoryRecordStore(path.join(root, 'record'));
  const doj = entryBodies('BOD-17-01/DOJ', 0, 4);
  doj[2] = {
    ...doj[2]!,
    event: 'submitted',
    milestoneId: 'plan',
    actor: { channel: 'portal', email: 'officer@doj.example.gov', issuer: 'https://login.example.gov', subject: 's-1' },
    evidence: {
      summary: 'the plan',
      files: [{ name: 'plan.txt', size: PLAN.length, mediaType: 'text/plain', sha256: PLAN_SHA }],
    },
  };
  await store.append(doj);
  await store.append(entryBodies('BOD-17-01/DHS', 0, 2));
  await store.append(entryBodies('BOD-18-01/DOJ', 0, 2));
  mkdirSync(path.join(root, 'evidence'));
  writeFileSync(path.join(root, 'evidence', PLAN_SHA), PLAN);
  const env = {
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'directives-test',
    RECORD_DIR: path.join(root, 'record'),
    EVIDENCE_DIR: path.join(root, 'evidence'),
    AUDIT_SIGNING_KEY: pem(),
  };
  return { env, root };
}

async function exported(): Promise<{ env: NodeJS.ProcessEnv; root: string; out: string }> {
  const w = await world();
  const out = path.join(w.root, 'export');
  const r = await cli(['audit', 'export', 'BOD-17-01', '--out', out], w.env);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return { ...w, out };
}

const verify = (out: string, env: NodeJS.ProcessEnv = {}, ...more: string[]) =>
  cli(['audit', 'verify', out, ...more], env);

function editLines(file: string, edit: (lines: string[]) => string[]): void {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, `${edit(lines).join('\n')}\n`);
}

describe('an audit export', () => {
  test("holds the directive's chains, the evidence named by SHA-256, a manifest and its signature", async () => {
    const { out } = await exported();
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      namespace: string;
      engineVersion: string;
      counts: unknown;
      chains: { obligationId: string; count: number; headHash: string; file: string }[];
      evidence: { sha256: string; names: string[]; file: string }[];
    };
    expect(manifest.namespace).toBe('directives-test');
    expect(manifest.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.counts).toEqual({ obligations: 2, entries: 6, evidenceFiles: 1 });
    expect(manifest.chains.map((c) => [c.obligationId, c.count])).toEqual([
      ['BOD-17-01/DHS', 2],
      ['BOD-17-01/DOJ', 4],
    ]);
    expect(manifest.evidence).toEqual([
      { sha256: PLAN_SHA, file: `evidence/${PLAN_SHA}`, size: PLAN.length, names: ['plan.txt'] },
    ]);
    expect(readFileSync(path.join(out, 'evidence', PLAN_SHA), 'utf8')).toBe(PLAN);
    const lastDoj = readFileSync(path.join(out, 'entries/BOD-17-01/DOJ.jsonl'), 'utf8').trimEnd().split('\n').pop()!;
    expect(manifest.chains[1]!.headHash).toBe((JSON.parse(lastDoj) as { hash: string }).hash);
  });

  test('verifies as it was written', async () => {
    const { out } = await exported();
    const r = await verify(out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`verified: ${out}`);
    expect(r.stdout).toMatch(/signature verified with key SHA256:/);
  });

  test('for one agency holds that agency only', async () => {
    const w = await world();
    const out = path.join(w.root, 'doj');
    const r = await cli(['audit', 'export', 'BOD-17-01', '--agency', 'DOJ', '--out', out], w.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exported 4 entries of 1 obligation(s) and 1 evidence file(s)');
    expect((await verify(out)).code).toBe(0);
  });

  test('of a directive with nothing recorded exits 4', async () => {
    const w = await world();
    const r = await cli(['audit', 'export', 'ED-20-02', '--out', path.join(w.root, 'none')], w.env);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('nothing recorded for ED-20-02');
  });

  test('into a folder that is not empty, or without a signing key, is refused with exit 2', async () => {
    const { env, out } = await exported();
    expect((await cli(['audit', 'export', 'BOD-17-01', '--out', out], env)).stderr).toContain('is not empty');
    const badKey = { ...env, AUDIT_SIGNING_KEY: path.join(out, 'no-such-key.pem') };
    const r = await cli(['audit', 'export', 'BOD-17-01', '--out', `${out}-2`], badKey);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AUDIT_SIGNING_KEY: neither a PEM key nor an existing file');
    // Without the variable, the key `npm start` generates is used; without that file either, the error says so.
    expect(() => loadSigningKey({}, path.join(out, 'absent.pem'))).toThrow(/no signing key: set AUDIT_SIGNING_KEY/);
  });

  test("names the previous export's head hashes, and the next export still contains them", async () => {
    const { env, root, out } = await exported();
    await createDirectoryRecordStore(env.RECORD_DIR!).append(entryBodies('BOD-17-01/DOJ', 4, 2));
    const next = path.join(root, 'next');
    expect((await cli(['audit', 'export', 'BOD-17-01', '--out', next, '--previous', out], env)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(next, 'manifest.json'), 'utf8')) as {
      previous: { manifestSha256: string; heads: Record<string, { seq: number }> };
    };
    expect(manifest.previous.manifestSha256).toBe(sha256(readFileSync(path.join(out, 'manifest.json'))));
    expect(manifest.previous.heads['BOD-17-01/DOJ']!.seq).toBe(3);
    expect((await verify(next)).code).toBe(0);
  });
});

describe('audit verify names what was tampered with', () => {
  const doj = (out: string) => path.join(out, 'entries/BOD-17-01/DOJ.jsonl');

  test('one byte changed in one entry', async () => {
    const { out } = await exported();
    editLines(doj(out), (lines) => lines.map((l, i) => (i === 1 ? l.replace('entry 1', 'entry 7') : l)));
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'FAIL entries/BOD-17-01/DOJ.jsonl line 2 (seq 1): hash does not match its content (the entry was altered)',
    );
    expect(r.stderr).toContain("FAIL entries/BOD-17-01/DOJ.jsonl: SHA-256 differs from the manifest's");
  });

  test('an entry deleted', async () => {
    const { out } = await exported();
    editLines(doj(out), (lines) => lines.filter((_, i) => i !== 1));
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'FAIL entries/BOD-17-01/DOJ.jsonl line 2 (seq 2): has seq 2 where seq 1 belongs (missing or moved)',
    );
    expect(r.stderr).toContain('FAIL entries/BOD-17-01/DOJ.jsonl: 3 entries, the manifest says 4');
  });

  test('the last entry deleted', async () => {
    const { out } = await exported();
    editLines(doj(out), (lines) => lines.slice(0, -1));
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAIL entries\/BOD-17-01\/DOJ.jsonl: head hash \w+ \(seq 2\) is not the manifest's/);
  });

  test('two entries swapped', async () => {
    const { out } = await exported();
    editLines(doj(out), ([a, b, c, d]) => [a!, c!, b!, d!]);
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'FAIL entries/BOD-17-01/DOJ.jsonl line 2 (seq 2): has seq 2 where seq 1 belongs (missing or moved)',
    );
  });

  test('an evidence file changed', async () => {
    const { out } = await exported();
    writeFileSync(path.join(out, 'evidence', PLAN_SHA), `${PLAN} (revised)`);
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`FAIL evidence/${PLAN_SHA}: its SHA-256 is`);
    expect(r.stderr).toContain('(the evidence file was changed)');
  });

  test('the manifest changed', async () => {
    const { out } = await exported();
    const file = path.join(out, 'manifest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"namespace": "directives-test"', '"namespace": "prod"'));
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /FAIL manifest\.json: the signature does not verify with key SHA256:\S+ \(the manifest was changed/,
    );
  });

  test('an export signed by another key than the one required', async () => {
    const { out, root } = await exported();
    const other = path.join(root, 'other.pem');
    writeFileSync(other, pem());
    const r = await verify(out, {}, '--key', other);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FAIL manifest.json: the signature does not verify');
  });

  test('a folder that is no export exits 4, one without a manifest fails naming it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
    expect((await verify(path.join(root, 'nowhere'))).code).toBe(4);
    const r = await verify(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FAIL manifest.json: missing');
  });
});

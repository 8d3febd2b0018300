/** The processes a user starts stop at once on bad configuration, naming the variable — before touching anything. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const root = path.resolve(__dirname, '../../..');
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('npm run worker with an invalid TEMPORAL_ADDRESS stops with a message naming it', () => {
  const r = run('worker/main.ts', { TEMPORAL_ADDRESS: 'no-port-here' });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('TEMPORAL_ADDRESS: expected host:port');
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test('npm start with an invalid SMTP_URL stops before starting a server', () => {
  const r = run('scripts/start.ts', { SMTP_URL: 'mail.example.gov', TEMPORAL_ADDRESS: '127.0.0.1:1' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('SMTP_URL: expected smtp://');
  expect(r.stdout).not.toContain('Temporal dev server on');
});

test('npm start with an agencies file that does not parse names the file and stops', () => {
  const r = run('scripts/start.ts', { TEMPORAL_ADDRESS: '127.0.0.1:1' }, ['--agencies', 'package.json']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('package.json');
  expect(r.stdout).not.toContain('Temporal dev server on');
});

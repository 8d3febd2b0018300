/**
 * `npm run test:unit:clocks`: the unit project under every zone and clock of the matrix, one line per run; exits 1
 * if any run fails. Three machine zones with the real clock, then New York with jest's fake clock
 * (TEST_FAKE_NOW, installed by test/unit/setup/clock.ts) at 00:30 and 23:30 on both 2026 DST-change days: Sun
 * 2026-03-08 (02:00 EST → 03:00 EDT; 00:30 is before the switch, 23:30 after) and Sun 2026-11-01 (02:00 EDT →
 * 01:00 EST). Extra arguments go to jest (e.g. a path to run one file); without them each run must also show the
 * proof test (test/unit/foundation/clock.test.ts) passing under the title that names its clock and zone. The fuzzing
 * suites (test/unit/fuzz) run once, in `npm test`: they generate bad input, and read no clock or zone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Run {
  tz: string;
  fakeNow?: string;
  note: string;
}

const RUNS: Run[] = [
  { tz: 'UTC', note: 'real clock' },
  { tz: 'America/New_York', note: 'real clock' },
  { tz: 'Pacific/Kiritimati', note: 'real clock (UTC+14)' },
  { tz: 'America/New_York', fakeNow: '2026-03-08T00:30:00-05:00', note: 'spring-forward day, 00:30 EST' },
  { tz: 'America/New_York', fakeNow: '2026-03-08T23:30:00-04:00', note: 'spring-forward day, 23:30 EDT' },
  { tz: 'America/New_York', fakeNow: '2026-11-01T00:30:00-04:00', note: 'fall-back day, 00:30 EDT' },
  { tz: 'America/New_York', fakeNow: '2026-11-01T23:30:00-05:00', note: 'fall-back day, 23:30 EST' },
];

interface JestJson {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

const root = path.resolve(__dirname, '..');
const jestBin = require.resolve('jest/bin/jest', { paths: [root] });
const extraArgs = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-clocks-'));

/** The proof test's title under this run's clock and zone (see test/unit/foundation/clock.test.ts). */
function proofTitles(run: Run): string[] {
  return [
    run.fakeNow
      ? `the clock in force is the fake clock, started at TEST_FAKE_NOW=${run.fakeNow}`
      : 'the clock in force is the real clock (TEST_FAKE_NOW is unset)',
    `the zone in force is TZ=${run.tz}`,
  ];
}

function runOnce(run: Run, index: number): boolean {
  const outputFile = path.join(dir, `run-${index}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: run.tz };
  delete env.TEST_FAKE_NOW;
  if (run.fakeNow) env.TEST_FAKE_NOW = run.fakeNow;
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      jestBin,
      '--testPathIgnorePatterns',
      '/test/unit/fuzz/',
      '--selectProjects',
      'unit',
      '--json',
      '--outputFile',
      outputFile,
      ...extraArgs,
    ],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clock = run.fakeNow ? `TEST_FAKE_NOW=${run.fakeNow} (${run.note})` : run.note;
  const label = `TZ=${run.tz.padEnd(18)} ${clock.padEnd(70)}`;
  let json: JestJson | undefined;
  try {
    json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
  } catch {
    json = undefined;
  }
  const problems: string[] = [];
  if (result.status !== 0) problems.push(`jest exited ${result.status ?? result.signal}`);
  if (!json) problems.push('no jest results');
  else {
    if (!json.success) problems.push('jest reports failure');
    if (json.numTotalTests === 0) problems.push('no test ran');
    if (extraArgs.length === 0) {
      const passed = new Set(
        json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'passed').map((a) => a.fullName)),
      );
      for (const title of proofTitles(run)) if (!passed.has(title)) problems.push(`proof "${title}" did not pass`);
    }
  }
  const counts = json
    ? `${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`
    : 'no results';
  const verdict = problems.length === 0 ? 'PASS' : 'FAIL';
  console.log(
    `${verdict}  ${label}  ${counts} (${seconds.toFixed(1)} s)${problems.length ? `: ${problems.join('; ')}` : ''}`,
  );
  if (problems.length) process.stdout.write(`${result.stderr}\n${result.stdout}\n`);
  return problems.length === 0;
}

let failed = 0;
RUNS.forEach((run, index) => {
  if (!runOnce(run, index)) failed += 1;
});
rmSync(dir, { recursive: true, force: true });
console.log(failed === 0 ? `all ${RUNS.length} runs passed` : `${failed} of ${RUNS.length} runs failed`);
process.exit(failed === 0 ? 0 : 1);

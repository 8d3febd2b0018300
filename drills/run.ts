/**
 * `npm run drills`: the crash drills of the README's Reliability section, against real processes. Each prints what it
 * did and its counts; the process exits 1 if any drill does not hold.
 *
 *   npm run drills                                # every drill at full size (bursts of 1,000, a 5-minute SMTP outage)
 *   npm run drills -- --notices 200 --agencies 200 --outage-seconds 30    # a shorter run
 *   npm run drills -- --only 1,3                  # some drills
 */
import { Command, InvalidArgumentError } from 'commander';
import { obtainTemporalCli } from '../scripts/servers/temporal-cli';
import { holds, type DrillReport } from './report';
import { serverKillDrill } from './server-kill';
import { smtpOutageDrill } from './smtp-outage';
import { workerKillDrill } from './worker-kill';

const positive = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError(`${flag} must be a whole number from 1 to 100000`);
  return n;
};

const program = new Command('drills')
  .description('Crash drills: kill the worker, kill the dev server, take the SMTP server down, and count every email')
  .option('--notices <n>', 'notices in each burst', positive('--notices'), 1000)
  .option('--agencies <n>', "agencies in drill 2's campaign", positive('--agencies'), 1000)
  .option('--outage-seconds <s>', "how long drill 3's SMTP server stays down", positive('--outage-seconds'), 300)
  .option('--only <list>', 'drills to run, e.g. 1,3', (v) => {
    const list = v.split(',').map((s) => s.trim());
    const bad = list.find((s) => !['1', '2', '3'].includes(s));
    if (bad !== undefined)
      throw new InvalidArgumentError(`--only: no drill "${bad}" (drills 1, 2, 3; 4 and 5 run in npm test)`);
    return list;
  })
  .parse();

async function main(): Promise<number> {
  const o = program.opts<{ notices: number; agencies: number; outageSeconds: number; only?: string[] }>();
  const only = new Set(o.only ?? ['1', '2', '3']);
  const say = (line: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
  const { path: cliPath } = await obtainTemporalCli({ log: say });
  const reports: DrillReport[] = [];
  const base = { cliPath, say };
  if (only.has('1')) {
    reports.push(await workerKillDrill({ ...base, notices: o.notices, mode: 'outbox' }));
    reports.push(await workerKillDrill({ ...base, notices: o.notices, mode: 'smtp' }));
  }
  if (only.has('2')) reports.push(await serverKillDrill({ ...base, agencies: o.agencies, notices: o.notices }));
  if (only.has('3'))
    reports.push(await smtpOutageDrill({ ...base, notices: o.notices, outageMs: o.outageSeconds * 1000 }));

  console.log('\nSummary');
  for (const r of reports) {
    console.log(`  ${holds(r) ? 'holds        ' : 'DOES NOT HOLD'}  ${r.drill}`);
    for (const [label, value] of r.counts) console.log(`      ${String(value).padStart(7)}  ${label}`);
    for (const p of r.problems) console.log(`      problem: ${p}`);
  }
  return reports.every(holds) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);

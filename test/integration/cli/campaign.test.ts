/**
 * The CLI against the real dev server and a real worker. Each `describe` has a world of its own, so any of them runs
 * alone (`-t '<describe name>'`): a campaign of BOD 17-01 under a fresh id, issued on the latest date that makes
 * `identify` overdue by a whole day while `plan` and the vendor-response window are still a day or more ahead
 * (found from the calendar against the clock: test/fixtures/issuance.ts). The worker is shared by the file. Tests
 * inside a `describe` run in order, as one story about that campaign.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { findDirective } from '../../../domain/library';
import { SCENARIOS, issuanceWhere } from '../../fixtures/issuance';
import { agency, cli, eventually, startDevWorker, tmpDir, uniqueDirectiveFile } from './harness';

const dir = tmpDir('cli-campaign-');
const AGENCIES = ['TA', 'TB', 'TC'];
const agenciesFile = path.join(dir, 'agencies.json');
writeFileSync(agenciesFile, JSON.stringify(AGENCIES.map(agency)));
const BOD_17_01 = findDirective('BOD-17-01')!;
/**
 * A January date three years from now: after any issuance these tests use, and within the ten years after issuance
 * that a new deadline may lie (rules v3). Issuances are at most a few months back, so the year is never off by one.
 */
const LATER_YEAR = new Date().getUTCFullYear() + 3;
const LATER = `${LATER_YEAR}-01-15`;

let worker: Awaited<ReturnType<typeof startDevWorker>>;
let run: (argv: string[]) => ReturnType<typeof cli>;

beforeAll(async () => {
  worker = await startDevWorker(`cli-campaign-${process.pid}-${Date.now()}`);
  run = (argv) => cli(argv, worker.env);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
});

interface CampaignWorld {
  /** The campaign's directive id (BOD 17-01 under a fresh id) and its definition file. */
  D: string;
  definitionFile: string;
  /** The `--issued-at` date, known once the describe's beforeAll ran. */
  issuedAt(): string;
}

/** `directive status D <agency> --json`, parsed. */
const statusIn = (D: string) => async (agencyId: string) =>
  JSON.parse((await run(['status', D, agencyId, '--json'])).stdout);

/**
 * A describe's own campaign: a fresh directive id now; in the describe's beforeAll, the issuance date from the clock,
 * then (unless `start` is false) the campaign started over AGENCIES, every obligation answering, and `prepare` run.
 */
function campaignWorld(
  tag: string,
  opts: { start?: boolean; prepare?: (D: string) => Promise<void> } = {},
): CampaignWorld {
  const { id: D, file: definitionFile } = uniqueDirectiveFile(dir, tag);
  let issuedAt: string | undefined;
  beforeAll(async () => {
    issuedAt = issuanceWhere(BOD_17_01, SCENARIOS.identifyOverdue);
    if (opts.start === false) return;
    const started = await run([
      'campaign',
      'start',
      definitionFile,
      '--agencies',
      agenciesFile,
      '--issued-at',
      issuedAt,
    ]);
    if (started.code !== 0) throw new Error(`campaign start ${D} failed: ${started.stderr}`);
    for (const a of AGENCIES) {
      await eventually(
        () => run(['status', D, a, '--json']),
        (r) => r.code === 0,
      );
    }
    await opts.prepare?.(D);
  });
  return {
    D,
    definitionFile,
    issuedAt() {
      if (!issuedAt) throw new Error('the issuance date is chosen in beforeAll');
      return issuedAt;
    },
  };
}

/** Runs a CLI command a world's preparation needs, and insists that it succeeded. */
async function must(argv: string[]): Promise<void> {
  const r = await run(argv);
  if (r.code !== 0) throw new Error(`directive ${argv.join(' ')}: exit ${r.code}: ${r.stderr}`);
}

const reportIdentify = (D: string, agencyId: string) =>
  must([
    'complete',
    D,
    agencyId,
    'identify',
    '--by',
    `compliance@${agencyId.toLowerCase()}.example.gov`,
    '--evidence',
    'none found',
  ]);

describe('campaign start and status', () => {
  const world = campaignWorld('CS', { start: false });
  const { D, definitionFile } = world;

  it('starts once; the second start starts nothing', async () => {
    const first = await run([
      'campaign',
      'start',
      definitionFile,
      '--agencies',
      agenciesFile,
      '--issued-at',
      world.issuedAt(),
      '--json',
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toEqual({ workflowId: D, started: true, agencies: 3 });
    const second = await run([
      'campaign',
      'start',
      definitionFile,
      '--agencies',
      agenciesFile,
      '--issued-at',
      world.issuedAt(),
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`campaign ${D} already exists: nothing started`);
  });

  it('campaign status --json lists every agency', async () => {
    const status = await eventually(
      async () => JSON.parse((await run(['campaign', 'status', D, '--json'])).stdout),
      (s) => s.agencies.length === 3 && s.agencies.every((a: { phase: string }) => a.phase === 'identify'),
    );
    expect(status.directiveId).toBe(D);
    expect(status.agencies.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual(AGENCIES);
    const text = await run(['campaign', 'status', D]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/TA\s+identify/);
  });

  it('campaign status of an unknown directive is exit 4', async () => {
    const r = await run(['campaign', 'status', 'BOD-00-00-NONE']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('no campaign for directive BOD-00-00-NONE');
  });
});

describe('one agency: status, complete, review', () => {
  const { D } = campaignWorld('CA');
  const statusOf = statusIn(D);

  it('status --json is the status query; text output shows the milestones', async () => {
    const s = await statusOf('TA');
    expect(s).toMatchObject({ directiveId: D, agencyId: 'TA', state: 'active', phase: 'identify', overdue: true });
    const text = await run(['status', D, 'TA']);
    expect(text.stdout).toContain(`${D}/TA: active, phase identify`);
    expect(text.stdout).toContain('OVERDUE');
  });

  it('an unknown agency is exit 4', async () => {
    const r = await run(['status', D, 'NOPE']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`no obligation ${D}/NOPE`);
  });

  it('complete without --evidence is exit 2 naming the option', async () => {
    const r = await run(['complete', D, 'TA', 'identify', '--by', 'compliance@ta.example.gov']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--evidence');
    const bad = await run([
      'complete',
      D,
      'TA',
      'identify',
      '--by',
      'compliance@ta.example.gov',
      '--evidence',
      'x',
      '--evidence-file',
      path.join(dir, 'missing.pdf'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--evidence-file: cannot read');
  });

  it('complete records the evidence file hash and the CLI channel; the same completion again is refused by the engine (exit 3)', async () => {
    const evidence = path.join(dir, 'scan.txt');
    writeFileSync(evidence, 'none found\n');
    const r = await run([
      'complete',
      D,
      'TA',
      'identify',
      '--by',
      'compliance@ta.example.gov',
      '--evidence',
      'scan: none found',
      '--evidence-file',
      evidence,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const identify = JSON.parse(r.stdout).milestones.find((m: { id: string }) => m.id === 'identify');
    expect(identify).toMatchObject({ state: 'completed', late: true });
    expect(identify.evidence).toEqual({
      summary: 'scan: none found',
      sha256: createHash('sha256').update('none found\n').digest('hex'),
    });
    // The engine records who reported it and that it came through the CLI.
    expect(identify.submissions[0].actor).toEqual({ channel: 'cli', email: 'compliance@ta.example.gov' });
    const again = await run([
      'complete',
      D,
      'TA',
      'identify',
      '--by',
      'compliance@ta.example.gov',
      '--evidence',
      'scan: none found',
    ]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^directive: refused: .*identify/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reviewing what was not submitted is refused (exit 3); --approve and --reject together is exit 2', async () => {
    const r = await run([
      'review',
      D,
      'TB',
      'plan',
      '--by',
      'bod-review@example.gov',
      '--approve',
      '--comment',
      'fine',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('refused:');
    const both = await run([
      'review',
      D,
      'TB',
      'plan',
      '--by',
      'bod-review@example.gov',
      '--approve',
      '--reject',
      '--comment',
      'x',
    ]);
    expect(both.code).toBe(2);
  });

  it('submits a plan and the reviewer rejects it', async () => {
    await run(['complete', D, 'TB', 'identify', '--by', 'compliance@tb.example.gov', '--evidence', 'none found']);
    const submitted = await run([
      'complete',
      D,
      'TB',
      'plan',
      '--by',
      'compliance@tb.example.gov',
      '--evidence',
      'plan v1',
      '--evidence-uri',
      'https://docs.tb.example.gov/plan',
    ]);
    expect(submitted.code).toBe(0);
    const rejected = await run([
      'review',
      D,
      'TB',
      'plan',
      '--by',
      'bod-review@example.gov',
      '--reject',
      '--comment',
      'timeline missing',
    ]);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain('plan: rejected');
  });
});

describe('list (visibility)', () => {
  // TA and TB reported identify (late), so they are in plan; TC is overdue on identify.
  const { D } = campaignWorld('CL', {
    prepare: async (D) => {
      await reportIdentify(D, 'TA');
      await reportIdentify(D, 'TB');
    },
  });

  it('--directive --overdue finds the overdue obligations through search attributes', async () => {
    const rows = await eventually(
      async () =>
        JSON.parse((await run(['list', '--directive', D, '--overdue', '--json'])).stdout) as {
          agencyId: string;
          overdue: boolean;
        }[],
      (rs) => rs.length === 1 && rs[0]?.agencyId === 'TC',
    );
    expect(rows[0]).toMatchObject({ workflowId: `${D}/TC`, directiveId: D, phase: 'identify', overdue: true });
    const byPhase = await eventually(
      async () =>
        JSON.parse((await run(['list', '--directive', D, '--phase', 'plan', '--json'])).stdout) as {
          agencyId: string;
        }[],
      (rs) => rs.length === 2,
    );
    expect(byPhase.map((r) => r.agencyId).sort()).toEqual(['TA', 'TB']);
  });

  it('a filter that would break the query is exit 2', async () => {
    const r = await run(['list', '--directive', "x' OR 1=1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--directive');
  });
});

describe('amend, report, rescind', () => {
  // Where the agencies stand: TA reported identify (late); TB reported identify, then its plan was rejected; TC has
  // reported nothing (identify overdue).
  const { D } = campaignWorld('CM', {
    prepare: async (D) => {
      await reportIdentify(D, 'TA');
      await reportIdentify(D, 'TB');
      await must(['complete', D, 'TB', 'plan', '--by', 'compliance@tb.example.gov', '--evidence', 'plan v1']);
      await must([
        'review',
        D,
        'TB',
        'plan',
        '--by',
        'bod-review@example.gov',
        '--reject',
        '--comment',
        'timeline missing',
      ]);
    },
  });
  const statusOf = statusIn(D);

  it('--dry-run shows old and new deadlines and changes nothing', async () => {
    const before = await statusOf('TC');
    const r = await run([
      'amend',
      D,
      '--agency',
      'TC',
      '--agency',
      'TA',
      '--extend',
      'plan',
      '--by-days',
      '30',
      '--reason',
      'relief',
      '--directed-by',
      'DHS',
      '--dry-run',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.dryRun).toBe(true);
    const tc = doc.agencies.find((a: { agencyId: string }) => a.agencyId === 'TC');
    const plan = before.milestones.find((m: { id: string }) => m.id === 'plan');
    expect(tc.oldDueAt).toBe(plan.dueAt);
    expect(Date.parse(tc.newDueAt) - Date.parse(tc.oldDueAt)).toBeGreaterThanOrEqual(
      30 * 24 * 3600 * 1000 - 3600 * 1000,
    );
    expect(tc.effect).toContain('extended by 30 calendar days');
    const text = await run([
      'amend',
      D,
      '--extend',
      'plan',
      '--to',
      LATER,
      '--reason',
      'relief',
      '--directed-by',
      'DHS',
      '--dry-run',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      // The effect is what the obligation's own reducer would record (the previewAmendment query).
      new RegExp(
        `TB .*\\w{3} ${LATER} 23:59 EST +applied: amended:extend .*moved from .* to \\w{3} ${LATER} 23:59 EST`,
      ),
    );
    expect(text.stdout).not.toContain('refused');
    const after = await statusOf('TC');
    expect(after.milestones).toEqual(before.milestones);
    expect(after.amendments).toEqual(before.amendments);
  });

  it('refuses malformed amendments with exit 2 naming the option', async () => {
    const base = ['amend', D, '--reason', 'r', '--directed-by', 'DHS'];
    expect((await run([...base, '--extend', 'plan'])).stderr).toContain(
      '--extend needs exactly one of --to DATE or --by-days N',
    );
    expect((await run([...base, '--extend', 'plan', '--by-days', 'soon'])).stderr).toContain('--by-days');
    expect((await run([...base, '--extend', 'plan', '--to', '15/01/2030'])).stderr).toContain('--to');
    expect((await run([...base, '--waive', 'plan', '--hold', 'plan'])).code).toBe(2);
    expect((await run(['amend', D, '--waive', 'plan', '--directed-by', 'DHS'])).stderr).toContain('--reason');
  });

  it('extends one agency through the campaign', async () => {
    const r = await run([
      'amend',
      D,
      '--agency',
      'TC',
      '--extend',
      'identify',
      '--to',
      LATER,
      '--reason',
      'relief',
      '--directed-by',
      'DHS',
      '--amendment-id',
      'ext-tc-1',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      amendmentId: 'ext-tc-1',
      agencies: [{ agencyId: 'TC', outcome: 'applied' }],
    });
    const s = await eventually(
      () => statusOf('TC'),
      (x) => x.amendments.includes('ext-tc-1'),
    );
    expect(s.overdue).toBe(false);
    expect(s.milestones.find((m: { id: string }) => m.id === 'identify').dueAt).toBe(
      `${LATER_YEAR}-01-16T04:59:59.999Z`,
    );
  });

  it('holds, resumes and waives through the campaign, each recorded in the obligation', async () => {
    const amend = (flags: string[], id: string) =>
      run([
        'amend',
        D,
        '--agency',
        'TB',
        ...flags,
        '--reason',
        'vendor review',
        '--directed-by',
        'DHS',
        '--amendment-id',
        id,
      ]);
    expect((await amend(['--hold', 'plan'], 'hold-tb')).code).toBe(0);
    let s = await eventually(
      () => statusOf('TB'),
      (x) => x.amendments.includes('hold-tb'),
    );
    expect(s.milestones.find((m: { id: string }) => m.id === 'plan').held).toBe(true);

    expect((await amend(['--resume', 'plan'], 'resume-tb')).code).toBe(0);
    s = await eventually(
      () => statusOf('TB'),
      (x) => x.amendments.includes('resume-tb'),
    );
    expect(s.milestones.find((m: { id: string }) => m.id === 'plan').held).toBe(false);

    expect((await amend(['--waive', 'plan'], 'waive-tb')).code).toBe(0);
    s = await eventually(
      () => statusOf('TB'),
      (x) => x.amendments.includes('waive-tb'),
    );
    expect(s.milestones.find((m: { id: string }) => m.id === 'plan').state).toBe('waived');
    expect(
      s.history.filter((h: { event: string }) => h.event.startsWith('amended:')).map((h: { event: string }) => h.event),
    ).toEqual(['amended:hold', 'amended:resume', 'amended:waive']);
    // The same amendment id again changes nothing.
    const again = await amend(['--waive', 'plan'], 'waive-tb');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged');
  });

  it('decide --uphold before the gate: remove opens as scheduled; a second decision is refused (exit 3)', async () => {
    const r = await run([
      'decide',
      D,
      '--uphold',
      '--by',
      'DHS Secretary',
      '--reason',
      'the response does not change the finding',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).detail).toContain('opens as scheduled');
    const second = await run(['decide', D, '--rescind', '--by', 'DHS Secretary', '--reason', 'changed mind']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('already made: uphold');
  });

  it('an unknown agency in an amendment is exit 4', async () => {
    const r = await run(['amend', D, '--agency', 'ZZ', '--waive', 'plan', '--reason', 'r', '--directed-by', 'DHS']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('ZZ');
  });

  it('report: one CSV row per agency, to stdout or --out; JSON too', async () => {
    const r = await run(['report', D]);
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    expect(rows.map((x) => x.agencyId).sort()).toEqual(AGENCIES);
    const ta = rows.find((x) => x.agencyId === 'TA')!;
    expect(ta).toMatchObject({
      name: 'Agency TA',
      phase: 'plan',
      'identify.state': 'completed',
      'identify.late': 'true',
    });
    expect(rows.find((x) => x.agencyId === 'TC')!.amendments).toContain('ext-tc-1');
    const out = path.join(dir, 'report.json');
    const j = await run(['report', D, '--format', 'json', '--out', out]);
    expect(j.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).agencies).toHaveLength(3);
    expect((await run(['report', D, '--format', 'xml'])).code).toBe(2);
  });

  it('decide needs exactly one of --uphold/--rescind; rescind ends every obligation', async () => {
    expect((await run(['decide', D, '--by', 'DHS', '--reason', 'r'])).code).toBe(2);
    const r = await run(['rescind', D, '--reason', 'superseded', '--directed-by', 'DHS Secretary']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = await eventually(
      () => statusOf('TB'),
      (x) => x.state === 'rescinded',
    );
    expect(s.phase).toBe('rescinded');
  });
});

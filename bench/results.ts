/**
 * Where benchmark figures go: printed as a table, and written to `bench/results/<name>.json` with what they were
 * measured on (cores, memory, Node and SDK versions, the date), so a figure can be compared and reproduced.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal it is measured against, if there is one, e.g. "p99 < 300 ms". */
  target?: string;
  met?: boolean;
}

function sdkVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('@temporalio/client/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    temporalSdk: sdkVersion(),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResults(name: string, figures: Figure[], details: Record<string, unknown> = {}): string {
  const dir = path.resolve(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const doc = { benchmark: name, measuredAt: new Date().toISOString(), machine: machine(), figures, ...details };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

export function printTable(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures)
    console.log(
      `  ${f.name.padEnd(width)}  ${f.value.toFixed(f.value < 10 ? 2 : 0).padStart(9)} ${f.unit.padEnd(6)}${f.target ? `  target ${f.target}: ${f.met ? 'met' : 'MISSED'}` : ''}`,
    );
}

/** The q-quantile (0..1) of `values`, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * An engine figure beside its baseline twin's (the plain Temporal program for the same job, same run, same server),
 * and their ratio oriented so that higher is better: engine/baseline for a rate, baseline/engine for a time or a size.
 * 1.0 is as good as plain Temporal; the goal is at least 0.7. Values below `resolution` (e.g. 1 ms, what history times
 * resolve) count as `resolution`, so two lags of 0 ms compare as equal rather than as 0/0.
 */
export function compared(
  name: string,
  unit: string,
  values: { engine: number; baseline: number },
  opts: { better: 'higher' | 'lower'; resolution?: number; target?: string; met?: boolean },
): Figure[] {
  const floor = opts.resolution ?? 0;
  const engine = Math.max(values.engine, floor);
  const baseline = Math.max(values.baseline, floor);
  const ratio = opts.better === 'higher' ? engine / baseline : baseline / engine;
  const orientation = opts.better === 'higher' ? 'engine/baseline' : 'baseline/engine';
  return [
    { name: `${name}, engine`, value: values.engine, unit, target: opts.target, met: opts.met },
    { name: `${name}, baseline`, value: values.baseline, unit },
    { name: `${name}, ${orientation}`, value: ratio, unit: 'x', target: '>= 0.7', met: ratio >= 0.7 },
  ];
}

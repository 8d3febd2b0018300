/** What a drill did and found: printed as it goes, summed up at the end, and judged (holds or not). */
export interface DrillReport {
  drill: string;
  /** Figures, in the order they were taken, e.g. ["notices due", 1000]. */
  counts: [string, number][];
  /** Each way the drill did not hold; empty when it held. */
  problems: string[];
}

export type Say = (line: string) => void;

export class DrillRecorder {
  readonly report: DrillReport;

  constructor(
    drill: string,
    private readonly say: Say,
  ) {
    this.report = { drill, counts: [], problems: [] };
  }

  step(line: string): void {
    this.say(`[${this.report.drill}] ${line}`);
  }

  count(label: string, value: number): void {
    this.report.counts.push([label, value]);
    this.step(`${label}: ${value}`);
  }

  /** Records a problem when `ok` is false. */
  expect(ok: boolean, problem: string): void {
    if (!ok) {
      this.report.problems.push(problem);
      this.step(`DOES NOT HOLD: ${problem}`);
    }
  }
}

export function holds(report: DrillReport): boolean {
  return report.problems.length === 0;
}

/** A few items of a long list, for a message a person reads. */
export function some(items: string[], n = 5): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} … (${items.length} in all)`;
}

/**
 * A worker process's resident memory, sampled from /proc/<pid>/status (Linux) while a benchmark runs: the peak of the
 * samples. Not VmHWM, the kernel's own peak, which would count bundling the workflow code at start-up.
 */
import { readFileSync } from 'node:fs';

/** VmRSS in bytes from the text of /proc/<pid>/status, or undefined when absent. */
export function residentBytes(status: string): number | undefined {
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

export interface RssSampler {
  /** The highest sample so far, in bytes. */
  peak(): number;
  stop(): void;
}

export function sampleRss(pid: number, everyMs = 1_000): RssSampler {
  let peak = 0;
  const sample = (): void => {
    try {
      peak = Math.max(peak, residentBytes(readFileSync(`/proc/${pid}/status`, 'utf8')) ?? 0);
    } catch {
      // The process has exited: keep the peak seen.
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}

// Shared shape of a benchmark: each bench/<name>.bench.ts default-exports a Bench whose run() measures its
// subject side by side with its baseline(s) in the same run and returns rows; bench/run.ts prints them and
// writes them into docs/performance.md.
import { readFileSync } from 'node:fs';

export interface BenchRow {
  /** What was measured, e.g. "pass-through bolt (stp Bolt)". */
  readonly name: string;
  /** The figure, e.g. 51234. */
  readonly value: number;
  /** Its unit, e.g. "tuples/s", "ms", "MB". */
  readonly unit: string;
  /** Optional ratio against the baseline, e.g. 0.93 (printed as "0.93x of <baseline>"). */
  readonly ratio?: { readonly value: number; readonly of: string; readonly goal?: string };
}

export interface Bench {
  /** Stable id, used for the section in docs/performance.md and to pick benches: `npm run bench -- <id>`. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences: what is measured and how. */
  readonly method: string;
  run(): Promise<BenchRow[]>;
}

/** Median of a sample (benchmarks report medians of repeated runs). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** utime + stime of a process, in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

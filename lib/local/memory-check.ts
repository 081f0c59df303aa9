// Before a single process starts: do the run's tasks fit in this machine's memory? Every task is a process of
// its own (~47 MB for a bundled TypeScript component, see docs/performance.md), so `p: 10000` would take the
// machine down long before it got to run; it is refused with one line instead.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { LocalRunError } from './errors.js';

/** What one task's process takes: the idle RSS of a bundled component measured by `npm run bench -- multilang`. */
export const TASK_RSS_MB = 48;

/** Memory the machine can give without swapping: MemAvailable of /proc/meminfo, else the free memory. */
export function availableMemoryMb(): number {
  try {
    const kb = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // not Linux: fall back to what Node knows
  }
  return os.freemem() / (1024 * 1024);
}

/** Throws LocalRunError when `tasks` processes would not fit in `availableMb`. */
export function checkMemory(topology: string, tasks: number, availableMb = availableMemoryMb()): void {
  const expectedMb = tasks * TASK_RSS_MB;
  if (expectedMb <= availableMb) return;
  throw new LocalRunError(
    `topology '${topology}' would start ${tasks} tasks, about ${gb(expectedMb)} at ${TASK_RSS_MB} MB each, more than the ${gb(availableMb)} ` +
      'this machine has available; lower the parallelism (p, tasks), or pass --no-memory-check to start them anyway',
  );
}

function gb(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

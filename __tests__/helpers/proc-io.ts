// Whether a process has stopped reading or writing, from its byte counters in /proc/<pid>/io.
import { readFileSync } from 'node:fs';

/**
 * A condition for until(): true once the process's `counter` (rchar: bytes read, wchar: bytes written) stayed put
 * over 10 polls in a row. `last()` is the latest value read.
 */
export function ioCounterSteady(pid: number, counter: 'rchar' | 'wchar'): { (): boolean; last(): number } {
  const pattern = new RegExp(`^${counter}: (\\d+)$`, 'm');
  let last = -1;
  let same = 0;
  const steady = (): boolean => {
    const value = Number(pattern.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
    same = value === last ? same + 1 : 0;
    last = value;
    return same >= 10;
  };
  return Object.assign(steady, { last: () => last });
}

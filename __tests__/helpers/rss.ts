// Resident memory of a process, read from /proc: the memory tests bound growth with it, sampled while they run.
import { readFileSync } from 'node:fs';

/** RSS of `pid` in MB, or undefined once the process is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of the processes `pids()` names every 50 ms and keeps each one's highest, until stopped. */
export class RssSampler {
  readonly peakMb = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly pids: () => readonly number[]) {
    this.#timer = setInterval(() => this.sample(), 50);
  }

  sample(): void {
    for (const pid of this.pids()) {
      const mb = rssMb(pid);
      if (mb !== undefined && mb > (this.peakMb.get(pid) ?? 0)) this.peakMb.set(pid, mb);
    }
  }

  /** The highest RSS seen of any of the processes. */
  get maxMb(): number {
    return Math.max(0, ...this.peakMb.values());
  }

  stop(): void {
    clearInterval(this.#timer);
    this.sample();
  }
}

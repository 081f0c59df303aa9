// Finding every process a test's command started, grandchildren and reparented orphans included: the command gets
// an environment variable of its own, which every process it starts inherits, and /proc tells who has it.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMark {
  /** `NAME=value`, as /proc/<pid>/environ holds it. */
  readonly mark: string;
  /** To spread into the command's environment. */
  readonly env: Readonly<Record<string, string>>;
}

export interface MarkedProcess {
  readonly pid: number;
  /** The program's name (/proc/<pid>/comm). */
  readonly comm: string;
  /** Its parent's pid (/proc/<pid>/stat). */
  readonly ppid: number;
  /** Its arguments (/proc/<pid>/cmdline). */
  readonly argv: readonly string[];
}

/** A mark no other test's processes carry. */
export function processMark(name: string): ProcessMark {
  const value = `${process.pid}-${Date.now()}`;
  return { mark: `${name}=${value}`, env: { [name]: value } };
}

/** Every live process (of this user) that carries the mark. */
export function markedProcesses(mark: ProcessMark): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(mark.mark)) continue;
      // stat is `pid (comm) state ppid …`; comm may hold spaces and parentheses, so the fields start after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(entry), comm: readFileSync(`/proc/${entry}/comm`, 'utf8').trim(), ppid, argv: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

/** SIGKILLs every marked process (each may lead a group of its own, out of reach of its parent's group). */
export function killMarked(mark: ProcessMark): void {
  for (const { pid } of markedProcesses(mark)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

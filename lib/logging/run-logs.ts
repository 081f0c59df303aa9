// Keeping a project's local log folder to the last N runs, as Storm's logviewer cleans up old worker logs: each
// `stp run` writes one file per task process (and one more per restart), so `logs/` would grow without end.
// The file names carry no run, so runs are told apart by time: `.stp-runs.json` in the folder lists when each
// run started (and its stp process). When a run starts, every log file last written before the oldest kept run
// started belongs to a run that is no longer kept, and is deleted. A run still going (its stp process is alive)
// is always kept, so a concurrent run never loses the file it writes.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseLogName } from './log-name.js';

/** The runs' record in the log folder. */
export const RUNS_FILE = '.stp-runs.json';

/** How many runs' logs are kept when config.json does not say (`local_log.keep_runs`). */
export const DEFAULT_KEEP_RUNS = 10;

interface RunEntry {
  /** When the run started (ms since the epoch). */
  readonly started: number;
  /** The stp process of the run. */
  readonly pid: number;
  readonly topology: string;
}

export interface PrunedLogs {
  /** Log files deleted (rotated copies included). */
  readonly deleted: number;
  /** Runs whose logs are kept, the new one included. */
  readonly keptRuns: number;
}

/**
 * Records a run starting now in `dir` and deletes the log files of runs beyond the last `keepRuns`. Files that
 * cannot be read or deleted are left as they are: pruning never stops a run.
 */
export function pruneRunLogs(dir: string, keepRuns: number, run: { topology: string; pid?: number; now?: number }): PrunedLogs {
  const current: RunEntry = { started: run.now ?? Date.now(), pid: run.pid ?? process.pid, topology: run.topology };
  const runs = [...readRuns(dir), current].sort((a, b) => a.started - b.started);
  const newest = runs.slice(-keepRuns);
  const kept = runs.filter((entry) => newest.includes(entry) || (entry !== current && alive(entry.pid)));
  let deleted = 0;
  // Until as many runs as are kept have been recorded, nothing tells an old file from a kept run's: keep all.
  if (runs.length > keepRuns) {
    const cutoff = Math.min(...kept.map((entry) => entry.started));
    for (const name of listDir(dir)) {
      if (parseLogName(name) === undefined) continue;
      const file = path.join(dir, name);
      try {
        if (statSync(file).mtimeMs >= cutoff) continue;
        rmSync(file, { force: true });
        deleted++;
      } catch {
        // gone already, or not ours to delete
      }
    }
  }
  writeRuns(dir, kept);
  return { deleted, keptRuns: kept.length };
}

function readRuns(dir: string): RunEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, RUNS_FILE), 'utf8'));
  } catch {
    // No record yet (or a damaged one): the runs start being counted from here.
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is RunEntry =>
      typeof entry === 'object' && entry !== null && Number.isFinite(entry.started) && Number.isInteger(entry.pid) && typeof entry.topology === 'string',
  );
}

function writeRuns(dir: string, runs: readonly RunEntry[]): void {
  const file = path.join(dir, RUNS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // Whole or not at all: a run starting at the same moment reads either record, never half of one.
    writeFileSync(temp, `${JSON.stringify(runs, null, 1)}\n`);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether the run's stp process is still going (a pid reused by another program does not count, where /proc tells). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('stp');
  } catch {
    // No /proc (not Linux): the pid is all there is to go by.
    return !existsSync('/proc/self');
  }
}

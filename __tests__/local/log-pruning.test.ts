// The project's logs/ keeps the last `local_log.keep_runs` runs (issue 27 item 10): one file per task per
// restart used to pile up without end. Unit cases of the pruning over a real folder, then real `stp run`s.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pruneRunLogs, RUNS_FILE } from '../../lib/logging/run-logs.js';
import { killTree, runTreeSync, startTree } from '../helpers/process-tree.js';
import { copyWordcount, type TempProject } from '../helpers/temp-project.js';
import { until } from '../helpers/until.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stp.js');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function logDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-prune-'));
  dirs.push(dir);
  return dir;
}

/** A file last written at `at` (ms since the epoch). */
function file(dir: string, name: string, at: number): void {
  writeFileSync(path.join(dir, name), 'x\n');
  utimesSync(path.join(dir, name), at / 1000, at / 1000);
}

function runs(dir: string): { started: number; pid: number; topology: string }[] {
  return JSON.parse(readFileSync(path.join(dir, RUNS_FILE), 'utf8')) as { started: number; pid: number; topology: string }[];
}

// A pid no process has: the runs these stand for are over.
const GONE = 2 ** 22 + 1;
const HOUR = 3600_000;

describe('pruneRunLogs', () => {
  it('keeps everything until as many runs as are kept have been recorded', () => {
    const dir = logDir();
    const t0 = Date.now() - 10 * HOUR;
    file(dir, 'stp.wc.count.1.100.log', t0 - HOUR);
    expect(pruneRunLogs(dir, 2, { topology: 'wc', pid: GONE, now: t0 })).toEqual({ deleted: 0, keptRuns: 1 });
    expect(pruneRunLogs(dir, 2, { topology: 'wc', pid: GONE, now: t0 + HOUR })).toEqual({ deleted: 0, keptRuns: 2 });
    expect(readdirSync(dir).sort()).toEqual(['.stp-runs.json', 'stp.wc.count.1.100.log']);
    expect(runs(dir).map((r) => r.started)).toEqual([t0, t0 + HOUR]);
  });

  it('deletes the files (rotated copies and the old name scheme included) of runs beyond the last N, and nothing else', () => {
    const dir = logDir();
    const t0 = Date.now() - 10 * HOUR;
    for (let i = 0; i < 3; i++) pruneRunLogs(dir, 2, { topology: 'wc', pid: GONE, now: t0 + i * HOUR });
    // Run 1 (t0) is already beyond the last two at run 3: its files go at run 3, before these are written.
    file(dir, 'stp.wc.count.1.101.log', t0 + 1.5 * HOUR); // run 2
    file(dir, 'stp.wc.count.1.101.log.1', t0 + 1.2 * HOUR); // run 2, rotated
    file(dir, 'stp_wc_count_2_102.log', t0 + 1.1 * HOUR); // run 2, the legacy name
    file(dir, 'stp.wc.count.1.103.log', t0 + 2.5 * HOUR); // run 3
    file(dir, 'notes.txt', t0 - HOUR); // not a log file of stp
    const result = pruneRunLogs(dir, 2, { topology: 'wc', pid: GONE, now: t0 + 3 * HOUR });
    expect(result).toEqual({ deleted: 3, keptRuns: 2 });
    expect(readdirSync(dir).sort()).toEqual(['.stp-runs.json', 'notes.txt', 'stp.wc.count.1.103.log']);
    expect(runs(dir).map((r) => r.started)).toEqual([t0 + 2 * HOUR, t0 + 3 * HOUR]);
  });

  it('never prunes a run whose stp process is still going', async () => {
    const dir = logDir();
    const t0 = Date.now() - 10 * HOUR;
    // A process whose command line names stp, as a running `stp run` does.
    const running = startTree('sh', ['-c', 'sleep 60', 'stp-run-still-going'], { stdio: 'ignore' });
    try {
      await until(() => existsSync(`/proc/${running.pid}/cmdline`) && readFileSync(`/proc/${running.pid}/cmdline`, 'utf8').includes('stp'), 10000, 'the process');
      pruneRunLogs(dir, 1, { topology: 'long', pid: running.pid!, now: t0 });
      file(dir, 'stp.long.count.1.200.log', t0 + 0.5 * HOUR);
      pruneRunLogs(dir, 1, { topology: 'wc', pid: GONE, now: t0 + HOUR });
      file(dir, 'stp.wc.count.1.201.log', t0 + 1.5 * HOUR);
      // The long run, older but still going, holds the cutoff at its start: the wc run in between keeps its file too.
      expect(pruneRunLogs(dir, 1, { topology: 'wc', pid: GONE, now: t0 + 2 * HOUR })).toEqual({ deleted: 0, keptRuns: 2 });
      expect(readdirSync(dir).sort()).toEqual(['.stp-runs.json', 'stp.long.count.1.200.log', 'stp.wc.count.1.201.log']);
      expect(runs(dir).map((r) => r.topology)).toEqual(['long', 'wc']);
      // Once it is over, the next run keeps only itself.
      killTree(running);
      await until(() => !existsSync(`/proc/${running.pid}/cmdline`) || !readFileSync(`/proc/${running.pid}/cmdline`, 'utf8').includes('stp'), 10000, 'the process to end');
      expect(pruneRunLogs(dir, 1, { topology: 'wc', pid: GONE, now: t0 + 3 * HOUR })).toEqual({ deleted: 2, keptRuns: 1 });
      expect(readdirSync(dir)).toEqual(['.stp-runs.json']);
    } finally {
      killTree(running);
    }
  });

  it('starts counting again from a damaged record', () => {
    const dir = logDir();
    writeFileSync(path.join(dir, RUNS_FILE), '{ not json');
    file(dir, 'stp.wc.count.1.100.log', Date.now() - HOUR);
    expect(pruneRunLogs(dir, 1, { topology: 'wc', pid: GONE })).toEqual({ deleted: 0, keptRuns: 1 });
    expect(runs(dir)).toHaveLength(1);
  });
});

describe('stp run keeps local_log.keep_runs runs in logs/', () => {
  let project: TempProject;
  beforeAll(() => {
    project = copyWordcount();
    project.writeConfig({ local_log: { keep_runs: 1 } });
  });
  afterAll(() => project.remove());

  const logs = (): string[] => readdirSync(path.join(project.dir, 'logs')).filter((name) => name.endsWith('.log'));
  const run = () => runTreeSync(process.execPath, [bin, 'run', 'wordcount', '-t', '1'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 90000 });

  it('a second run deletes the first run\'s files and keeps its own', () => {
    const first = run();
    expect(first.status).toBe(0);
    const firstFiles = logs();
    // One file per task: 2 spouts and 4 counters.
    expect(firstFiles).toHaveLength(6);
    const second = run();
    expect(second.status).toBe(0);
    const secondFiles = logs();
    expect(secondFiles).toHaveLength(6);
    expect(secondFiles.filter((name) => firstFiles.includes(name))).toEqual([]);
  });

  it('a bad value is one line naming the key', () => {
    project.writeConfig({ local_log: { keep_runs: 0 } });
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('local_log.keep_runs');
  });
});

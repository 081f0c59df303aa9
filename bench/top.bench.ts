// `stp top`'s own CPU at a 2 s interval, watching a word count on the Thrift server playing Nimbus (which runs in
// this process, so its work is not counted): the live Ink view on a terminal (a pseudo-terminal from `script`),
// and --json records on a pipe, each against a node process that only wakes every 2 s. CPU is utime + stime of
// the stp process from /proc over a steady minute, after the first frames.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeCluster } from '../__tests__/top/fake-cluster.js';
import type { Bench, BenchRow } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/stp.js');
const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux
const WARM_UP_MS = 8000;
const MEASURE_MS = 60_000;
const BUDGET = 0.02;

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The node process among `pid`'s descendants (script runs stp in a shell). */
function nodeUnder(pid: number): number | undefined {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  for (const child of children) {
    const comm = readFileSync(`/proc/${child}/comm`, 'utf8').trim();
    if (comm === 'node' || comm.startsWith('MainThread')) return child;
    const deeper = nodeUnder(child);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Share of one core used by the process over MEASURE_MS, after WARM_UP_MS. */
async function coreShare(child: ChildProcess, pidOf: () => number | undefined): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  const pid = pidOf();
  if (pid === undefined || child.exitCode !== null) throw new Error('the measured process is not running');
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const share = (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
  return share;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('close', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

const bench: Bench = {
  id: 'top',
  title: 'stp top: its own CPU at a 2 s interval',
  method:
    '`stp top wordcount --interval 2` watching a word count on the Thrift server playing Nimbus (in the bench process, not counted): ' +
    'utime + stime of the stp process from /proc over 60 s after 8 s of warm-up, as a share of one core; the live Ink view runs on a ' +
    'pseudo-terminal (`script`), --json on a pipe; beside them a node process that only wakes every 2 s. Goal: under 2% of one core.',
  async run(): Promise<BenchRow[]> {
    const cluster = await startFakeCluster();
    const { CI: _ci, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = { ...inherited, NO_COLOR: '1' };
    const children: ChildProcess[] = [];
    try {
      const command = `${process.execPath} ${bin} top wordcount --interval 2`;
      const live = spawn('script', ['-qfc', command, '/dev/null'], { cwd: cluster.project, env: { ...env, TERM: 'xterm-256color', COLUMNS: '110', LINES: '30' }, stdio: ['pipe', 'ignore', 'ignore'] });
      children.push(live);
      const json = spawn(process.execPath, [bin, 'top', 'wordcount', '--interval', '2', '--json'], { cwd: cluster.project, env, stdio: ['ignore', 'ignore', 'ignore'] });
      children.push(json);
      const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 2000)'], { stdio: 'ignore' });
      children.push(idle);
      const [liveShare, jsonShare, idleShare] = await Promise.all([
        coreShare(live, () => nodeUnder(live.pid!)),
        coreShare(json, () => json.pid),
        coreShare(idle, () => idle.pid),
      ]);
      const pct = (share: number) => share * 100;
      return [
        { name: 'stp top, live Ink view on a terminal, 2 s interval', value: pct(liveShare), unit: '% of one core', ratio: { value: liveShare / BUDGET, of: 'the 2% budget', goal: '< 1' } },
        { name: 'stp top --json on a pipe, 2 s interval', value: pct(jsonShare), unit: '% of one core', ratio: { value: jsonShare / BUDGET, of: 'the 2% budget', goal: '< 1' } },
        { name: 'node process waking every 2 s (floor)', value: pct(idleShare), unit: '% of one core' },
      ];
    } finally {
      await Promise.all(children.map(stop));
      await cluster.close();
    }
  },
};

export default bench;

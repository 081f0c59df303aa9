// Issue 27 item 3 on `stp run` with real processes: a fast spout emitting 8 KB tuples without ids into a bolt
// that takes 5 ms a tuple, topology.max.spout.pending unset. Before, the bolt's runtime read its stdin eagerly
// into its own queue: the bolt's process and the engine grew without limit while the view said `queued 1`, and
// the stop dropped the tuples in flight without a word. Now the bolt's process and the engine (the stp process)
// stay under a generous RSS bound sampled from /proc, `queued` counts what waits inside the component, and the
// summary says how many tuples without ids were dropped at the stop.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killMarked, markedProcesses, processMark } from '../helpers/marked-processes.js';
import { killTree, startTree } from '../helpers/process-tree.js';
import { RssSampler } from '../helpers/rss.js';
import { until } from '../helpers/until.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.join(here, 'fixtures/project');
const bin = path.resolve(here, '../../bin/stp.js');
// Generous: an idle task is about 50 MB and the engine about 100 MB. Unbounded, the spout's ~40 MB a second of
// payload piles up in one of them within seconds; bounded, a thousand queued tuples are 8 MB.
const TASK_BOUND_MB = 250;
const ENGINE_BOUND_MB = 350;
// Tuples the bolt must have acked (5 ms each: 7 s or more) before the run is stopped.
const ACKED = 1500;

let child: ChildProcess | undefined;
afterAll(() => {
  if (child) killTree(child);
  rmSync(path.join(project, '_build', 'flood'), { recursive: true, force: true });
});

it('a bolt slower than its unreliable spout: bounded memory, `queued` counts what waits inside it, the dropped tuples are stated', async () => {
  const mark = processMark('STP_TEST_FLOOD');
  child = startTree(process.execPath, [bin, 'run', 'flood', '-o', 'fixture.bytes=8000'], { cwd: project, env: { ...process.env, NO_COLOR: '1', ...mark.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  let boltPid: number | undefined;
  const engine = new RssSampler(() => [child!.pid!]);
  const bolt = new RssSampler(() => (boltPid === undefined ? [] : [boltPid]));
  // The plain view's stats lines: `[   6s] drain  emitted 0 (0/s)  acked 846 (161/s) ... queued 954`.
  const drainLines = (): { acked: number; queued: number }[] =>
    [...out.matchAll(/\] drain\s+emitted \S+ \(\S+\)\s+acked (\d+) \(\S+\).*?(?:queued (\S+))?$/gm)].map((m) => ({ acked: Number(m[1]), queued: count(m[2] ?? '0') }));
  try {
    await until(() => out.includes("topology 'flood' started") || child!.exitCode !== null, 60_000, 'the start');
    expect(stderr).toBe('');
    await until(() => (boltPid = markedProcesses(mark).find((p) => p.argv.includes('drain.js'))?.pid) !== undefined, 10_000, "the bolt's process");
    // Growth past a bound ends the wait at once: that is the failure this test is about.
    const over = (): boolean => bolt.maxMb >= TASK_BOUND_MB || engine.maxMb >= ENGINE_BOUND_MB;
    await until(() => drainLines().some((l) => l.acked >= ACKED) || over() || child!.exitCode !== null, 120_000, `the bolt to ack ${ACKED} tuples`);
    bolt.stop();
    engine.stop();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    bolt.stop();
    engine.stop();
    killTree(child);
    killMarked(mark);
  }
  process.stdout.write(`slow bolt: bolt peak ${bolt.maxMb.toFixed(0)} MB, engine (stp) peak ${engine.maxMb.toFixed(0)} MB\n`);
  expect(bolt.maxMb).toBeGreaterThan(0);
  expect(bolt.maxMb).toBeLessThan(TASK_BOUND_MB);
  expect(engine.maxMb).toBeLessThan(ENGINE_BOUND_MB);
  // Far more than the one tuple the bolt works on: what waits in its runtime's queue and the pipe counts too.
  const queued = Math.max(...drainLines().map((l) => l.queued));
  expect(queued).toBeGreaterThan(100);
  expect(queued).toBeLessThan(20_000);
  // The summary: every tuple the spout sent that the bolt did not ack was in flight at the stop, and is said dropped.
  const row = (component: string): string[] => out.split('\n').find((line) => line.startsWith(`${component} `))!.trim().split(/\s+/);
  const transferred = Number(row('flood')[4]);
  const acked = Number(row('drain')[5]);
  const dropped = /^(\d+) tuples without a message id \(no tree tracks them\) were still in flight when the run stopped and were dropped/m.exec(out);
  expect(dropped).not.toBeNull();
  expect(Number(dropped![1])).toBe(transferred - acked);
  expect(Number(dropped![1])).toBeGreaterThan(0);
}, 300_000);

/** `954`, `1.2k` (formatCount) as a number. */
function count(text: string): number {
  return text.endsWith('k') ? Number(text.slice(0, -1)) * 1000 : text.endsWith('M') ? Number(text.slice(0, -1)) * 1e6 : Number(text);
}

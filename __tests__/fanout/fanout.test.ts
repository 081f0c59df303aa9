// Issue 23's proof on `stp run` with real processes: a bolt that emits 20,000 tuples per input, in front of a sink
// slower than it, for a fixed number of spout tuples. Every spout tuple is acked, nothing crashes, and the fan-out
// bolt's process and the engine (the stp process) stay under a generous RSS bound sampled from /proc. Before the
// bounded runtime the fan-out process reached 875 MB and died of V8's string limit; before the engine's write queue
// flushed on its own, this run moved ~190 tuples a second and took some 1,000 s. The second case is the issue's own
// scale: a million emits in one synchronous process(); before the protocol's writes waited for a full pipe, they all
// piled up in the bolt's stdout stream (626 MB of RSS at this size).
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree, startTree } from '../helpers/process-tree.js';
import { RssSampler } from '../helpers/rss.js';
import { until } from '../helpers/until.js';
import { survivors } from '../local/harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.join(here, 'project');
const bin = path.resolve(here, '../../bin/stp.js');
// Generous: an idle task is about 50 MB and the engine about 100 MB. The bounds are about growth without limit
// (200,000 and 1,000,000 tuples pass through both), not a tight budget.
const TASK_BOUND_MB = 300;
const ENGINE_BOUND_MB = 500;
// Far more than a run needs (about 20 s and 40 s on a loaded 2-core machine): the test waits for the condition.
const DEADLINE_MS = 240_000;

interface ComponentStats {
  component: string;
  emitted: number;
  acked: number;
  failed: number;
  timedOut: number;
  restarts: number;
}
interface RunRecord {
  type: string;
  tasks?: { component: string; pid: number }[];
  components?: ComponentStats[];
  stats?: { components: ComponentStats[] };
}

let child: ChildProcess | undefined;
afterAll(() => {
  if (child) killTree(child);
  rmSync(path.join(project, '_build'), { recursive: true, force: true });
  rmSync(path.join(project, 'logs'), { recursive: true, force: true });
});

it.each([
  { LINES: 10, FANOUT: 20_000, sink: 'a slow sink', spinUs: 20 },
  { LINES: 1, FANOUT: 1_000_000, sink: 'a sink', spinUs: 0 },
])('stp run: a $FANOUT-per-input fan-out into $sink acks all $LINES spout tuple(s) in bounded memory', async ({ LINES, FANOUT, spinUs }) => {
  const options = { 'test.lines': LINES, 'test.fanout': FANOUT, 'test.spinUs': spinUs };
  const args = [bin, 'run', 'fanout', '--json', ...Object.entries(options).flatMap(([key, value]) => ['-o', `${key}=${value}`])];
  child = startTree(process.execPath, args, { cwd: project, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const records: RunRecord[] = [];
  let rest = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop()!;
    for (const line of lines) records.push(JSON.parse(line) as RunRecord);
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  const engine = new RssSampler(() => [child!.pid!]);
  let fanoutPid = -1;
  const tasks = new RssSampler(() => [fanoutPid]);
  const latest = (): ComponentStats[] => records.findLast((r) => r.type === 'stats')?.components ?? [];
  const of = (component: string, stats = latest()): ComponentStats | undefined => stats.find((c) => c.component === component);
  try {
    await until(() => records.some((r) => r.type === 'started') || child!.exitCode !== null, 60_000, 'the started record');
    const started = records.find((r) => r.type === 'started');
    expect(stderr).toBe('');
    fanoutPid = started!.tasks!.find((t) => t.component === 'explode')!.pid;
    const done = () => (of('lines')?.acked ?? 0) >= LINES && (of('sink')?.acked ?? 0) >= LINES * FANOUT;
    await until(() => done() || records.some((r) => r.type === 'taskCrashed') || child!.exitCode !== null, DEADLINE_MS, `all ${LINES} spout tuples acked`);
    expect(records.filter((r) => r.type === 'taskCrashed' || r.type === 'componentError')).toEqual([]);
    tasks.stop();
    engine.stop();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const final = records.at(-1)!;
    expect(final.type).toBe('stopped');
    const stats = final.stats!.components;
    expect(of('lines', stats)).toMatchObject({ emitted: LINES, acked: LINES, failed: 0, timedOut: 0, restarts: 0 });
    expect(of('explode', stats)).toMatchObject({ emitted: LINES * FANOUT, acked: LINES, restarts: 0 });
    expect(of('sink', stats)).toMatchObject({ acked: LINES * FANOUT, failed: 0, restarts: 0 });
    expect(survivors(started!.tasks!.map((t) => t.pid))).toEqual([]);
  } finally {
    tasks.stop();
    engine.stop();
    killTree(child);
  }
  process.stdout.write(`fan-out: explode peak ${tasks.maxMb.toFixed(0)} MB, engine (stp) peak ${engine.maxMb.toFixed(0)} MB\n`);
  expect(tasks.maxMb).toBeGreaterThan(0);
  expect(tasks.maxMb).toBeLessThan(TASK_BOUND_MB);
  expect(engine.maxMb).toBeLessThan(ENGINE_BOUND_MB);
}, DEADLINE_MS + 90_000);

// A StatefulWindowedBolt on the embedded engine (real component processes over real pipes, as `stp run` runs them),
// on the file store in a temp dir: the checkpoint spout and streams are added, windows fire and reach the sink,
// the window count and the per (source task, stream) progress are committed; then with the bolt's task SIGKILLed
// every 1-2 s and restarted, the committed tuple count never falls below the spout tuples acked (an acked tuple
// expired from a window whose count was committed first) and the run goes on: nothing lost across restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFromTopology, runUnderChaos, type ReceivedTuple } from 'storm-ts/testing';
import { FileStore } from '../../lib/state/file-store.js';

const project = fileURLToPath(new URL('../windowing/project', import.meta.url));
const topology = path.join(project, 'topologies', 'stateful.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stp-statewin-engine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const stateConf = () => ({
  'topology.state.checkpoint.interval.ms': 200,
  'topology.state.provider': 'file',
  'topology.state.provider.config': JSON.stringify({ dir }),
});

async function committed(task: number): Promise<Map<string, unknown>> {
  const store = new FileStore(dir, `totals-${task}`);
  const { committed } = await store.load();
  await store.close();
  return new Map([...committed].map(([key, value]) => [key, JSON.parse(value) as unknown]));
}

it('windows fire through the checkpoint wiring and their state and progress are committed', async () => {
  const summaries = (got: readonly ReceivedTuple[]) => got.filter((t) => t.stream === 'default');
  const { received, result } = await collectFromTopology(topology, {
    cwd: project,
    component: 'sink',
    count: 1,
    until: (got) => summaries(got).length >= 8,
    conf: stateConf(),
    timeoutMs: 60_000,
  });
  const ids = result.stats.components.map((c) => c.component);
  expect(ids).toContain('$checkpointspout');
  const windows = summaries(received).map((t) => t.values as [number, number, number, number, number]);
  for (const [i, [count, size, first, last, tuples]] of windows.entries()) {
    expect(count).toBe(i + 1);
    expect(size).toBe(5);
    expect(last - first).toBe(4); // five consecutive ids: tumbling windows of the spout's numbers
    expect(tuples).toBe(5 * (i + 1));
  }
  const task = result.stats.components.find((c) => c.component === 'totals')!.tasks[0]!;
  const state = await committed(task);
  expect(state.get('"windows"')).toBeGreaterThan(0);
  const progress = [...state].filter(([key]) => key.startsWith('~window:'));
  expect(progress).toHaveLength(1); // one source task, one stream
  const [key, value] = progress[0]!;
  expect(JSON.parse(JSON.parse(key.slice('~window:'.length)) as string)).toEqual([expect.any(Number), 'numbers', 'default']);
  expect(value).toEqual({ lastExpired: expect.any(Number), lastEvaluated: expect.any(Number) });
}, 90_000);

it('the bolt task killed and restarted: committed counts never fall below what the spout saw acked', async () => {
  const run = await runUnderChaos(topology, {
    cwd: project,
    settled: 3000,
    every: [1, 2],
    seed: 26,
    components: ['totals'],
    conf: { ...stateConf(), 'topology.message.timeout.secs': 2, 'topology.max.spout.pending': 500 },
    timeoutMs: 240_000,
  });
  const numbers = run.spouts['numbers']!;
  expect(numbers.acked + numbers.gaveUp).toBeGreaterThanOrEqual(3000);
  expect(numbers.lost).toBe(0);
  const kills = run.crashes.filter((c) => c.cause === 'chaos');
  expect(kills.length).toBeGreaterThan(0);
  expect(run.crashes.filter((c) => c.cause === 'crash')).toEqual([]);
  expect(run.restarts.length).toBeGreaterThan(0);
  const task = run.result.stats.components.find((c) => c.component === 'totals')!.tasks[0]!;
  const state = await committed(task);
  expect(state.get('"tuples"') as number).toBeGreaterThanOrEqual(numbers.acked);
  expect(state.get('"windows"') as number).toBeGreaterThanOrEqual(numbers.acked / 5);
  process.stdout.write(`stateful window chaos: ${JSON.stringify({ ...numbers, kills: kills.length, committed: Object.fromEntries(state) })}\n`);
}, 300_000);

// Throughput under chaos against without, and time to recover, on the example wordcount (examples/wordcount:
// 2 ReliableSpout tasks -> fields -> 4 WordCounter tasks) on the embedded engine:
// - without chaos: spout tuples acked per second;
// - with chaos (a count task SIGKILLed every 1-2 s, seed fixed): spout tuples settled (acked or given up) per
//   second, and acked per second; held trees time out after topology.message.timeout.secs = 2 s;
// - time to recover: from a kill to the new process answering its handshake (taskRestarted.downMs), all kills.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { runTopology, type ChaosOptions } from '../lib/local/index.js';
import { loadTopology } from '../lib/topology/load.js';
import type { TopologySpec } from '../lib/topology/spec.js';
import { median, type Bench, type BenchRow } from './harness.js';

const WARMUP_MS = 2000;
const MEASURE_MS = 20_000;
const ROUNDS = 3;
const CONF = { 'topology.message.timeout.secs': 2 };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  ackedPerSec: number;
  settledPerSec: number;
  lost: number;
  downMs: number[];
  kills: number;
}

async function measure(spec: TopologySpec, componentsDir: string, logDir: string, chaos: ChaosOptions | undefined): Promise<Figures> {
  const handle = runTopology(spec, { componentsDir, logDir, conf: CONF, statsIntervalMs: 60_000, ...(chaos && { chaos }) });
  const downMs: number[] = [];
  handle.events.on('taskRestarted', (event) => downMs.push(event.downMs));
  await handle.started;
  await sleep(WARMUP_MS);
  const spouts = () => handle.stats().components.filter((c) => c.role === 'spout');
  const acked = () => spouts().reduce((sum, c) => sum + c.acked, 0);
  const settled = () => spouts().reduce((sum, c) => sum + c.acked + c.gaveUp, 0);
  const [a0, s0, t0] = [acked(), settled(), performance.now()];
  await sleep(MEASURE_MS);
  const seconds = (performance.now() - t0) / 1000;
  const [a1, s1] = [acked(), settled()];
  // Drain, so every spout tuple has its outcome before lost is read.
  const result = await handle.stop({ graceMs: 10_000 });
  if (result.fault) throw new Error(`the benchmark run failed: ${result.fault.reason}`);
  const lost = result.stats.components.filter((c) => c.role === 'spout').reduce((sum, c) => sum + c.reliable - c.acked - c.gaveUp, 0);
  return { ackedPerSec: (a1 - a0) / seconds, settledPerSec: (s1 - s0) / seconds, lost, downMs, kills: result.stats.chaosKills };
}

const bench: Bench = {
  id: 'chaos',
  title: 'Local engine under chaos: wordcount throughput with tasks killed, time to recover',
  method:
    'The example wordcount (2 ReliableSpout tasks -> fields -> 4 WordCounter tasks) on the embedded engine with ' +
    'topology.message.timeout.secs = 2, 20 s measured after 2 s of warm-up, without chaos and with chaos (a random ' +
    'count task SIGKILLed after a pause of 1-2 s, restarted by the engine; seed fixed per round), in 3 interleaved ' +
    'rounds; figures are medians, ratios the medians of the rounds\' own ratios. Under chaos the tuples a killed task ' +
    'held time out after 2 s and are replayed (ReliableSpout, up to 3 fails, then given up), so "settled" counts ' +
    'acked or given up. Each run is drained before "lost" is read. Time to recover: from the kill to the new ' +
    'process answering its handshake (bundle load, handshake, pid file), over every kill of every round.',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-bench-chaos-'));
    try {
      const { file, definition } = await loadTopology(path.join(root, 'examples/wordcount/topologies/wordcount.ts'), { cwd: root });
      const componentsDir = path.join(dir, 'resources');
      await bundleTopology({ topologyFile: file, outDir: componentsDir, spec: definition.spec });
      const logDir = path.join(dir, 'logs');
      const calm: Figures[] = [];
      const wild: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        calm.push(await measure(definition.spec, componentsDir, logDir, undefined));
        wild.push(await measure(definition.spec, componentsDir, logDir, { minMs: 1000, maxMs: 2000, seed: 13 + round }));
        console.log(`round ${round + 1}: calm ${Math.round(calm.at(-1)!.ackedPerSec)}/s, chaos ${Math.round(wild.at(-1)!.settledPerSec)}/s settled, ${wild.at(-1)!.kills} kills`);
      }
      const down = wild.flatMap((w) => w.downMs);
      const p90 = [...down].sort((a, b) => a - b)[Math.floor(down.length * 0.9)] ?? NaN;
      const lost = [...calm, ...wild].reduce((sum, f) => sum + f.lost, 0);
      return [
        { name: 'wordcount without chaos, acked end to end', value: median(calm.map((c) => c.ackedPerSec)), unit: 'tuples/s' },
        {
          name: 'wordcount under chaos (a count task killed every 1-2 s), settled (acked or given up)',
          value: median(wild.map((w) => w.settledPerSec)),
          unit: 'tuples/s',
          ratio: { value: median(wild.map((w, i) => w.settledPerSec / calm[i]!.ackedPerSec)), of: 'without chaos' },
        },
        {
          name: 'wordcount under chaos, acked end to end',
          value: median(wild.map((w) => w.ackedPerSec)),
          unit: 'tuples/s',
          ratio: { value: median(wild.map((w, i) => w.ackedPerSec / calm[i]!.ackedPerSec)), of: 'without chaos' },
        },
        { name: `kills per 20 s run (median of ${ROUNDS})`, value: median(wild.map((w) => w.kills)), unit: 'kills' },
        { name: `time to recover, kill -> handshake answered (median of ${down.length} kills)`, value: median(down), unit: 'ms' },
        // The fastest is a kill after a healthy run: the 100 ms back-off, then process start and handshake.
        { name: 'time to recover, fastest', value: Math.min(...down), unit: 'ms' },
        { name: 'time to recover, 90th percentile', value: p90, unit: 'ms' },
        { name: 'spout tuples lost (neither acked nor given up after the drain), all runs', value: lost, unit: 'tuples' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

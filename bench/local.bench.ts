// The local engine's throughput, overhead and memory, measured side by side in one run:
// - the example wordcount (examples/wordcount), acked end to end, at p=1 and p=2, on the engine;
// - floor 1: the same spout and bolt logic called in one process, no IPC;
// - floor 2: raw multilang frames piped between two bare node processes (a tuple frame one way, an ack frame
//   back), both streaming (up to 1,000 in flight) and lock-step (one at a time, as a spout turn must be);
// - the engine's own share of the CPU all processes used, and memory per task against a bare node process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { runTopology } from '../lib/local/index.js';
import { loadTopology } from '../lib/topology/load.js';
import type { TopologySpec } from '../lib/topology/spec.js';
import { median, type Bench, type BenchRow } from './harness.js';

const WARMUP_MS = 1500;
const MEASURE_MS = 3000;
/** Rounds of every measurement, interleaved; the table gives medians (a 2-core machine shared with others is noisy). */
const ROUNDS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** utime + stime of a process, in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

function withParallelism(spec: TopologySpec, p: number): TopologySpec {
  return { ...spec, components: spec.components.map((c) => ({ ...c, parallelism: p, tasks: p })) };
}

interface EngineFigures {
  tuplesPerSec: number;
  engineCpuShare: number;
  /** Mean task RSS right after the handshakes, before the spouts run. */
  idleRssMb: number;
  /** Mean task RSS at the end of the measured window. */
  busyRssMb: number;
}

const meanRss = (pids: readonly number[]) => pids.map(rssMb).reduce((a, b) => a + b, 0) / pids.length;

async function engineRun(spec: TopologySpec, componentsDir: string, logDir: string): Promise<EngineFigures> {
  const handle = runTopology(spec, { componentsDir, logDir, statsIntervalMs: 60_000 });
  const pids: number[] = [];
  let idleRssMb = 0;
  handle.events.on('started', (info) => {
    pids.push(...info.tasks.map((t) => t.pid));
    idleRssMb = meanRss(pids);
  });
  await handle.started;
  await sleep(WARMUP_MS);
  const acked = () => handle.stats().components.filter((c) => c.role === 'spout').reduce((sum, c) => sum + c.acked, 0);
  const a0 = acked();
  const e0 = process.cpuUsage();
  const c0 = pids.map(cpuMs);
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  const a1 = acked();
  const seconds = (performance.now() - t0) / 1000;
  const engineCpu = process.cpuUsage(e0);
  const childCpu = pids.map(cpuMs).reduce((sum, ms, i) => sum + ms - c0[i]!, 0);
  const busyRssMb = meanRss(pids);
  const result = await handle.stop({ graceMs: 2000 });
  if (result.fault) throw new Error(`the benchmark run failed: ${result.fault.reason}`);
  const engineMs = (engineCpu.user + engineCpu.system) / 1000;
  return { tuplesPerSec: (a1 - a0) / seconds, engineCpuShare: engineMs / (engineMs + childCpu), idleRssMb, busyRssMb };
}

/** Floor 1: the example's spout and bolt logic (random word, per-word count, the emitted tuples), one process. */
function inProcess(): number {
  const counts = new Map<string, number>();
  let emitted = 0;
  let sink = 0;
  const end = performance.now() + 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const word = WORDS[Math.floor(Math.random() * WORDS.length)]!;
      const tuple = { values: [word], id: `1-${++emitted}` };
      const count = (counts.get(tuple.values[0]!) ?? 0) + 1;
      counts.set(word, count);
      sink += [word, count].length;
    }
    n += 1000;
  }
  return sink > 0 ? n : 0;
}

// Floor 2's two bare node processes. The producer starts the consumer itself, so the pipes join the two directly.
const PRODUCER = `
const { spawn } = require('child_process');
const [consumerFile, mode, ms] = process.argv.slice(2);
const consumer = spawn(process.execPath, [consumerFile], { stdio: ['pipe', 'pipe', 'inherit'] });
const words = ${JSON.stringify(WORDS)};
const windowSize = mode === 'lockstep' ? 1 : 1000;
let sent = 0, acked = 0, buffered = '', measuring = false, start = 0, startAcked = 0;
function frame(n) {
  return JSON.stringify({ id: String(n), comp: 'words', stream: 'default', task: 1, tuple: [words[n % words.length]] }) + '\\nend\\n';
}
function fill() {
  let out = '';
  while (sent - acked < windowSize) out += frame(++sent);
  if (out) consumer.stdin.write(out);
}
consumer.stdout.setEncoding('utf8');
consumer.stdout.on('data', (chunk) => {
  buffered += chunk;
  let at;
  while ((at = buffered.indexOf('\\nend\\n')) >= 0) {
    const message = JSON.parse(buffered.slice(0, at));
    buffered = buffered.slice(at + 5);
    if (message.command === 'ack') acked++;
  }
  fill();
});
setTimeout(() => { start = performance.now(); startAcked = acked; }, 500);
setTimeout(() => {
  process.stdout.write(String((acked - startAcked) / ((performance.now() - start) / 1000)));
  consumer.kill();
  process.exit(0);
}, 500 + Number(ms));
fill();
`;

const CONSUMER = `
const counts = new Map();
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let at, out = '';
  while ((at = buffered.indexOf('\\nend\\n')) >= 0) {
    const tuple = JSON.parse(buffered.slice(0, at));
    buffered = buffered.slice(at + 5);
    const word = tuple.tuple[0];
    counts.set(word, (counts.get(word) || 0) + 1);
    out += JSON.stringify({ command: 'ack', id: tuple.id }) + '\\nend\\n';
  }
  if (out) process.stdout.write(out);
});
`;

function rawPipe(dir: string, mode: 'stream' | 'lockstep'): Promise<number> {
  const producer = path.join(dir, 'producer.cjs');
  const consumer = path.join(dir, 'consumer.cjs');
  writeFileSync(producer, PRODUCER);
  writeFileSync(consumer, CONSUMER);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [producer, consumer, mode, String(MEASURE_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`raw pipe floor exited with ${code}`))));
  });
}

async function bareNodeRssMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', "process.stdin.on('data', () => {})"], { stdio: ['pipe', 'ignore', 'ignore'] });
  await sleep(500);
  const rss = rssMb(child.pid!);
  child.kill();
  return rss;
}

const bench: Bench = {
  id: 'local',
  title: 'Local engine (stp run): wordcount throughput, CPU share, memory per task',
  method:
    `The example wordcount (examples/wordcount, ReliableSpout -> fields -> WordCounter, every tuple acked end to end) ` +
    `on the embedded engine, spout and bolt at p=1 and at p=2; ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s of warm-up; ` +
    `every figure is the median of ${ROUNDS} interleaved rounds. ` +
    'Floors, in the same run: the same spout and bolt logic in one process without IPC, and raw multilang frames ' +
    'between two bare node processes (tuple frame one way, ack frame back), streaming (1,000 in flight) and ' +
    'lock-step (one at a time, the way Storm drives a spout: next, emit, sync). Engine CPU share = engine CPU / ' +
    'CPU of engine + all tasks. Memory: mean RSS of the task processes (the bundled example components), just after ' +
    'their handshakes and again at full speed, vs a bare node process reading stdin.',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-bench-local-'));
    try {
      const { file, definition } = await loadTopology(path.join(root, 'examples/wordcount/topologies/wordcount.ts'), { cwd: root });
      const componentsDir = path.join(dir, 'resources');
      await bundleTopology({ topologyFile: file, outDir: componentsDir, spec: definition.spec });
      const logDir = path.join(dir, 'logs');

      const rounds: { p1: EngineFigures; p2: EngineFigures; stream: number; lockstep: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        rounds.push({
          p1: await engineRun(withParallelism(definition.spec, 1), componentsDir, logDir),
          p2: await engineRun(withParallelism(definition.spec, 2), componentsDir, logDir),
          stream: await rawPipe(dir, 'stream'),
          lockstep: await rawPipe(dir, 'lockstep'),
        });
      }
      const med = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
      const p1 = { tuplesPerSec: med((r) => r.p1.tuplesPerSec), engineCpuShare: med((r) => r.p1.engineCpuShare) };
      const p2 = {
        tuplesPerSec: med((r) => r.p2.tuplesPerSec),
        engineCpuShare: med((r) => r.p2.engineCpuShare),
        idleRssMb: med((r) => r.p2.idleRssMb),
        busyRssMb: med((r) => r.p2.busyRssMb),
      };
      const stream = med((r) => r.stream);
      const lockstep = med((r) => r.lockstep);
      const floor = inProcess();
      const bare = await bareNodeRssMb();

      const goal = '>= 0.5';
      return [
        { name: 'engine, wordcount p=1, acked end to end', value: p1.tuplesPerSec, unit: 'tuples/s', ratio: { value: p1.tuplesPerSec / stream, of: 'raw pipe (streaming)', goal } },
        { name: 'engine, wordcount p=2, acked end to end', value: p2.tuplesPerSec, unit: 'tuples/s', ratio: { value: p2.tuplesPerSec / stream, of: 'raw pipe (streaming)', goal } },
        { name: 'engine, wordcount p=1, vs lock-step floor', value: p1.tuplesPerSec, unit: 'tuples/s', ratio: { value: p1.tuplesPerSec / lockstep, of: 'raw pipe (lock-step)' } },
        { name: 'floor: raw frames between two node processes, streaming', value: stream, unit: 'tuples/s' },
        { name: 'floor: raw frames between two node processes, lock-step', value: lockstep, unit: 'tuples/s' },
        { name: 'floor: same spout + bolt logic in one process, no IPC', value: floor, unit: 'tuples/s' },
        { name: 'engine CPU share, p=1', value: p1.engineCpuShare * 100, unit: '%' },
        { name: 'engine CPU share, p=2', value: p2.engineCpuShare * 100, unit: '%' },
        { name: 'memory per task, idle after the handshake (mean RSS, p=2)', value: p2.idleRssMb, unit: 'MB' },
        { name: 'memory per task, idle, above a bare node process (goal: <= 10 MB)', value: p2.idleRssMb - bare, unit: 'MB' },
        { name: 'memory per task, at full speed (mean RSS, p=2)', value: p2.busyRssMb, unit: 'MB' },
        { name: 'memory per task, at full speed, above a bare node process (goal: <= 10 MB)', value: p2.busyRssMb - bare, unit: 'MB' },
        { name: 'bare node process (RSS)', value: bare, unit: 'MB' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

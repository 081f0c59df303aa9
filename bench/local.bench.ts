// The local engine's throughput, overhead and memory, measured side by side in one run:
// - the example wordcount (examples/wordcount), acked end to end, at p=1 and p=2, on the engine;
// - floor 1: the same spout and bolt logic called in one process, no IPC;
// - floor 2: raw multilang frames piped between two bare node processes (a tuple frame one way, an ack frame
//   back), both streaming (up to 1,000 in flight) and lock-step (one at a time, as a spout turn must be);
// - floor 3, the honest one the goal is measured against: bare processes exchanging wordcount's exact frames with
//   the concurrency Storm's protocol allows (see HONEST_HUB);
// - the engine's own share of the CPU all processes used, and memory per task against a bare node process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { runTopology } from '../lib/local/index.js';
import { loadTopology } from '../lib/topology/load.js';
import type { TopologySpec } from '../lib/topology/spec.js';
import { cpuMs, median, type Bench, type BenchRow } from './harness.js';

const WARMUP_MS = 1500;
const MEASURE_MS = 3000;
/** Rounds of every measurement, interleaved; the table gives medians (a 2-core machine shared with others is noisy). */
const ROUNDS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  /** The engine process's CPU (user + system) per acked spout tuple, in µs: less noisy than a rate on a shared machine. */
  engineUsPerTuple: number;
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
  return {
    tuplesPerSec: (a1 - a0) / seconds,
    engineCpuShare: engineMs / (engineMs + childCpu),
    engineUsPerTuple: (engineMs * 1000) / (a1 - a0),
    idleRssMb,
    busyRssMb,
  };
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

// Floor 3, the honest one: bare node processes exchanging exactly the frames wordcount exchanges, with exactly the
// concurrency the engine may legally use. A bare hub plays the engine's part (no checks, no acker, no stats): per
// spout task one turn at a time (next -> emit + sync; ack -> sync, acks first), each emit routed by a hash of the
// word to a bolt task as a tuple frame, bolt tuples pipelined up to topology.shellbolt.max.pending (100) each, the
// bolt's anchored emit + ack back, then the ack turn on the spout. Writes are batched per read, as a bare program
// would. The hub reports the rate, its CPU share and the mean RSS of its spout and bolt processes at full speed.
const HONEST_HUB = `
const { spawn } = require('child_process');
const fs = require('fs');
const [spoutFile, boltFile, pArg, msArg, maxPendingArg] = process.argv.slice(2);
const p = Number(pArg), ms = Number(msArg), maxPending = Number(maxPendingArg);
const END = '\\nend\\n';
function reader(child, onMessage) {
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let at;
    while ((at = buffered.indexOf(END)) >= 0) {
      const message = JSON.parse(buffered.slice(0, at));
      buffered = buffered.slice(at + 5);
      onMessage(message);
    }
    flushAll();
  });
}
const out = new Map();
function send(child, frame) { out.set(child, (out.get(child) || '') + frame); }
function flushAll() { for (const [child, text] of out) if (text) { child.stdin.write(text); out.set(child, ''); } }
let seq = 0, acked = 0;
const bolts = [];
for (let i = 0; i < p; i++) {
  const child = spawn(process.execPath, [boltFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const bolt = { child, inFlight: new Map() };
  reader(child, (m) => {
    if (m.command === 'ack') {
      const root = bolt.inFlight.get(m.id);
      bolt.inFlight.delete(m.id);
      acked++;
      root.spout.acks.push(root.id);
      pumpAll();
    }
  });
  bolts.push(bolt);
}
const spouts = [];
function hash(text) { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); } return h >>> 0; }
function pump(s) {
  if (s.turn) return;
  if (s.acks.length) { s.turn = true; send(s.child, JSON.stringify({ command: 'ack', id: s.acks.shift() }) + END); return; }
  if (bolts.some((b) => b.inFlight.size >= maxPending)) return;
  s.turn = true; send(s.child, '{"command":"next"}' + END);
}
function pumpAll() { for (const s of spouts) pump(s); }
for (let i = 0; i < p; i++) {
  const child = spawn(process.execPath, [spoutFile, String(i + 1)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const s = { child, turn: false, acks: [] };
  reader(child, (m) => {
    if (m.command === 'emit') {
      const bolt = bolts[hash(JSON.stringify([m.tuple[0]])) % p];
      const id = String(++seq);
      bolt.inFlight.set(id, { spout: s, id: m.id });
      send(bolt.child, JSON.stringify({ id, comp: 'words', stream: 'default', task: i + 1, tuple: m.tuple }) + END);
    } else if (m.command === 'sync') { s.turn = false; pump(s); }
  });
  spouts.push(s);
}
function rss(pid) { return Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]) / 1024; }
function cpu(pid) { const st = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); const f = st.slice(st.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
const kids = () => [...spouts, ...bolts].map((x) => x.child.pid);
let start = 0, startAcked = 0, hub0, kids0;
setTimeout(() => { start = performance.now(); startAcked = acked; hub0 = process.cpuUsage(); kids0 = kids().map(cpu); }, 1000);
setTimeout(() => {
  const rate = (acked - startAcked) / ((performance.now() - start) / 1000);
  const h = process.cpuUsage(hub0); const hubMs = (h.user + h.system) / 1000;
  const kidMs = kids().map(cpu).reduce((a, c, i) => a + c - kids0[i], 0);
  const rssMb = kids().map(rss).reduce((a, b) => a + b, 0) / (2 * p);
  process.stdout.write(JSON.stringify({ rate, rssMb, hubShare: hubMs / (hubMs + kidMs), hubUsPerTuple: 1000 * hubMs / (acked - startAcked) }));
  for (const x of [...spouts, ...bolts]) x.child.kill();
  process.exit(0);
}, 1000 + ms);
pumpAll(); flushAll();
`;

// The floor's spout and bolt also answer a real handshake (pid file, pid) and heartbeats, so the engine can
// run them too: the engine driving these bare components, against the bare hub driving them, is the engine's
// own cost with the component runtime taken out.
const HANDSHAKE = `
function handshake(m) {
  require('fs').writeFileSync(m.pidDir + '/' + process.pid, '');
  return JSON.stringify({ pid: process.pid }) + '\\nend\\n';
}
`;

const HONEST_SPOUT = `${HANDSHAKE}
const words = ${JSON.stringify(WORDS)};
let task = process.argv[2];
let buffered = '', emitted = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let at, out = '';
  while ((at = buffered.indexOf('\\nend\\n')) >= 0) {
    const m = JSON.parse(buffered.slice(0, at));
    buffered = buffered.slice(at + 5);
    if (m.pidDir !== undefined) {
      task = String(m.context.taskid);
      out += handshake(m);
      continue;
    }
    if (m.command === 'next') {
      const word = words[Math.floor(Math.random() * words.length)];
      out += JSON.stringify({ command: 'emit', tuple: [word], stream: 'default', id: task + '-' + ++emitted, need_task_ids: false }) + '\\nend\\n';
    }
    out += '{"command":"sync"}\\nend\\n';
  }
  if (out) process.stdout.write(out);
});
`;

const HONEST_BOLT = `${HANDSHAKE}
const counts = new Map();
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let at, out = '';
  while ((at = buffered.indexOf('\\nend\\n')) >= 0) {
    const t = JSON.parse(buffered.slice(0, at));
    buffered = buffered.slice(at + 5);
    if (t.pidDir !== undefined) {
      out += handshake(t);
      continue;
    }
    if (t.stream === '__heartbeat') {
      out += '{"command":"sync"}\\nend\\n';
      continue;
    }
    const word = t.tuple[0];
    const count = (counts.get(word) || 0) + 1;
    counts.set(word, count);
    out += JSON.stringify({ command: 'emit', tuple: [word, count], stream: 'default', anchors: [t.id], need_task_ids: false }) + '\\nend\\n';
    out += JSON.stringify({ command: 'ack', id: t.id }) + '\\nend\\n';
  }
  if (out) process.stdout.write(out);
});
`;

interface HonestFigures {
  tuplesPerSec: number;
  /** Mean RSS of the floor's spout and bolt processes at full speed. */
  rssMb: number;
  hubCpuShare: number;
  /** The hub's CPU (user + system) per acked spout tuple, in µs. */
  hubUsPerTuple: number;
}

function honestFloor(dir: string, p: number): Promise<HonestFigures> {
  const files = { hub: path.join(dir, 'honest-hub.cjs'), spout: path.join(dir, 'honest-spout.cjs'), bolt: path.join(dir, 'honest-bolt.cjs') };
  writeFileSync(files.hub, HONEST_HUB);
  writeFileSync(files.spout, HONEST_SPOUT);
  writeFileSync(files.bolt, HONEST_BOLT);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [files.hub, files.spout, files.bolt, String(p), String(MEASURE_MS), '100'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`honest floor exited with ${code}`));
      const { rate, rssMb, hubShare, hubUsPerTuple } = JSON.parse(out) as { rate: number; rssMb: number; hubShare: number; hubUsPerTuple: number };
      resolve({ tuplesPerSec: rate, rssMb, hubCpuShare: hubShare, hubUsPerTuple });
    });
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
    `every figure is the median of ${ROUNDS} interleaved rounds, and every engine/floor ratio the median of the ` +
    `rounds' own ratios (engine and floor measured seconds apart in the same round; the machine is shared, so single figures swing ` +
    `by up to 2x between rounds). ` +
    'The goal is measured against the honest floor: a reliable spout tuple costs two strictly synchronous spout turns ' +
    '(next -> emit + sync, later ack -> sync; Storm forbids pipelining spout commands) plus a bolt delivery and its ' +
    'emit + ack, so the floor is bare node processes exchanging exactly those frames with the concurrency the engine ' +
    'may legally use: a bare hub in the engine\'s place (JSON.parse, a hash to pick the bolt, a map from tuple to ' +
    'spout id, nothing else), one turn at a time per spout task, bolt tuples pipelined up to ' +
    'topology.shellbolt.max.pending (100), writes batched per read; at p=1 (3 processes, like the engine) and p=2 (5). ' +
    'Kept as context: raw frames between two bare node processes (tuple one way, ack back) streaming (1,000 in ' +
    'flight, no spout protocol, so no topology can reach it) and lock-step (one at a time, no bolt and no ack turn), ' +
    'and the same spout and bolt logic in one process without IPC. To tell the engine\'s cost from the component ' +
    'runtime\'s, the engine also runs the topology with the floor\'s bare spout and bolt in place of the bundles ' +
    '(they answer the handshake and heartbeats too): engine + bare components vs bare hub + bare components. Engine CPU share = engine CPU / CPU of engine + ' +
    'all tasks (the hub\'s share of the honest floor beside it); CPU per tuple = the engine\'s (or the hub\'s) ' +
    'user + system CPU over the tuples acked, the least noisy measure of its own cost. Memory: mean RSS of the task processes (the bundled ' +
    'example components) just after their handshakes, against an idle bare node process reading stdin, and at full ' +
    'speed, against the honest floor\'s bare spout and bolt processes at full speed (a busy node process grows ' +
    'its heap too), with the full-speed-vs-idle difference kept as well.',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-bench-local-'));
    try {
      const { file, definition } = await loadTopology(path.join(root, 'examples/wordcount/topologies/wordcount.ts'), { cwd: root });
      const componentsDir = path.join(dir, 'resources');
      await bundleTopology({ topologyFile: file, outDir: componentsDir, spec: definition.spec });
      const logDir = path.join(dir, 'logs');

      // The same topology with the floor's bare components in place of the bundles.
      const bareDir = path.join(dir, 'bare');
      mkdirSync(bareDir);
      writeFileSync(path.join(bareDir, 'words.js'), HONEST_SPOUT);
      writeFileSync(path.join(bareDir, 'count.js'), HONEST_BOLT);

      const rounds: {
        p1: EngineFigures;
        p2: EngineFigures;
        bare1: EngineFigures;
        bare2: EngineFigures;
        honest1: HonestFigures;
        honest2: HonestFigures;
        stream: number;
        lockstep: number;
      }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        rounds.push({
          p1: await engineRun(withParallelism(definition.spec, 1), componentsDir, logDir),
          bare1: await engineRun(withParallelism(definition.spec, 1), bareDir, logDir),
          honest1: await honestFloor(dir, 1),
          p2: await engineRun(withParallelism(definition.spec, 2), componentsDir, logDir),
          bare2: await engineRun(withParallelism(definition.spec, 2), bareDir, logDir),
          honest2: await honestFloor(dir, 2),
          stream: await rawPipe(dir, 'stream'),
          lockstep: await rawPipe(dir, 'lockstep'),
        });
      }
      const med = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
      // Ratios are medians of each round's own ratio (engine and floor measured back to back), which the load of
      // other users of the machine disturbs far less than a ratio of two medians taken minutes apart.
      const engine = (pick: (r: (typeof rounds)[number]) => EngineFigures) => ({
        tuplesPerSec: med((r) => pick(r).tuplesPerSec),
        engineCpuShare: med((r) => pick(r).engineCpuShare),
        engineUsPerTuple: med((r) => pick(r).engineUsPerTuple),
        idleRssMb: med((r) => pick(r).idleRssMb),
        busyRssMb: med((r) => pick(r).busyRssMb),
      });
      const honest = (pick: (r: (typeof rounds)[number]) => HonestFigures) => ({
        tuplesPerSec: med((r) => pick(r).tuplesPerSec),
        hubCpuShare: med((r) => pick(r).hubCpuShare),
        hubUsPerTuple: med((r) => pick(r).hubUsPerTuple),
        rssMb: med((r) => pick(r).rssMb),
      });
      const p1 = engine((r) => r.p1);
      const p2 = engine((r) => r.p2);
      const bare1 = engine((r) => r.bare1);
      const bare2 = engine((r) => r.bare2);
      const honest1 = honest((r) => r.honest1);
      const honest2 = honest((r) => r.honest2);
      const paired = (engineOf: (r: (typeof rounds)[number]) => EngineFigures, floorOf: (r: (typeof rounds)[number]) => HonestFigures) =>
        med((r) => engineOf(r).tuplesPerSec / floorOf(r).tuplesPerSec);
      const cpuPaired = (engineOf: (r: (typeof rounds)[number]) => EngineFigures, floorOf: (r: (typeof rounds)[number]) => HonestFigures) =>
        med((r) => engineOf(r).engineUsPerTuple / floorOf(r).hubUsPerTuple);
      const stream = med((r) => r.stream);
      const lockstep = med((r) => r.lockstep);
      const floor = inProcess();
      const bare = await bareNodeRssMb();

      const goal = '>= 0.5';
      const honestOf = 'honest floor';
      return [
        { name: 'engine, wordcount p=1, acked end to end', value: p1.tuplesPerSec, unit: 'tuples/s', ratio: { value: paired((r) => r.p1, (r) => r.honest1), of: `${honestOf} p=1`, goal } },
        { name: 'engine, wordcount p=2, acked end to end', value: p2.tuplesPerSec, unit: 'tuples/s', ratio: { value: paired((r) => r.p2, (r) => r.honest2), of: `${honestOf} p=2`, goal } },
        { name: 'honest floor p=1: bare hub + bare spout + bare bolt, same frames, same concurrency', value: honest1.tuplesPerSec, unit: 'tuples/s' },
        { name: 'honest floor p=2: bare hub + 2 bare spouts + 2 bare bolts', value: honest2.tuplesPerSec, unit: 'tuples/s' },
        { name: 'engine driving the floor\'s bare spout and bolt, p=1 (engine cost alone)', value: bare1.tuplesPerSec, unit: 'tuples/s', ratio: { value: paired((r) => r.bare1, (r) => r.honest1), of: `${honestOf} p=1` } },
        { name: 'engine driving the floor\'s bare spouts and bolts, p=2 (engine cost alone)', value: bare2.tuplesPerSec, unit: 'tuples/s', ratio: { value: paired((r) => r.bare2, (r) => r.honest2), of: `${honestOf} p=2` } },
        { name: 'engine, wordcount p=1, vs streaming pipe (context: no spout protocol)', value: p1.tuplesPerSec, unit: 'tuples/s', ratio: { value: med((r) => r.p1.tuplesPerSec / r.stream), of: 'raw pipe (streaming)' } },
        { name: 'engine, wordcount p=2, vs streaming pipe (context: no spout protocol)', value: p2.tuplesPerSec, unit: 'tuples/s', ratio: { value: med((r) => r.p2.tuplesPerSec / r.stream), of: 'raw pipe (streaming)' } },
        { name: 'engine, wordcount p=1, vs lock-step floor', value: p1.tuplesPerSec, unit: 'tuples/s', ratio: { value: med((r) => r.p1.tuplesPerSec / r.lockstep), of: 'raw pipe (lock-step)' } },
        { name: 'floor: raw frames between two node processes, streaming', value: stream, unit: 'tuples/s' },
        { name: 'floor: raw frames between two node processes, lock-step', value: lockstep, unit: 'tuples/s' },
        { name: 'floor: same spout + bolt logic in one process, no IPC', value: floor, unit: 'tuples/s' },
        { name: 'engine CPU per tuple, wordcount p=1', value: p1.engineUsPerTuple, unit: 'µs', ratio: { value: cpuPaired((r) => r.p1, (r) => r.honest1), of: 'bare hub p=1' } },
        { name: 'engine CPU per tuple, wordcount p=2', value: p2.engineUsPerTuple, unit: 'µs', ratio: { value: cpuPaired((r) => r.p2, (r) => r.honest2), of: 'bare hub p=2' } },
        { name: 'engine CPU per tuple, driving the bare components p=1', value: bare1.engineUsPerTuple, unit: 'µs', ratio: { value: cpuPaired((r) => r.bare1, (r) => r.honest1), of: 'bare hub p=1' } },
        { name: 'engine CPU per tuple, driving the bare components p=2', value: bare2.engineUsPerTuple, unit: 'µs', ratio: { value: cpuPaired((r) => r.bare2, (r) => r.honest2), of: 'bare hub p=2' } },
        { name: 'bare hub CPU per tuple, honest floor p=1', value: honest1.hubUsPerTuple, unit: 'µs' },
        { name: 'bare hub CPU per tuple, honest floor p=2', value: honest2.hubUsPerTuple, unit: 'µs' },
        { name: 'engine CPU share, p=1', value: p1.engineCpuShare * 100, unit: '%' },
        { name: 'engine CPU share, p=2', value: p2.engineCpuShare * 100, unit: '%' },
        { name: 'honest floor hub CPU share, p=1 (the same share for a hub doing nothing but frames)', value: honest1.hubCpuShare * 100, unit: '%' },
        { name: 'honest floor hub CPU share, p=2', value: honest2.hubCpuShare * 100, unit: '%' },
        { name: 'engine CPU share driving the bare components, p=1', value: bare1.engineCpuShare * 100, unit: '%' },
        { name: 'engine CPU share driving the bare components, p=2', value: bare2.engineCpuShare * 100, unit: '%' },
        { name: 'memory per task, idle after the handshake (mean RSS, p=2)', value: p2.idleRssMb, unit: 'MB' },
        { name: 'memory per task, idle, above an idle bare node process (goal: <= 10 MB)', value: p2.idleRssMb - bare, unit: 'MB' },
        { name: 'memory per task, at full speed (mean RSS, p=2)', value: p2.busyRssMb, unit: 'MB' },
        { name: 'memory per task, at full speed, above the honest floor\'s bare processes at full speed (goal: <= 10 MB)', value: p2.busyRssMb - honest2.rssMb, unit: 'MB' },
        { name: 'memory per task, at full speed, above an idle bare node process', value: p2.busyRssMb - bare, unit: 'MB' },
        { name: 'honest floor p=2: mean RSS of its bare spout and bolt processes at full speed', value: honest2.rssMb, unit: 'MB' },
        { name: 'bare node process, idle (RSS)', value: bare, unit: 'MB' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

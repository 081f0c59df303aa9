// Multilang benchmark: the stp component runtime against a hand-written floor (bench/multilang-floor.ts), in the
// same run, in interleaved rounds. The figure that matters is the component process's own CPU per tuple: what a
// user pays on every worker, and steady on a shared machine where wall time is not.
// - Bolts, driven pipelined as ShellBolt does (each ack lets the next tuple in): a pass-through bolt at 100 in
//   flight (topology.shellbolt.max.pending's default) and at 1,000, a bolt emitting on two streams and one asking
//   for task ids (the driver answers each such emit with a task-id list, as Storm does).
// - Spouts, in strict turns as ShellSpout drives them: CPU per `next` turn with 1 emit and with 10 emits.
// - Idle: CPU per minute and wake-ups of a bolt getting only heartbeats (one a second) and of a spout with nothing
//   to emit (stp sleeps Spout.idleSleepMs = 1 ms before the sync; the floor does the same).
// - Spawn to handshake reply, and idle RSS after the handshake.
// CPU is read from /proc/<pid>/task/*/schedstat (every thread's time on CPU, user + system, in ns) at the start
// and end of the measured stretch, after a warm-up; the driver is the same code for both sides.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { median, type Bench, type BenchRow } from './harness.js';
import { FLOOR_SOURCE } from './multilang-floor.js';

const BOLT_WARMUP = 30_000;
const BOLT_TUPLES = 150_000;
const SPOUT_WARMUP = 3_000;
const SPOUT_TURNS = 15_000;
const IDLE_SECONDS = 15;
const ROUNDS = Number(process.env['STP_BENCH_ROUNDS'] ?? 5);
const STARTUP_ROUNDS = 9;

const END = '\nend\n';
const ACK_PREFIX = '{"command":"ack"';
const WANTS_IDS = '"need_task_ids":true}';
const SYNC = '{"command":"sync"}';
const NEXT = `{"command":"next"}${END}`;

interface Proc {
  readonly child: ChildProcessWithoutNullStreams;
  readonly handshakeMs: Promise<number>;
  /** Called with each batch of frames the process wrote (one read's worth). */
  onFrames(handler: (frames: string[]) => void): void;
  write(text: string): void;
  /** Nanoseconds on CPU so far, all threads, user + system. */
  cpuNs(): number;
  /** Voluntary context switches so far (main thread): how often the process went to sleep and woke again. */
  wakes(): number;
  stop(): Promise<void>;
}

/** Starts a component; the driver side is the same for the floor and stp: split frames on "\nend\n", nothing more. */
function start(script: string, componentId: string, pidDir: string): Proc {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script], { cwd: join(script, '..'), stdio: 'pipe' });
  let handler: (frames: string[]) => void = () => {};
  let resolveHandshake!: (ms: number) => void;
  const handshakeMs = new Promise<number>((r) => (resolveHandshake = r));
  let first = true;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const frames: string[] = [];
    let at: number;
    while ((at = buffered.indexOf(END)) >= 0) {
      frames.push(buffered.slice(0, at));
      buffered = buffered.slice(at + END.length);
    }
    if (first && frames.length > 0) {
      first = false;
      resolveHandshake(performance.now() - t0);
      frames.shift();
    }
    if (frames.length > 0) handler(frames);
  });
  const handshake = { pidDir, conf: { 'topology.name': 'bench' }, context: { 'task->component': { '1': componentId }, taskid: 1, componentid: componentId } };
  child.stdin.write(JSON.stringify(handshake) + END);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const pid = child.pid!;
  return {
    child,
    handshakeMs,
    onFrames: (h) => (handler = h),
    write: (text) => child.stdin.write(text),
    cpuNs: () => {
      let ns = 0;
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
          // a thread that ended between the listing and the read
        }
      }
      return ns;
    },
    wakes: () => Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN),
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface Run {
  /** Process CPU per tuple (or per turn), µs. */
  readonly cpuUs: number;
  /** Tuples (or turns) per second of wall time. */
  readonly rate: number;
}

/** A bolt driven pipelined, `inFlight` tuples outstanding; measures the tuples acked after the warm-up. */
async function boltRun(script: string, componentId: string, pidDir: string, inFlight: number): Promise<Run> {
  const proc = start(script, componentId, pidDir);
  await proc.handshakeMs;
  const total = BOLT_WARMUP + BOLT_TUPLES;
  let sent = 0;
  let acked = 0;
  let cpu0 = 0;
  let t0 = 0;
  const tupleFrame = (i: number): string => `{"id":"${i}","comp":"words","stream":"default","task":1,"tuple":["word-${i % 1000}",${i}]}${END}`;
  const result = new Promise<Run>((resolve) => {
    proc.onFrames((frames) => {
      let out = '';
      for (const frame of frames) {
        if (frame.startsWith(ACK_PREFIX)) {
          acked++;
          if (acked === BOLT_WARMUP) {
            cpu0 = proc.cpuNs();
            t0 = performance.now();
          } else if (acked === total) {
            const cpuUs = (proc.cpuNs() - cpu0) / 1000 / BOLT_TUPLES;
            return resolve({ cpuUs, rate: BOLT_TUPLES / ((performance.now() - t0) / 1000) });
          }
          if (sent < total) out += tupleFrame(sent++);
        } else if (frame.endsWith(WANTS_IDS)) {
          out += `[2]${END}`;
        }
      }
      if (out) proc.write(out);
    });
  });
  let initial = '';
  while (sent < inFlight) initial += tupleFrame(sent++);
  proc.write(initial);
  const run = await result;
  await proc.stop();
  return run;
}

/** A spout driven in strict turns: `next`, then read until its sync; measures the turns after the warm-up. */
async function spoutRun(script: string, componentId: string, pidDir: string): Promise<Run> {
  const proc = start(script, componentId, pidDir);
  await proc.handshakeMs;
  const total = SPOUT_WARMUP + SPOUT_TURNS;
  let turns = 0;
  let cpu0 = 0;
  let t0 = 0;
  const run = await new Promise<Run>((resolve) => {
    proc.onFrames((frames) => {
      for (const frame of frames) {
        if (frame !== SYNC) continue;
        turns++;
        if (turns === SPOUT_WARMUP) {
          cpu0 = proc.cpuNs();
          t0 = performance.now();
        } else if (turns === total) {
          return resolve({ cpuUs: (proc.cpuNs() - cpu0) / 1000 / SPOUT_TURNS, rate: SPOUT_TURNS / ((performance.now() - t0) / 1000) });
        }
        proc.write(NEXT);
      }
    });
    proc.write(NEXT);
  });
  await proc.stop();
  return run;
}

interface Idle {
  readonly cpuMsPerMinute: number;
  readonly wakesPerSecond: number;
}

/** An idle bolt (a heartbeat a second, answered) or an idle spout (`next` after every sync), over IDLE_SECONDS. */
async function idleRun(script: string, componentId: string, pidDir: string, kind: 'bolt' | 'spout'): Promise<Idle> {
  const proc = start(script, componentId, pidDir);
  await proc.handshakeMs;
  const heartbeat = `{"id":"-1","comp":null,"stream":"__heartbeat","task":-1,"tuple":[]}${END}`;
  let running = true;
  proc.onFrames((frames) => {
    if (kind === 'spout' && running) for (const frame of frames) if (frame === SYNC) proc.write(NEXT);
  });
  if (kind === 'spout') proc.write(NEXT);
  const beat = kind === 'bolt' ? setInterval(() => proc.write(heartbeat), 1000) : undefined;
  await new Promise((r) => setTimeout(r, 1000)); // settle after the handshake
  const cpu0 = proc.cpuNs();
  const wakes0 = proc.wakes();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const cpuMsPerMinute = ((proc.cpuNs() - cpu0) / 1e6) * (60 / IDLE_SECONDS);
  const wakesPerSecond = (proc.wakes() - wakes0) / IDLE_SECONDS;
  running = false;
  clearInterval(beat);
  await proc.stop();
  return { cpuMsPerMinute, wakesPerSecond };
}

/** Spawn-to-handshake-reply time and resident memory once idle. */
async function startup(script: string, componentId: string, pidDir: string): Promise<{ ms: number; rssMb: number }> {
  const proc = start(script, componentId, pidDir);
  const ms = await proc.handshakeMs;
  await new Promise((r) => setTimeout(r, 300));
  const status = readFileSync(`/proc/${proc.child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  await proc.stop();
  return { ms, rssMb: rssKb / 1024 };
}

interface Case {
  readonly name: string;
  readonly unit: 'tuple' | 'turn';
  readonly component: string;
  run(script: string, component: string, pidDir: string): Promise<Run>;
  /** A goal on the CPU ratio, when the issue sets one. */
  readonly goal?: string;
}

const CASES: readonly Case[] = [
  { name: 'bolt, pass-through, 100 in flight', unit: 'tuple', component: 'pass', run: (s, c, p) => boltRun(s, c, p, 100) },
  { name: 'bolt, pass-through, 1,000 in flight', unit: 'tuple', component: 'pass', run: (s, c, p) => boltRun(s, c, p, 1000), goal: '<= 1.2' },
  { name: 'bolt, emits on two streams, 1,000 in flight', unit: 'tuple', component: 'two', run: (s, c, p) => boltRun(s, c, p, 1000) },
  { name: 'bolt, emit with need_task_ids, 1,000 in flight', unit: 'tuple', component: 'ids', run: (s, c, p) => boltRun(s, c, p, 1000) },
  { name: 'spout, 1 emit per next turn', unit: 'turn', component: 'counter', run: spoutRun },
  { name: 'spout, 10 emits per next turn', unit: 'turn', component: 'counter10', run: spoutRun },
];

const bench: Bench = {
  id: 'multilang',
  title: 'Multilang component runtime',
  method:
    'Components bundled by stp (`node pass.js`, bench/multilang-topology.ts) against a floor, a hand-written Node process that splits frames, JSON.parses them and answers with JSON.stringify, writes batched per read, no API (bench/multilang-floor.ts), both driven over real pipes by the same cheap driver playing ShellBolt / ShellSpout. ' +
    `CPU is the component process's own (user + system of all its threads, /proc/<pid>/task/*/schedstat), over ${BOLT_TUPLES.toLocaleString('en-US')} acked tuples or ${SPOUT_TURNS.toLocaleString('en-US')} spout turns after a warm-up; ` +
    `bolts pipelined (each ack lets the next tuple in), spouts in strict turns. Each ratio is stp / floor measured back to back in the same round; the row shows the median over ${ROUNDS} interleaved rounds (the order flips every round) and lists every round's ratio. ` +
    `Idle: ${IDLE_SECONDS} s of a bolt getting a heartbeat a second, and of a spout with nothing to emit driven \`next\` after every sync, stp and floor side by side; wake-ups are voluntary context switches. ${STARTUP_ROUNDS} rounds for start-up and memory.`,
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'stp-bench-'));
    const pidDir = join(dir, 'pids');
    try {
      const outDir = join(dir, 'resources');
      await bundleTopology({ topologyFile: new URL('./multilang-topology.ts', import.meta.url).pathname, outDir });
      const floor = join(outDir, 'floor.js');
      writeFileSync(floor, FLOOR_SOURCE);
      mkdirSync(pidDir);
      const stpScript = (component: string): string => join(outDir, `${component}.js`);

      const rows: BenchRow[] = [];
      const stpRuns = CASES.map(() => [] as Run[]);
      const floorRuns = CASES.map(() => [] as Run[]);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, c] of CASES.entries()) {
          const sides = [
            async () => floorRuns[i]!.push(await c.run(floor, c.component, pidDir)),
            async () => stpRuns[i]!.push(await c.run(stpScript(c.component), c.component, pidDir)),
          ];
          if (round % 2) sides.reverse();
          for (const side of sides) await side();
          const s = stpRuns[i]![round]!;
          const f = floorRuns[i]![round]!;
          console.log(`round ${round + 1}: ${c.name}: stp ${s.cpuUs.toFixed(2)} µs, floor ${f.cpuUs.toFixed(2)} µs per ${c.unit}: ${(s.cpuUs / f.cpuUs).toFixed(2)}x`);
        }
      }
      for (const [i, c] of CASES.entries()) {
        const ratios = stpRuns[i]!.map((s, r) => s.cpuUs / floorRuns[i]![r]!.cpuUs);
        const stpCpu = median(stpRuns[i]!.map((r) => r.cpuUs));
        const floorCpu = median(floorRuns[i]!.map((r) => r.cpuUs));
        rows.push({
          name: `${c.name}: stp CPU per ${c.unit === 'tuple' ? 'acked tuple' : 'next turn'} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
          value: stpCpu,
          unit: 'µs',
          ratio: { value: median(ratios), of: 'floor', ...(c.goal ? { goal: c.goal } : {}) },
        });
        rows.push({ name: `${c.name}: floor CPU per ${c.unit === 'tuple' ? 'acked tuple' : 'next turn'}`, value: floorCpu, unit: 'µs' });
      }
      const rate = (runs: readonly Run[]): number => median(runs.map((r) => r.rate));
      rows.push({
        name: 'bolt round trip at 100 in flight, stp (wall time, context)',
        value: rate(stpRuns[0]!),
        unit: 'acked tuples/s',
        ratio: { value: median(stpRuns[0]!.map((s, r) => s.rate / floorRuns[0]![r]!.rate)), of: 'floor' },
      });
      rows.push({ name: 'bolt round trip at 100 in flight, floor (wall time, context)', value: rate(floorRuns[0]!), unit: 'acked tuples/s' });

      // Idle: the four processes side by side (they barely run, so they do not disturb each other).
      const [stpBolt, floorBolt, stpSpout, floorSpout] = await Promise.all([
        idleRun(stpScript('pass'), 'pass', pidDir, 'bolt'),
        idleRun(floor, 'pass', pidDir, 'bolt'),
        idleRun(stpScript('quiet'), 'quiet', pidDir, 'spout'),
        idleRun(floor, 'quiet', pidDir, 'spout'),
      ]);
      const idleRows = (what: string, s: Idle, f: Idle): BenchRow[] => [
        { name: `idle ${what}, stp: CPU per minute`, value: s.cpuMsPerMinute, unit: 'ms', ratio: { value: s.cpuMsPerMinute / f.cpuMsPerMinute, of: 'floor' } },
        { name: `idle ${what}, floor: CPU per minute`, value: f.cpuMsPerMinute, unit: 'ms' },
        { name: `idle ${what}, stp: wake-ups per second`, value: s.wakesPerSecond, unit: '/s', ratio: { value: s.wakesPerSecond / f.wakesPerSecond, of: 'floor' } },
        { name: `idle ${what}, floor: wake-ups per second`, value: f.wakesPerSecond, unit: '/s' },
      ];
      rows.push(...idleRows('bolt (a heartbeat a second)', stpBolt, floorBolt), ...idleRows('spout (nothing to emit)', stpSpout, floorSpout));

      const stpStart: number[] = [];
      const floorStart: number[] = [];
      const stpRss: number[] = [];
      const floorRss: number[] = [];
      for (let round = 0; round < STARTUP_ROUNDS; round++) {
        const s = await startup(stpScript('pass'), 'pass', pidDir);
        const f = await startup(floor, 'pass', pidDir);
        stpStart.push(s.ms);
        stpRss.push(s.rssMb);
        floorStart.push(f.ms);
        floorRss.push(f.rssMb);
      }
      rows.push(
        { name: 'spawn to handshake reply, stp bundle', value: median(stpStart), unit: 'ms', ratio: { value: median(stpStart) / median(floorStart), of: 'floor' } },
        { name: 'spawn to handshake reply, floor', value: median(floorStart), unit: 'ms' },
        { name: 'idle RSS after handshake, stp bundle', value: median(stpRss), unit: 'MB', ratio: { value: median(stpRss) / median(floorRss), of: 'floor' } },
        { name: 'idle RSS after handshake, floor', value: median(floorRss), unit: 'MB' },
      );
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

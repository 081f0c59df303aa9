// Multilang benchmark: the stp component runtime against a hand-written floor, in the same run.
// - Bolt round trip: tuples through a pass-through bolt, driven pipelined as ShellBolt does (100 in flight,
//   topology.shellbolt.max.pending's default): each ack lets the next tuple in. Acked tuples per second.
// - Spout emit rate: `next` turns answered by one emit + sync, one after another as ShellSpout drives them.
// - Spawn to handshake reply, and idle RSS after the handshake.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { FrameDecoder, encodeFrame } from '../lib/multilang/codec.js';
import { median, type Bench, type BenchRow } from './harness.js';
import { FLOOR_SOURCE } from './multilang-floor.js';

const IN_FLIGHT = 100;
const BOLT_TUPLES = 100_000;
const SPOUT_TURNS = 20_000;
const ROUNDS = 3;
const STARTUP_ROUNDS = 9;

interface Proc {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with each batch of decoded frames. */
  onFrames(handler: (frames: string[]) => void): void;
  stop(): Promise<void>;
}

function start(script: string, componentId: string, pidDir: string): { proc: Proc; handshakeMs: Promise<number> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script], { cwd: join(script, '..'), stdio: 'pipe' });
  const decoder = new FrameDecoder();
  let handler: (frames: string[]) => void = () => {};
  let resolveHandshake!: (ms: number) => void;
  const handshakeMs = new Promise<number>((r) => (resolveHandshake = r));
  let first = true;
  child.stdout.on('data', (chunk: Buffer) => {
    const frames = decoder.push(chunk);
    if (first && frames.length > 0) {
      first = false;
      resolveHandshake(performance.now() - t0);
      frames.shift();
    }
    if (frames.length > 0) handler(frames);
  });
  child.stdin.write(
    encodeFrame({
      pidDir,
      conf: { 'topology.name': 'bench' },
      context: { 'task->component': { '1': componentId }, taskid: 1, componentid: componentId },
    }),
  );
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    proc: {
      child,
      onFrames: (h) => (handler = h),
      stop: async () => {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      },
    },
    handshakeMs,
  };
}

/** Acked tuples per second through a pass-through bolt, IN_FLIGHT tuples pipelined. */
async function boltRoundTrip(script: string, pidDir: string): Promise<number> {
  const { proc, handshakeMs } = start(script, 'pass', pidDir);
  await handshakeMs;
  let sent = 0;
  let acked = 0;
  const tupleFrame = (i: number): string => `{"id":"${i}","comp":"words","stream":"default","task":1,"tuple":["word-${i % 1000}",${i}]}\nend\n`;
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    proc.onFrames((frames) => {
      let out = '';
      for (const frame of frames) {
        if (!frame.startsWith('{"command":"ack"')) continue;
        acked++;
        if (sent < BOLT_TUPLES) out += tupleFrame(sent++);
      }
      if (out) proc.child.stdin.write(out);
      if (acked === BOLT_TUPLES) resolve();
    });
  });
  let initial = '';
  while (sent < IN_FLIGHT) initial += tupleFrame(sent++);
  proc.child.stdin.write(initial);
  await done;
  const rate = BOLT_TUPLES / ((performance.now() - t0) / 1000);
  await proc.stop();
  return rate;
}

/** `next` turns per second, each answered by one emit and a sync. */
async function spoutRate(script: string, pidDir: string): Promise<number> {
  const { proc, handshakeMs } = start(script, 'counter', pidDir);
  await handshakeMs;
  let turns = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    proc.onFrames((frames) => {
      for (const frame of frames) {
        if (frame !== '{"command":"sync"}') continue;
        turns++;
        if (turns === SPOUT_TURNS) return resolve();
        proc.child.stdin.write('{"command":"next"}\nend\n');
      }
    });
    proc.child.stdin.write('{"command":"next"}\nend\n');
  });
  const rate = SPOUT_TURNS / ((performance.now() - t0) / 1000);
  await proc.stop();
  return rate;
}

/** Spawn-to-handshake-reply time and resident memory once idle. */
async function startup(script: string, componentId: string, pidDir: string): Promise<{ ms: number; rssMb: number }> {
  const { proc, handshakeMs } = start(script, componentId, pidDir);
  const ms = await handshakeMs;
  await new Promise((r) => setTimeout(r, 300));
  const status = readFileSync(`/proc/${proc.child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  await proc.stop();
  return { ms, rssMb: rssKb / 1024 };
}

const bench: Bench = {
  id: 'multilang',
  title: 'Multilang component runtime',
  method:
    `A pass-through bolt bundled by stp (\`node pass.js\`) against a floor, a hand-written Node process that splits frames, parses and answers them with no API (bench/multilang-floor.ts), both driven over real pipes the way ShellBolt does: ${IN_FLIGHT} tuples in flight, each ack letting the next one in, ${BOLT_TUPLES.toLocaleString('en-US')} tuples per round. ` +
    `The spout answers ${SPOUT_TURNS.toLocaleString('en-US')} sequential \`next\` turns with one emit and a sync each. Medians of ${ROUNDS} interleaved rounds (${STARTUP_ROUNDS} for start-up and memory).`,
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'stp-bench-'));
    const pidDir = join(dir, 'pids');
    try {
      const outDir = join(dir, 'resources');
      await bundleTopology({ topologyFile: new URL('./multilang-topology.ts', import.meta.url).pathname, outDir });
      const floor = join(outDir, 'floor.js');
      writeFileSync(floor, FLOOR_SOURCE);
      mkdirSync(pidDir);
      const pass = join(outDir, 'pass.js');
      const counter = join(outDir, 'counter.js');

      const stpBolt: number[] = [];
      const floorBolt: number[] = [];
      const stpSpout: number[] = [];
      const stpStart: number[] = [];
      const floorStart: number[] = [];
      const stpRss: number[] = [];
      const floorRss: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        floorBolt.push(await boltRoundTrip(floor, pidDir));
        stpBolt.push(await boltRoundTrip(pass, pidDir));
        stpSpout.push(await spoutRate(counter, pidDir));
      }
      for (let round = 0; round < STARTUP_ROUNDS; round++) {
        const s = await startup(pass, 'pass', pidDir);
        const f = await startup(floor, 'pass', pidDir);
        stpStart.push(s.ms);
        stpRss.push(s.rssMb);
        floorStart.push(f.ms);
        floorRss.push(f.rssMb);
      }
      const bolt = median(stpBolt);
      const boltFloor = median(floorBolt);
      return [
        { name: 'bolt round trip, stp Bolt (pass-through)', value: bolt, unit: 'acked tuples/s', ratio: { value: bolt / boltFloor, of: 'floor', goal: '>= 0.8' } },
        { name: 'bolt round trip, floor (hand-written frames)', value: boltFloor, unit: 'acked tuples/s' },
        { name: 'spout emit rate, stp Spout (1 emit per next turn)', value: median(stpSpout), unit: 'tuples/s' },
        { name: 'spawn to handshake reply, stp bundle', value: median(stpStart), unit: 'ms', ratio: { value: median(stpStart) / median(floorStart), of: 'floor' } },
        { name: 'spawn to handshake reply, floor', value: median(floorStart), unit: 'ms' },
        { name: 'idle RSS after handshake, stp bundle', value: median(stpRss), unit: 'MB', ratio: { value: median(stpRss) / median(floorRss), of: 'floor' } },
        { name: 'idle RSS after handshake, floor', value: median(floorRss), unit: 'MB' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

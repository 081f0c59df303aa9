// Stateful bolts on the local engine (issue 26): CPU per tuple and throughput of the word count with its counts in
// a StatefulBolt's state (file store, Storm's default checkpoint interval of 1 s), with dedupe, and on Redis, against
// the same word count keeping its counts in a Map in a plain Bolt, side by side in interleaved rounds; and the
// checkpoint latency (a checkpoint tuple's tree: the checkpoint spout's complete latency) on the file store and on
// a real redis-server on 127.0.0.1 in a temp dir.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { runTopology } from '../lib/local/index.js';
import { CHECKPOINT_COMPONENT } from '../lib/state/checkpoint.js';
import { loadTopology } from '../lib/topology/load.js';
import type { TopologySpec } from '../lib/topology/spec.js';
import { startRedis, type TestRedis } from '../__tests__/helpers/redis.js';
import { cpuMs, median, type Bench, type BenchRow } from './harness.js';

const WARMUP_MS = Number(process.env['STP_BENCH_WARMUP_MS'] ?? 3000);
const MEASURE_MS = Number(process.env['STP_BENCH_MEASURE_MS'] ?? 6000);
const ROUNDS = Number(process.env['STP_BENCH_ROUNDS'] ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** redis-server's own CPU (user + sys), in ms, from INFO cpu. */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

interface Figures {
  tuplesPerSec: number;
  /** CPU of the engine and every task (and redis-server, when used) per acked spout tuple, in µs. */
  usPerTuple: number;
  /** Mean complete latency of the checkpoint spout's tuples (PREPARE and COMMIT trees), in ms; null without. */
  checkpointMs: number | null;
  checkpoints: number;
}

interface Subject {
  readonly label: string;
  readonly spec: TopologySpec;
  readonly componentsDir: string;
  readonly conf: (runDir: string) => Record<string, unknown>;
}

async function measure(subject: Subject, dir: string, redis: { client: Redis } | undefined): Promise<Figures> {
  const runDir = mkdtempSync(path.join(dir, 'run-'));
  const handle = runTopology(subject.spec, { componentsDir: subject.componentsDir, logDir: path.join(runDir, 'logs'), conf: subject.conf(runDir), statsIntervalMs: 60_000 });
  const pids: number[] = [];
  handle.events.on('started', (info) => pids.push(...info.tasks.map((t) => t.pid)));
  try {
    await handle.started;
    await sleep(WARMUP_MS);
    const data = () => handle.stats().components.filter((c) => c.role === 'spout' && c.component !== CHECKPOINT_COMPONENT);
    const checkpoint = () => handle.stats().components.find((c) => c.component === CHECKPOINT_COMPONENT);
    const acked = () => data().reduce((sum, c) => sum + c.acked, 0);
    const a0 = acked();
    const k0 = checkpoint();
    const e0 = process.cpuUsage();
    const c0 = pids.map(cpuMs);
    const r0 = redis ? await redisCpuMs(redis.client) : 0;
    const t0 = performance.now();
    await sleep(MEASURE_MS);
    const a1 = acked();
    const k1 = checkpoint();
    const seconds = (performance.now() - t0) / 1000;
    const engine = process.cpuUsage(e0);
    const children = pids.map(cpuMs).reduce((sum, ms, i) => sum + ms - c0[i]!, 0);
    const redisMs = redis ? (await redisCpuMs(redis.client)) - r0 : 0;
    const totalMs = (engine.user + engine.system) / 1000 + children + redisMs;
    const checkpoints = k1 && k0 ? k1.acked - k0.acked : 0;
    return {
      tuplesPerSec: (a1 - a0) / seconds,
      usPerTuple: (totalMs * 1000) / (a1 - a0),
      // The mean since the start (the engine keeps a running mean); the warm-up's recovery tuples are few.
      checkpointMs: k1?.latencyMs ?? null,
      checkpoints,
    };
  } finally {
    const result = await handle.stop({ graceMs: 3000 });
    rmSync(runDir, { recursive: true, force: true });
    if (result.fault) throw new Error(`the ${subject.label} run failed: ${result.fault.reason}`);
  }
}

async function prepare(name: string, dir: string): Promise<{ spec: TopologySpec; componentsDir: string }> {
  const { file, definition } = await loadTopology(path.join(here, 'state', `${name}.ts`), { cwd: root });
  const componentsDir = path.join(dir, name);
  await bundleTopology({ topologyFile: file, outDir: componentsDir, spec: definition.spec });
  return { spec: definition.spec, componentsDir };
}

const bench: Bench = {
  id: 'state',
  title: 'Stateful bolts: CPU per tuple against a plain Bolt, checkpoint latency (file, Redis)',
  method:
    `The same word count four ways on the embedded engine (stp run), each a reliable spout of [id, word] (p=1) fields-grouped into one counter task, max spout pending 20,000: ` +
    `counts in a Map in a plain Bolt (the baseline); in a StatefulBolt's state on the file store (the default provider); the same with dedupe on the id (horizon 100,000); ` +
    `and the StatefulBolt on Redis (a real redis-server on 127.0.0.1 in a temp dir, append-only file fsynced always, as the tests run it). ` +
    `Checkpoints at Storm's default topology.state.checkpoint.interval.ms (1000 ms). ${WARMUP_MS / 1000} s of warm-up, ${MEASURE_MS / 1000} s measured; ${ROUNDS} interleaved rounds, medians, and each ratio the median of the rounds' own ratios. ` +
    `CPU per tuple = user + system CPU of the engine, every task process (the checkpoint spout included) and redis-server (INFO cpu), over the data spout's acked tuples. ` +
    `Checkpoint latency = the checkpoint spout's mean complete latency: from its emit of a PREPARE or COMMIT to the ack of the whole tree, i.e. every task saved to (or committed in) its store.`,
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-bench-state-'));
    let redis: TestRedis | undefined;
    let client: Redis | undefined;
    try {
      const plain = await prepare('plain', dir);
      const stateful = await prepare('stateful', dir);
      const dedupe = await prepare('dedupe', dir);
      redis = await startRedis();
      client = new Redis({ host: redis.host, port: redis.port, lazyConnect: true });
      await client.connect();
      const file = (runDir: string) => ({ 'topology.state.provider.config': JSON.stringify({ dir: path.join(runDir, 'state') }) });
      const providerConfig = redis.providerConfig;
      const subjects = {
        plain: { label: 'plain', ...plain, conf: () => ({}) },
        file: { label: 'stateful (file)', ...stateful, conf: file },
        dedupe: { label: 'stateful + dedupe (file)', ...dedupe, conf: file },
        redis: { label: 'stateful (Redis)', ...stateful, conf: () => ({ 'topology.state.provider': 'redis', 'topology.state.provider.config': providerConfig }) },
      } satisfies Record<string, Subject>;
      type Round = Record<keyof typeof subjects, Figures>;
      const rounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // The order flips every round, so a slow spell of the shared machine does not always hit the same subject.
        const order = Object.keys(subjects) as (keyof typeof subjects)[];
        const figures: Partial<Round> = {};
        for (const key of round % 2 === 0 ? order : order.reverse()) {
          figures[key] = await measure(subjects[key], dir, key === 'redis' ? { client } : undefined);
          // Flush what the Redis run wrote, so each round starts from the same store.
          if (key === 'redis') await client.flushall();
        }
        rounds.push(figures as Round);
        const r = figures as Round;
        console.log(
          `round ${round + 1}: ` +
            (Object.keys(subjects) as (keyof Round)[]).map((k) => `${k} ${Math.round(r[k].tuplesPerSec)}/s ${r[k].usPerTuple.toFixed(1)} µs${r[k].checkpointMs !== null ? ` ckpt ${r[k].checkpointMs!.toFixed(1)} ms` : ''}`).join(', '),
        );
      }
      const med = (pick: (r: Round) => number) => median(rounds.map(pick));
      const ratio = (key: keyof Round) => med((r) => r[key].usPerTuple / r.plain.usPerTuple);
      const rate = (key: keyof Round) => med((r) => r[key].tuplesPerSec / r.plain.tuplesPerSec);
      const goal = '<= 1.5';
      const load = os.loadavg().map((l) => l.toFixed(1)).join(', ');
      return [
        { name: 'plain Bolt (Map): CPU per tuple', value: med((r) => r.plain.usPerTuple), unit: 'µs' },
        { name: 'StatefulBolt, file store: CPU per tuple', value: med((r) => r.file.usPerTuple), unit: 'µs', ratio: { value: ratio('file'), of: 'plain Bolt', goal } },
        { name: 'StatefulBolt + dedupe, file store: CPU per tuple', value: med((r) => r.dedupe.usPerTuple), unit: 'µs', ratio: { value: ratio('dedupe'), of: 'plain Bolt', goal } },
        { name: 'StatefulBolt, Redis: CPU per tuple (redis-server included)', value: med((r) => r.redis.usPerTuple), unit: 'µs', ratio: { value: ratio('redis'), of: 'plain Bolt', goal } },
        { name: 'plain Bolt (Map): throughput, acked end to end', value: med((r) => r.plain.tuplesPerSec), unit: 'tuples/s' },
        { name: 'StatefulBolt, file store: throughput', value: med((r) => r.file.tuplesPerSec), unit: 'tuples/s', ratio: { value: rate('file'), of: 'plain Bolt' } },
        { name: 'StatefulBolt + dedupe, file store: throughput', value: med((r) => r.dedupe.tuplesPerSec), unit: 'tuples/s', ratio: { value: rate('dedupe'), of: 'plain Bolt' } },
        { name: 'StatefulBolt, Redis: throughput', value: med((r) => r.redis.tuplesPerSec), unit: 'tuples/s', ratio: { value: rate('redis'), of: 'plain Bolt' } },
        { name: 'checkpoint latency, file store (mean PREPARE/COMMIT tree)', value: med((r) => r.file.checkpointMs ?? NaN), unit: 'ms' },
        { name: 'checkpoint latency, file store + dedupe', value: med((r) => r.dedupe.checkpointMs ?? NaN), unit: 'ms' },
        { name: 'checkpoint latency, Redis (mean PREPARE/COMMIT tree)', value: med((r) => r.redis.checkpointMs ?? NaN), unit: 'ms' },
        { name: `checkpoint tuples acked in ${MEASURE_MS / 1000} s (file store; 2 per checkpoint)`, value: med((r) => r.file.checkpoints), unit: '' },
        { name: `load average at the end (1, 5, 15 min: ${load})`, value: os.loadavg()[0]!, unit: '' },
      ];
    } finally {
      client?.disconnect();
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

// Issue 23's fan-out on the local engine: a reliable spout of 10 lines, a bolt that emits 20,000 tuples per line,
// and a sink that spends 20 µs of CPU on every tuple (the topology of __tests__/fanout, the test that proves it
// completes). Measured per round, from the spouts' activation until every line is acked: the sink's rate, the CPU
// per sink tuple of the engine, the fan-out process and the sink, and the peak RSS of each (sampled every 50 ms from
// /proc) against the same process right after its handshake.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { runTopology } from '../lib/local/index.js';
import { loadTopology } from '../lib/topology/load.js';
import type { TopologySpec } from '../lib/topology/spec.js';
import { RssSampler, rssMb } from '../__tests__/helpers/rss.js';
import { cpuMs, median, type Bench, type BenchRow } from './harness.js';

const LINES = 10;
const FANOUT = 20_000;
const SPIN_US = 20;
const ROUNDS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const topologyFile = path.join(root, '__tests__/fanout/project/topologies/fanout.ts');

interface Round {
  seconds: number;
  cpuUs: { engine: number; explode: number; sink: number };
  peakMb: { engine: number; explode: number; sink: number };
  idleMb: { engine: number; explode: number; sink: number };
}

async function round(spec: TopologySpec, componentsDir: string, logDir: string): Promise<Round> {
  const engineIdleMb = rssMb(process.pid)!;
  const handle = runTopology(spec, { componentsDir, logDir, statsIntervalMs: 60_000, conf: { 'test.lines': LINES, 'test.fanout': FANOUT, 'test.spinUs': SPIN_US } });
  const pid: Record<string, number> = {};
  handle.events.on('started', (info) => {
    for (const task of info.tasks) pid[task.component] = task.pid;
  });
  await handle.started;
  const idle = { explode: rssMb(pid['explode']!)!, sink: rssMb(pid['sink']!)! };
  const samplers = { engine: new RssSampler(() => [process.pid]), explode: new RssSampler(() => [pid['explode']!]), sink: new RssSampler(() => [pid['sink']!]) };
  const e0 = process.cpuUsage();
  const c0 = { explode: cpuMs(pid['explode']!), sink: cpuMs(pid['sink']!) };
  const t0 = performance.now();
  const of = (id: string) => handle.stats().components.find((c) => c.component === id)!;
  while (of('lines').acked < LINES || of('sink').acked < LINES * FANOUT) {
    if (of('lines').failed > 0 || handle.stats().components.some((c) => c.restarts > 0)) throw new Error('the fan-out run failed a line or restarted a task');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const engineCpu = process.cpuUsage(e0);
  const tuples = LINES * FANOUT;
  const cpuUs = {
    engine: (engineCpu.user + engineCpu.system) / tuples,
    explode: ((cpuMs(pid['explode']!) - c0.explode) * 1000) / tuples,
    sink: ((cpuMs(pid['sink']!) - c0.sink) * 1000) / tuples,
  };
  for (const sampler of Object.values(samplers)) sampler.stop();
  const result = await handle.stop({ graceMs: 0 });
  if (result.fault) throw new Error(`the fan-out run failed: ${result.fault.reason}`);
  return {
    seconds,
    cpuUs,
    peakMb: { engine: samplers.engine.maxMb, explode: samplers.explode.maxMb, sink: samplers.sink.maxMb },
    idleMb: { engine: engineIdleMb, ...idle },
  };
}

const bench: Bench = {
  id: 'fanout',
  title: 'Fan-out into a slow sink: throughput and memory (issue 23)',
  method:
    `The topology of __tests__/fanout on the local engine (real processes, p=1 each): a reliable spout of ${LINES} lines, a bolt emitting ${FANOUT.toLocaleString('en-US')} anchored tuples per line, ` +
    `a sink spinning ${SPIN_US} µs of CPU per tuple, topology.max.spout.pending 4, shellbolt max pending 100. Each round runs from the spouts' activation until all ${LINES} lines are acked ` +
    `(${(LINES * FANOUT).toLocaleString('en-US')} sink tuples); CPU is user + system from /proc (the engine's from process.cpuUsage), per sink tuple; RSS is sampled every 50 ms from /proc, ` +
    `its peak set against the same process right after the handshake (the engine: before the run). Medians of ${ROUNDS} rounds.`,
  async run(): Promise<BenchRow[]> {
    const { definition } = await loadTopology(topologyFile, { cwd: path.dirname(path.dirname(topologyFile)) });
    const spec = definition.spec;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stp-bench-fanout-'));
    try {
      const componentsDir = path.join(dir, 'resources');
      await bundleTopology({ topologyFile, outDir: componentsDir, spec });
      const rounds: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await round(spec, componentsDir, path.join(dir, 'logs')));
      const m = (pick: (r: Round) => number) => median(rounds.map(pick));
      const tuples = LINES * FANOUT;
      const rows: BenchRow[] = [
        { name: `sink tuples per second, ${LINES} lines x ${FANOUT.toLocaleString('en-US')} (rounds: ${rounds.map((r) => Math.round(tuples / r.seconds)).join(', ')})`, value: m((r) => tuples / r.seconds), unit: 'tuples/s' },
        { name: 'engine CPU per sink tuple', value: m((r) => r.cpuUs.engine), unit: 'µs' },
        { name: 'fan-out bolt CPU per emitted tuple', value: m((r) => r.cpuUs.explode), unit: 'µs' },
        { name: `sink CPU per tuple (${SPIN_US} µs of it is its own spin)`, value: m((r) => r.cpuUs.sink), unit: 'µs', ratio: { value: m((r) => r.cpuUs.sink) / SPIN_US, of: 'its spin' } },
      ];
      for (const [id, what] of [['explode', 'fan-out bolt process'], ['sink', 'sink process'], ['engine', 'engine (this process)']] as const) {
        rows.push({ name: `peak RSS, ${what}`, value: m((r) => r.peakMb[id]), unit: 'MB', ratio: { value: m((r) => r.peakMb[id] / r.idleMb[id]), of: id === 'engine' ? 'its RSS before the run' : 'its RSS after the handshake' } });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

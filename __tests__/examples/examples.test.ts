// Every example runs: on the embedded engine where it can, and the Java (Kafka) one is checked up to what a
// cluster would receive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { fileURLToPath } from 'node:url';
import { collectFromTopology } from 'storm-ts/testing';
import { loadTopology } from '../../lib/topology/load.js';
import { toStormTopology } from '../../lib/topology/storm-topology.js';
import { runTreeSync } from '../helpers/process-tree.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
const collect = (example: string, topology: string, component: string, count: number) =>
  collectFromTopology(path.join(examples, example, 'topologies', `${topology}.ts`), { cwd: path.join(examples, example), component, count });

describe('examples', () => {
  it('streams: even and odd numbers on their own streams, every number at its shard by direct grouping', async () => {
    const even = await collect('streams', 'streams', 'even-sum', 20);
    for (const t of even.received) {
      expect(t.stream).toBe('even');
      expect(Number(t.values[0]) % 2).toBe(0);
    }
    // The shard bolt throws (stopping the topology with a fault) if a number reaches the wrong task.
    const shards = await collect('streams', 'streams', 'shard', 30);
    const taskOf = new Map(shards.received.map((t) => [t.values[0], t.task]));
    expect(new Set(taskOf.values()).size).toBe(3);
    for (const t of shards.received) expect(t.stream).toBe('shards');
  });

  it('batching: a BatchingBolt flushes counts per word on ticks', async () => {
    const totals = await collect('batching', 'batching', 'totals', 5);
    for (const t of totals.received) {
      expect(t.from.component).toBe('batch-count');
      expect(typeof t.values[0]).toBe('string');
      expect(Number(t.values[1])).toBeGreaterThan(0);
    }
  });

  it('windowing: a sliding top three of the last 30 s by event time, and late words on the late stream', async () => {
    const report = await collectFromTopology(path.join(examples, 'windowing', 'topologies', 'top-words.ts'), {
      cwd: path.join(examples, 'windowing'),
      component: 'report',
      count: 1,
      until: (received) => received.some((t) => t.stream === 'late') && received.filter((t) => t.stream === 'default').length >= 3,
      timeoutMs: 45_000,
    });
    const rankings = report.received.filter((t) => t.stream === 'default');
    // One window's ranking: ranks 1, 2, 3 with counts that do not grow, all ending at the same 5 s boundary.
    const first = rankings.slice(0, 3).map((t) => t.values);
    expect(first.map((v) => v[0])).toEqual([1, 2, 3]);
    expect(Number(first[0]![2])).toBeGreaterThanOrEqual(Number(first[1]![2]));
    expect(new Set(first.map((v) => v[3])).size).toBe(1);
    expect(Number(first[0]![3]) % 5000).toBe(0);
    for (const t of report.received.filter((r) => r.stream === 'late')) {
      expect(t.from.component).toBe('top');
      expect(typeof t.values[0]).toBe('string');
      expect(Date.now() - Number(t.values[1])).toBeGreaterThanOrEqual(8000);
    }
  }, 60_000);

  it('windowing: the windowed bolt is bundled into the jar like any other component', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'stp-window-jar-'));
    try {
      const jar = path.join(out, 'top-words.jar');
      const run = runTreeSync('node', [bin, 'jar', 'top-words', '--output', jar], { cwd: path.join(examples, 'windowing'), env: { ...process.env, CI: 'true' }, timeoutMs: 60_000 });
      expect(run.status).toBe(0);
      const names = (await readZipEntries(jar)).map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(['resources/top.js', 'resources/words.js', 'resources/report.js']));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('polyglot: a Python shell bolt between TypeScript components', async () => {
    const words = await collect('polyglot', 'polyglot', 'count', 30);
    const vocabulary = new Set('the quick brown fox jumps over the lazy dog storm processes streams in real time typescript and python share one topology'.split(' '));
    for (const t of words.received) {
      expect(t.from.component).toBe('split');
      expect(vocabulary.has(String(t.values[0]))).toBe(true);
    }
  });

  it('kafka: the Java spout reaches Nimbus as a JavaObject, and stp run refuses it by name', async () => {
    const project = path.join(examples, 'kafka');
    const { definition } = await loadTopology('kafka', { cwd: project });
    const storm = toStormTopology(definition.spec);
    expect(JSON.stringify(storm.spouts)).toContain('"full_class_name":"com.example.stp.WordsKafkaSpout"');
    expect(JSON.stringify(storm.bolts)).toContain('"script":"count.js"');

    const run = runTreeSync('node', [bin, 'run', 'kafka', '-t', '1'], { cwd: project, env: { ...process.env, CI: 'true' }, timeoutMs: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("'kafka'");
    expect(run.stderr).toMatch(/Java/);
  });
});

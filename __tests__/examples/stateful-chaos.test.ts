// The proof of issue 26: the stateful word count (examples/stateful) on the engine `stp run` uses, with its state in
// a real redis-server, while chaos SIGKILLs the counting tasks (each kill rolls every stateful task back to the
// last commit: Storm's recovery) and Redis itself is killed once mid-run and started again on the same files.
// Then, from the store itself:
// - the counter with dedupe holds exactly the words the spouts' sentences contain (none twice, none missing);
// - the at-least-once counter holds no count below that (nothing lost, no count started again from zero); what it
//   holds above is what Storm's at-least-once allows (words applied, then replayed after a rollback);
// - while Redis was down the topology stalled (no checkpoint can commit, so no sentence was acked beyond those
//   whose commit had already gone through) and it went on once Redis was back.
// Settings, and why:
// - 4 spout tasks emit sentences 1..100,000 exactly (`sentences.total`), 10 per `next`: a spout command is a
//   round trip to the process, and one spout task alone manages a few hundred a second on a busy machine;
// - max 100 pending per spout task and a 200 ms checkpoint interval: a sentence is acked at the commit after it,
//   so 400 in flight keep the pipeline full, while a checkpoint tuple, which queues behind what is in flight, gets
//   through in well under the message timeout even when the machine is loaded;
// - topology.message.timeout.secs 5: every kill costs one timeout (the checkpoint tree in flight through the
//   killed task can only time out, as on Storm); a timeout shorter than the checkpoint's queueing time under load
//   makes every recovery step time out in turn, and nothing is ever committed again;
// - a kill every 20-30 s, at least 3 of them: each stalls the topology for about a timeout.
// The same proof with the file store (the default for `stp run`) runs on demand: STP_STATEFUL_FILE_PROOF=1.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderChaos, type ChaosRun } from 'storm-ts/testing';
import type { StatsSnapshot } from '../../lib/local/events.js';
import { FileStore } from '../../lib/state/file-store.js';
import { RedisStore } from '../../lib/state/redis-store.js';
import type { StateStore } from '../../lib/state/store.js';
import { SENTENCES_TOTAL, sentenceWords } from '../../examples/stateful/src/spouts/sentences.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const project = fileURLToPath(new URL('../../examples/stateful', import.meta.url));
const SENTENCES = 100_000;
const SPOUT_TASKS = 4;
const MAX_PENDING = 100;
/** What may still be acked once no commit can happen: the sentences in flight (a `next` emits up to 10). */
const IN_FLIGHT = SPOUT_TASKS * (MAX_PENDING + 10);
const COUNTERS = ['count', 'count-at-least-once'];
/** Redis stays down until nothing was acked for this long. */
const STALL_MS = 3000;
const fileProof = process.env['STP_STATEFUL_FILE_PROOF'] ? it : it.skip;

function chaosConf(provider: string, providerConfig: string): Record<string, unknown> {
  return {
    [SENTENCES_TOTAL]: SENTENCES,
    'topology.message.timeout.secs': 5,
    'topology.max.spout.pending': MAX_PENDING,
    'topology.state.checkpoint.interval.ms': 200,
    'topology.state.provider': provider,
    'topology.state.provider.config': providerConfig,
  };
}

function component(stats: StatsSnapshot, id: string): StatsSnapshot['components'][number] {
  return stats.components.find((c) => c.component === id)!;
}

/** word -> count, summed over the component's tasks, from what the store committed. */
async function committedCounts(open: (namespace: string) => StateStore, run: ChaosRun, id: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const task of component(run.result.stats, id).tasks) {
    const store = open(`${id}-${task}`);
    const { committed } = await store.load();
    await store.close();
    for (const [key, value] of committed) {
      if (key.startsWith('~')) continue; // dedupe's ids
      const word = JSON.parse(key) as string;
      counts.set(word, (counts.get(word) ?? 0) + (JSON.parse(value) as number));
    }
  }
  return counts;
}

/** The equalities of the proof, from the store, and what the chaos did; returns the at-least-once excess. */
async function expectExactCounts(run: ChaosRun, open: (namespace: string) => StateStore): Promise<number> {
  const sentences = run.spouts['sentences']!;
  expect(sentences.emitted).toBe(SENTENCES);
  expect(sentences.acked).toBe(SENTENCES);
  expect(sentences.lost).toBe(0);
  expect(sentences.gaveUp).toBe(0);

  const expected = new Map<string, number>();
  for (let n = 1; n <= SENTENCES; n++) for (const word of sentenceWords(n)) expected.set(word, (expected.get(word) ?? 0) + 1);
  const exact = await committedCounts(open, run, 'count');
  const atLeastOnce = await committedCounts(open, run, 'count-at-least-once');
  expect(Object.fromEntries(exact)).toEqual(Object.fromEntries(expected));
  for (const [word, count] of expected) expect(atLeastOnce.get(word) ?? 0).toBeGreaterThanOrEqual(count);

  const kills = run.crashes.filter((c) => c.cause === 'chaos');
  expect(kills.length).toBeGreaterThanOrEqual(3);
  expect(run.crashes.filter((c) => c.cause === 'crash')).toEqual([]);
  for (const kill of kills) expect(COUNTERS).toContain(kill.component);
  // Each killed task came back (the run may stop right after the last kill, before that task is up again).
  expect(run.restarts.length).toBeGreaterThanOrEqual(kills.length - 1);
  return [...expected].reduce((sum, [word, count]) => sum + (atLeastOnce.get(word)! - count), 0);
}

describe('stateful wordcount under chaos (issue 26)', () => {
  let redis: TestRedis | undefined;
  afterAll(async () => {
    await redis?.stop();
  });

  it(`Redis store, counting tasks killed, Redis killed and restarted once: ${SENTENCES} sentences; dedupe counts exact, at-least-once never below`, async () => {
    redis = await startRedis();
    const server = redis;
    // What the topology did around the Redis outage, from the run's stats.
    let phase: 'before' | 'killing' | 'down' | 'restarting' | 'up' = 'before';
    let down: { settled: number; checkpointFails: number; at: number } | undefined;
    let restarted: { settled: number; checkpointFails: number; stalledMs: number } | undefined;
    let lastSettled = 0;
    let lastProgressAt = Date.now();
    const settled = (stats: StatsSnapshot): number => component(stats, 'sentences').acked;
    const checkpointFails = (stats: StatsSnapshot): number => component(stats, '$checkpointspout').failed;
    const onStats = (stats: StatsSnapshot): void => {
      const now = Date.now();
      if (settled(stats) !== lastSettled) {
        lastSettled = settled(stats);
        lastProgressAt = now;
      }
      if (phase === 'before' && lastSettled >= SENTENCES * 0.4) {
        phase = 'killing';
        void server.kill().then(() => {
          down = { settled: lastSettled, checkpointFails: checkpointFails(stats), at: Date.now() };
          phase = 'down';
        });
      } else if (phase === 'down' && now - Math.max(lastProgressAt, down!.at) >= STALL_MS) {
        // Nothing acked for STALL_MS since Redis went down: the topology is stuck (no checkpoint can be saved). Bring Redis back.
        phase = 'restarting';
        restarted = { settled: lastSettled, checkpointFails: checkpointFails(stats), stalledMs: now - down!.at };
        void server.restart().then(() => (phase = 'up'));
      }
    };
    const started = Date.now();
    const run = await runUnderChaos(path.join(project, 'topologies/wordcount.ts'), {
      cwd: project,
      settled: SENTENCES,
      kills: 3,
      every: [20, 30],
      seed: 26,
      components: COUNTERS,
      conf: chaosConf('redis', server.providerConfig),
      timeoutMs: 480_000,
      onStats,
    });
    // The outage happened mid-run: the topology stalled while Redis was down, then went on to the end.
    expect(phase).toBe('up');
    expect(restarted!.settled - down!.settled).toBeLessThanOrEqual(IN_FLIGHT);
    expect(restarted!.settled).toBeLessThan(SENTENCES * 0.5);
    const excess = await expectExactCounts(run, (namespace) => new RedisStore({ host: server.host, port: server.port, database: 0, timeoutMs: 5000 }, namespace));
    const kills = run.crashes.filter((c) => c.cause === 'chaos').length;
    const report = { ...run.spouts['sentences'], kills, excess, down, restarted, wallMs: Date.now() - started };
    process.stdout.write(`stateful chaos (redis): ${JSON.stringify(report)}\n`);
  }, 540_000);

  fileProof(`file store, counting tasks killed: ${SENTENCES} sentences; dedupe counts exact, at-least-once never below`, async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'stp-state-chaos-'));
    try {
      const run = await runUnderChaos(path.join(project, 'topologies/wordcount.ts'), {
        cwd: project,
        settled: SENTENCES,
        kills: 3,
        every: [20, 30],
        seed: 26,
        components: COUNTERS,
        conf: chaosConf('file', JSON.stringify({ dir: stateDir })),
        timeoutMs: 480_000,
      });
      const excess = await expectExactCounts(run, (namespace) => new FileStore(stateDir, namespace));
      const kills = run.crashes.filter((c) => c.cause === 'chaos').length;
      process.stdout.write(`stateful chaos (file): ${JSON.stringify({ ...run.spouts['sentences'], kills, excess })}\n`);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 540_000);
});

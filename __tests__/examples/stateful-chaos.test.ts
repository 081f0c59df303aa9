// The proof of issue 26: the stateful word count under chaos (a counting task SIGKILLed every 3-5 s and
// restarted) until SETTLED sentences are acked, with the file store. Each kill rolls every stateful task back to
// the last commit (Storm's recovery), so the run checkpoints every 200 ms, times trees out after 2 s and keeps at
// most 1,000 sentences in flight, to get through quickly. Then, from the store itself:
// - the counter with dedupe holds exactly the words the spout's sentences contain;
// - the at-least-once counter holds no count below that (nothing was lost, no count started again from zero);
//   what it holds above is what Storm's at-least-once allows (words applied, then replayed after a rollback).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderChaos } from 'storm-ts/testing';
import { FileStore } from '../../lib/state/file-store.js';
import { sentenceWords } from '../../examples/stateful/src/spouts/sentences.js';

const project = fileURLToPath(new URL('../../examples/stateful', import.meta.url));
// Issue 26 asks for 100,000. On this 2-core machine, loaded, the run does not get there in CI's time: 30,376 of
// 100,000 settled in 600 s in a full CI run, and 5,000 did not settle in 420 s (kills every 3-5 s, each rolling
// every stateful task back). Until the stateful path recovers faster the proof runs on demand, not in CI:
// STP_STATEFUL_PROOF=1 (optionally STP_STATEFUL_SETTLED=N) npx jest __tests__/examples/stateful-chaos.test.ts
const SETTLED = Number(process.env['STP_STATEFUL_SETTLED'] ?? 100_000);
const proof = process.env['STP_STATEFUL_PROOF'] ? it : it.skip;
let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'stp-state-chaos-'));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** word -> count, summed over the component's tasks, from what the store committed. */
async function committedCounts(component: string, tasks: readonly number[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    const store = new FileStore(stateDir, `${component}-${task}`);
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

proof(`stateful wordcount under chaos: ${SETTLED} sentences; dedupe counts exact, at-least-once counts never below`, async () => {
  const run = await runUnderChaos(path.join(project, 'topologies/wordcount.ts'), {
    cwd: project,
    settled: SETTLED,
    every: [3, 5],
    seed: 26,
    components: ['count', 'count-at-least-once'],
    conf: {
      'topology.message.timeout.secs': 2,
      'topology.max.spout.pending': 1000,
      'topology.state.checkpoint.interval.ms': 200,
      'topology.state.provider': 'file',
      'topology.state.provider.config': JSON.stringify({ dir: stateDir }),
    },
    timeoutMs: 1_800_000,
  });
  const sentences = run.spouts['sentences']!;
  expect(sentences.acked).toBeGreaterThanOrEqual(SETTLED);
  expect(sentences.lost).toBe(0);
  expect(sentences.gaveUp).toBe(0);

  const expected = new Map<string, number>();
  for (let n = 1; n <= sentences.emitted; n++) for (const word of sentenceWords(n)) expected.set(word, (expected.get(word) ?? 0) + 1);

  const tasksOf = (component: string): number[] => run.result.stats.components.find((c) => c.component === component)!.tasks as number[];
  const exact = await committedCounts('count', tasksOf('count'));
  const atLeastOnce = await committedCounts('count-at-least-once', tasksOf('count-at-least-once'));
  expect(Object.fromEntries(exact)).toEqual(Object.fromEntries(expected));
  for (const [word, count] of expected) expect(atLeastOnce.get(word) ?? 0).toBeGreaterThanOrEqual(count);

  const kills = run.crashes.filter((c) => c.cause === 'chaos');
  expect(kills.length).toBeGreaterThan(0);
  expect(run.crashes.filter((c) => c.cause === 'crash')).toEqual([]);
  for (const kill of kills) expect(['count', 'count-at-least-once']).toContain(kill.component);
  expect(run.restarts.length).toBeGreaterThan(0);
  const excess = [...expected].reduce((sum, [word, count]) => sum + (atLeastOnce.get(word)! - count), 0);
  process.stdout.write(`stateful chaos: ${JSON.stringify({ ...sentences, kills: kills.length, restarts: run.restarts.length, excess, uptimeMs: run.result.stats.uptimeMs })}\n`);
}, 1_900_000);

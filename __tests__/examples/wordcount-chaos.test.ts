// The proof of issue 13: the example word count under chaos (a count task SIGKILLed every 1-2 s and restarted)
// until 100,000 spout tuples are acked or given up. Nothing may be lost, and every death must be reported and
// followed by a restart. Trees held by a killed task time out after topology.message.timeout.secs (2 s here, so
// the run is quick), the spout's fail runs and the ReliableSpout replays them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderChaos } from 'storm-ts/testing';

const wordcount = fileURLToPath(new URL('../../examples/wordcount', import.meta.url));
const SETTLED = 100_000;

it(`wordcount under chaos: ${SETTLED} spout tuples acked or given up, none lost, every kill reported and restarted`, async () => {
  const run = await runUnderChaos(path.join(wordcount, 'topologies/wordcount.ts'), {
    cwd: wordcount,
    settled: SETTLED,
    every: [1, 2],
    seed: 13,
    conf: { 'topology.message.timeout.secs': 2 },
    timeoutMs: 600_000,
  });
  const words = run.spouts['words']!;
  expect(words.acked + words.gaveUp).toBeGreaterThanOrEqual(SETTLED);
  expect(words.lost).toBe(0);
  // Kills happened, each one is reported as chaos (no component crashed on its own) and restarted.
  const kills = run.crashes.filter((c) => c.cause === 'chaos');
  expect(kills.length).toBeGreaterThan(0);
  expect(run.crashes.filter((c) => c.cause === 'crash')).toEqual([]);
  expect(run.result.stats.chaosKills).toBe(kills.length);
  for (const kill of kills) expect(kill.component).toBe('count');
  // Each kill is followed by a restart of the same task, except each task's last kill, which the final stop may
  // have cut short (a task is only killed while it is up, so its later kills prove the earlier restarts too).
  for (const kill of kills) {
    const later = kills.some((k) => k.task === kill.task && k.restarts > kill.restarts);
    if (later) expect(run.restarts.some((r) => r.task === kill.task && r.restarts === kill.restarts + 1)).toBe(true);
  }
  expect(run.restarts.length).toBeGreaterThanOrEqual(kills.length - new Set(kills.map((k) => k.task)).size);
  // The killed tasks' trees timed out and were replayed.
  expect(words.timedOut).toBeGreaterThan(0);
  expect(words.replayed).toBeGreaterThan(0);
  // Reported for the lead: how the run went (the test asserts no timing).
  process.stdout.write(`wordcount chaos: ${JSON.stringify({ ...words, kills: kills.length, uptimeMs: run.result.stats.uptimeMs })}\n`);
}, 660_000);

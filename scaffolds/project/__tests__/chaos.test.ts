// The topology under chaos: a counter task is SIGKILLed every 0.5-1 s and restarted, as Storm's supervisor
// restarts a dead worker. The tuples it held time out, the spout's fail runs and the ReliableSpout replays them:
// every word is acked or given up, none is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runUnderChaos } from 'storm-ts/testing';

test('no word is lost when counter tasks are killed', async () => {
  const run = await runUnderChaos('wordcount', {
    settled: 3000,
    // ... and until chaos has killed twice: on a fast machine 3,000 tuples settle before the first kill.
    kills: 2,
    every: [0.5, 1],
    seed: 1,
    // Trees held by a killed task time out after this long (the topology says 60 s; a test wants it short).
    conf: { 'topology.message.timeout.secs': 2 },
  });
  const words = run.spouts['words']!;
  assert.ok(words.acked + words.gaveUp >= 3000);
  assert.equal(words.lost, 0);
  assert.ok(run.crashes.filter((c) => c.cause === 'chaos').length >= 2, 'chaos killed two tasks');
  assert.deepEqual(run.crashes.filter((c) => c.cause === 'crash'), [], 'no component crashed on its own');
});

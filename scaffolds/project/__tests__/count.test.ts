// Unit tests of the bolt, run in-process with stp's test kit (no Storm, no processes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testBolt } from 'storm-ts/testing';
import { WordCounter } from '../src/bolts/count.js';

test('counts each word and emits the running count, anchored to the input', async () => {
  const counter = await testBolt(WordCounter);
  const first = await counter.feed(['storm']);
  await counter.feed(['stream']);
  const third = await counter.feed(['storm']);
  assert.deepEqual(
    counter.emitted.map((e) => e.values),
    [['storm', 1], ['stream', 1], ['storm', 2]],
  );
  assert.deepEqual(counter.emitted[2]!.anchors, [third.id]);
  assert.equal(counter.acked[0], first.id);
  assert.equal(counter.acked.length, 3);
});

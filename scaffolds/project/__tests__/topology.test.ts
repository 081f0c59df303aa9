// The whole topology on stp's embedded engine: real processes, real routing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectFromTopology } from 'storm-ts/testing';

test('words reach the counter, each word always at the same counter task', async () => {
  const { received } = await collectFromTopology('wordcount', { component: 'count', count: 30 });
  assert.equal(received.length, 30);
  const taskOf = new Map<unknown, number>();
  for (const tuple of received) {
    assert.equal(taskOf.get(tuple.values[0]) ?? tuple.task, tuple.task);
    taskOf.set(tuple.values[0], tuple.task);
  }
});

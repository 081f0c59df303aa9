// A StatefulBolt driven by the test kit (storm-ts/testing's testBolt) through Storm's checkpoint protocol, on the
// file store in a temp dir: tuples wait for INITSTATE, acks wait for the COMMIT, a crash (a new instance on the
// same store) finds the committed counts, a ROLLBACK fails what was not committed, dedupe skips a replay.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testBolt } from 'storm-ts/testing';
import { AtLeastOnceCounter, WordCounter } from '../../examples/stateful/src/bolts/count.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stp-stateful-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const conf = () => ({ 'topology.state.provider': 'file', 'topology.state.provider.config': JSON.stringify({ dir }) });
const checkpoint = { component: '$checkpointspout', stream: '$checkpoint' };

it('holds acks until the commit, survives a crash, and fails what a rollback drops', async () => {
  const bolt = await testBolt(AtLeastOnceCounter, { conf: conf(), componentId: 'count', taskId: 3 });
  const early = await bolt.feed(['apple']);
  expect(bolt.acked).toEqual([]); // waits for INITSTATE
  const init = await bolt.feed([-1, 'INITSTATE'], checkpoint);
  expect(bolt.acked).toEqual([init.id]);
  expect(bolt.emitted).toEqual([{ stream: '$checkpoint', values: [-1, 'INITSTATE'], anchors: [init.id] }]);
  const second = await bolt.feed(['apple']);
  expect(bolt.bolt.state.get('apple')).toBe(2);
  await bolt.feed([0, 'PREPARE'], checkpoint);
  expect(bolt.acked).not.toContain(early.id);
  await bolt.feed([0, 'COMMIT'], checkpoint);
  expect(bolt.acked).toEqual(expect.arrayContaining([early.id, second.id]));

  const uncommitted = await bolt.feed(['fig']);
  await bolt.feed([1, 'PREPARE'], checkpoint);

  // A crash: a new task on the same store. Its first PREPARE fails (recovery), ROLLBACK, INITSTATE.
  const restarted = await testBolt(AtLeastOnceCounter, { conf: conf(), componentId: 'count', taskId: 3 });
  const prepare = await restarted.feed([1, 'PREPARE'], checkpoint);
  expect(restarted.failed).toEqual([prepare.id]);
  await restarted.feed([1, 'ROLLBACK'], checkpoint);
  await restarted.feed([0, 'INITSTATE'], checkpoint);
  expect([...restarted.bolt.state]).toEqual([['apple', 2]]);

  // The old task gets the same ROLLBACK: its uncommitted tuple fails (the spout replays it).
  await bolt.feed([1, 'ROLLBACK'], checkpoint);
  expect(bolt.failed).toContain(uncommitted.id);
  expect(bolt.bolt.state.get('fig')).toBeUndefined();
});

it('dedupe: a replayed id is acked at the next commit without being counted again', async () => {
  const bolt = await testBolt(WordCounter, { conf: conf(), componentId: 'count', taskId: 2 });
  await bolt.feed([-1, 'INITSTATE'], checkpoint);
  await bolt.feed(['s1:0', 'dog']);
  const replay = await bolt.feed(['s1:0', 'dog']);
  expect(bolt.bolt.state.get('dog')).toBe(1);
  await bolt.feed([0, 'PREPARE'], checkpoint);
  await bolt.feed([0, 'COMMIT'], checkpoint);
  expect(bolt.acked).toContain(replay.id);
  const restarted = await testBolt(WordCounter, { conf: conf(), componentId: 'count', taskId: 2 });
  await restarted.feed([0, 'INITSTATE'], checkpoint);
  await restarted.feed(['s1:0', 'dog']);
  expect(restarted.bolt.state.get('dog')).toBe(1);
});

// A StatefulWindowedBolt driven by the test kit (testWindowedBolt) through Storm's checkpoint protocol, on the file
// store in a temp dir: tuples wait for INITSTATE, windows fire, acks of expired tuples wait for the COMMIT after
// they expired; a crash (a new instance on the same store) replays with Storm's message-id rule: ids up to
// lastExpired are acked and dropped, ids up to lastEvaluated go back into the window without firing it, and the
// first greater id ends the recovery; a ROLLBACK fails the held acks and forgets the uncommitted state.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatefulWindowedBolt, type TupleWindow } from 'storm-ts';
import { testWindowedBolt } from 'storm-ts/testing';
import { WindowTotals } from '../windowing/project/src/stateful.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stp-statewin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const conf = () => ({ 'topology.state.provider': 'file', 'topology.state.provider.config': JSON.stringify({ dir }) });
const checkpoint = { component: '$checkpointspout', stream: '$checkpoint' };
const start = () => testWindowedBolt(WindowTotals, { conf: conf(), componentId: 'totals', taskId: 4 });

it('fires windows on the state, holds acks until the commit after expiry, and recovers with the message-id rule', async () => {
  const bolt = await start();
  const early = await bolt.feed([1, 0], { id: 'n1' });
  expect(bolt.windows).toEqual([]); // waits for INITSTATE
  await bolt.feed([-1, 'INITSTATE'], checkpoint);
  for (let n = 2; n <= 10; n++) await bolt.feed([n, 0], { id: `n${n}` });
  expect(bolt.windows.map((w) => w.tuples.map((t) => t.values[0]))).toEqual([
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
  ]);
  expect(bolt.bolt.state.get('windows')).toBe(2);
  // 1-5 expired at the second window; their acks wait for the checkpoint.
  expect(bolt.acked).not.toContain(early.id);
  await bolt.feed([0, 'PREPARE'], checkpoint);
  expect(bolt.acked).not.toContain('n1');
  await bolt.feed([0, 'COMMIT'], checkpoint);
  expect(bolt.acked).toEqual(expect.arrayContaining(['n1', 'n2', 'n3', 'n4', 'n5']));
  expect(bolt.acked).not.toContain('n6'); // still in the window (evaluated, not expired)

  // Committed: lastExpired 5, lastEvaluated 10 for (task 1, source, default); windows 2. Then uncommitted work.
  for (let n = 11; n <= 12; n++) await bolt.feed([n, 0], { id: `n${n}` });

  // A crash: a new task on the same store. PREPARE fails, ROLLBACK, INITSTATE; the spout replays 1..12.
  const restarted = await start();
  const prepare = await restarted.feed([1, 'PREPARE'], checkpoint);
  expect(restarted.failed).toEqual([prepare.id]);
  await restarted.feed([1, 'ROLLBACK'], checkpoint);
  await restarted.feed([0, 'INITSTATE'], checkpoint);
  expect(restarted.bolt.state.get('windows')).toBe(2);
  expect(restarted.bolt.recovering).toBe(true);
  for (let n = 1; n <= 10; n++) await restarted.feed([n, 0], { id: `r${n}` });
  // 1-5: acked (held for the commit) and dropped; 6-10: back in the window, which does not fire yet.
  expect(restarted.windows).toEqual([]);
  expect(restarted.bolt.heldTuples).toBe(5);
  expect(restarted.bolt.recovering).toBe(true);
  await restarted.feed([11, 0], { id: 'r11' }); // past lastEvaluated: the recovery ends, the triggers start
  expect(restarted.bolt.recovering).toBe(false);
  for (let n = 12; n <= 15; n++) await restarted.feed([n, 0], { id: `r${n}` });
  // The first window after the recovery: 11-15 (the count eviction keeps 5), 6-10 expire with it.
  expect(restarted.windows.map((w) => w.tuples.map((t) => t.values[0]))).toEqual([[11, 12, 13, 14, 15]]);
  expect(restarted.windows[0]!.expiredTuples.map((t) => t.values[0])).toEqual([6, 7, 8, 9, 10]);
  expect(restarted.emitted.filter((e) => e.stream === 'default').map((e) => e.values)).toEqual([[3, 5, 11, 15, 15]]);
  expect(restarted.acked.filter((id) => id.startsWith('r'))).toEqual([]);
  await restarted.feed([1, 'PREPARE'], checkpoint);
  await restarted.feed([1, 'COMMIT'], checkpoint);
  expect(restarted.acked).toEqual(expect.arrayContaining(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10']));
  expect(restarted.acked).not.toContain('r11'); // in the window, not expired

  // A second crash after that commit: the saved progress is now lastExpired 10, lastEvaluated 15.
  const again = await start();
  await again.feed([2, 'PREPARE'], checkpoint);
  await again.feed([2, 'ROLLBACK'], checkpoint);
  await again.feed([1, 'INITSTATE'], checkpoint);
  expect(again.bolt.state.get('windows')).toBe(3);
  await again.feed([10, 0], { id: 'a10' });
  await again.feed([15, 0], { id: 'a15' });
  expect(again.bolt.heldTuples).toBe(1);
  await again.feed([16, 0], { id: 'a16' });
  expect(again.bolt.recovering).toBe(false);

  // The old task gets the same ROLLBACK: nothing held is acked, the state is the last commit's.
  await bolt.feed([1, 'ROLLBACK'], checkpoint);
  expect(bolt.bolt.state.get('windows')).toBe(2);
});

it('a rollback fails the acks held since the last commit and forgets the uncommitted state', async () => {
  const bolt = await start();
  await bolt.feed([-1, 'INITSTATE'], checkpoint);
  expect(bolt.bolt.recovering).toBe(false); // nothing saved: the triggers start at once
  for (let n = 1; n <= 10; n++) await bolt.feed([n, 0], { id: `n${n}` });
  await bolt.feed([0, 'PREPARE'], checkpoint);
  await bolt.feed([0, 'ROLLBACK'], checkpoint);
  expect(bolt.failed).toEqual(expect.arrayContaining(['n1', 'n2', 'n3', 'n4', 'n5']));
  expect(bolt.acked.filter((id) => id.startsWith('n'))).toEqual([]);
  expect(bolt.bolt.state.get('windows')).toBeUndefined();
});

it('fails a tuple whose message id is not a number', async () => {
  const bolt = await start();
  await bolt.feed([-1, 'INITSTATE'], checkpoint);
  const bad = await bolt.feed(['seven', 0], { id: 'bad' });
  expect(bolt.failed).toEqual([bad.id]);
  expect(bolt.errors.join('\n')).toMatch(/message id field 'n' is "seven", not a number/);
});

it('refuses, when the class is defined, what the compiler refuses (for JavaScript callers)', () => {
  const define = (declaration: object) => () => StatefulWindowedBolt.define(declaration as never);
  const base = { reads: ['seq', 'word'], types: { seq: Number }, window: { tumbling: { count: 5 } }, state: { key: String, value: Number } };
  expect(define({ ...base, messageIdField: 'id' })).toThrow('StatefulWindowedBolt.define() failed: messageIdField "id" is not a field the bolt reads (reads: "seq", "word")');
  expect(define({ ...base, messageIdField: 'word' })).toThrow('StatefulWindowedBolt.define() failed: messageIdField "word" must be typed Number in types');
  expect(define({ ...base, messageIdField: 'seq', dedupe: { field: 'seq', horizon: 10 } })).toThrow(/dedupe is StatefulBolt's/);
  expect(define({ ...base, messageIdField: 'seq', window: undefined })).toThrow(/the declaration has no window/);
  expect(define({ ...base, messageIdField: 'seq', state: undefined })).toThrow(/it needs state: \{ key, value \}/);
});

it('event time: windows fire on the watermarks once INITSTATE arrived', async () => {
  class EventTotals extends StatefulWindowedBolt.define({
    reads: ['n', 'ts'],
    types: { n: Number, ts: Number },
    window: { tumbling: { ms: 1000 }, timestampField: 'ts', watermarkInterval: { ms: 100 } },
    state: { key: String, value: Number },
    messageIdField: 'n',
  }) {
    override processWindow(window: TupleWindow<[number, number]>): void {
      this.state.put('tuples', this.state.get('tuples', 0) + window.tuples.length);
    }
  }
  const bolt = await testWindowedBolt(EventTotals, { conf: conf(), componentId: 'event', taskId: 1 });
  await bolt.feed([1, 100]);
  await bolt.advance(500);
  expect(bolt.windows).toEqual([]); // no INITSTATE yet: the tuple waits
  await bolt.feed([-1, 'INITSTATE'], checkpoint);
  await bolt.feed([2, 900]);
  await bolt.feed([3, 2500]);
  await bolt.advance(200);
  expect(bolt.windows.map((w) => w.tuples.map((t) => t.values[0]))).toEqual([[1, 2]]);
  expect(bolt.bolt.state.get('tuples')).toBe(2);
});

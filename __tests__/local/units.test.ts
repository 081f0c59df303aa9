// Unit tests of the engine's pure parts: task layout, handshake context, routing, the XOR acker.
import { Acker, randomId, type PendingRoot, type RootOutcome } from '../../lib/local/acker.js';
import { handshakeContext } from '../../lib/local/context.js';
import { layoutTopology } from '../../lib/local/layout.js';
import { fieldsHash, Router } from '../../lib/local/routing.js';
import { bolt, spout, topology } from './harness.js';

const wc = topology('wc', [
  spout('words', {}, { streams: { default: ['word', 'n'], side: ['x'] } }),
  bolt('count', [{ source: 'words', grouping: { type: 'fields', fields: ['word'] } }], {}, { parallelism: 2, tasks: 4 }),
  bolt('all', [{ source: 'words', grouping: { type: 'all' } }, { source: 'words', stream: 'side', grouping: { type: 'global' } }], {}, { parallelism: 2 }),
]);

describe('layout and handshake context', () => {
  it('numbers tasks from 1 in sorted component order, tasks over executors', () => {
    const layout = layoutTopology(wc);
    expect(Object.fromEntries(layout.componentTasks)).toEqual({ all: [1, 2], count: [3, 4, 5, 6], words: [7] });
  });

  it('builds the context Storm sends, every key present', () => {
    const layout = layoutTopology(wc);
    const context = handshakeContext(layout, 'words', 7);
    expect(context).toEqual({
      'task->component': { 1: 'all', 2: 'all', 3: 'count', 4: 'count', 5: 'count', 6: 'count', 7: 'words' },
      taskid: 7,
      componentid: 'words',
      streams: ['default', 'side'],
      'stream->outputfields': { default: ['word', 'n'], side: ['x'] },
      'stream->target->grouping': { default: { count: { type: 'FIELDS', fields: ['word'] }, all: { type: 'ALL' } }, side: { all: { type: 'FIELDS', fields: [] } } },
      'source->stream->grouping': {},
      'source->stream->fields': {},
    });
    expect(handshakeContext(layout, 'all', 2)).toMatchObject({
      'source->stream->grouping': { words: { default: { type: 'ALL' }, side: { type: 'FIELDS', fields: [] } } },
      'source->stream->fields': { words: { default: ['word', 'n'], side: ['x'] } },
    });
  });
});

describe('routing', () => {
  const layout = layoutTopology(wc);
  const router = new Router(layout, 'words', wc.components[0]!.streams);

  it('fields grouping: a stable hash of the grouped values, the same task every time', () => {
    expect(fieldsHash(['apple'])).toBe(fieldsHash(['apple']));
    expect(fieldsHash(['apple'])).not.toBe(fieldsHash(['apples']));
    const first = router.targets('default', ['apple', 1], undefined);
    for (let n = 0; n < 20; n++) expect(router.targets('default', ['apple', n], undefined)).toEqual(first);
    const spread = new Set<number>();
    for (let i = 0; i < 200; i++) spread.add(router.targets('default', [`w${i}`, 0], undefined)[0]!);
    expect([...spread].sort()).toEqual([3, 4, 5, 6]);
  });

  it('routes each stream to its own subscribers only', () => {
    expect(router.targets('side', ['x'], undefined)).toEqual([1]);
    expect(router.targets('default', ['a', 1], undefined).filter((t) => t <= 2)).toEqual([1, 2]);
  });

  it('refuses undeclared streams, wrong widths and direct emits to a non-direct stream, saying what is declared', () => {
    expect(() => router.targets('nope', [], undefined)).toThrow("emitted on stream 'nope', which it does not declare (declared: default, side)");
    expect(() => router.targets('side', [1, 2], undefined)).toThrow("emitted 2 value(s) on stream 'side', which declares 1 field(s): x; tuple: [1,2]");
    expect(() => router.targets('default', ['a', 1], 3)).toThrow(
      "emitted directly to task 3 on stream 'default', which is declared regular (fields: word, n), not direct; Storm refuses a direct emit to it",
    );
  });

  it('direct streams: only tasks of direct subscribers; a regular emit is refused', () => {
    const spec = topology('d', [
      spout('src', {}, { streams: { d: ['v'] } }),
      bolt('t', [{ source: 'src', stream: 'd', grouping: { type: 'direct' } }], {}, { parallelism: 2 }),
    ]);
    const direct = { ...spec, components: [{ ...spec.components[0]!, streams: { d: { fields: ['v'], direct: true } } }, spec.components[1]!] };
    const r = new Router(layoutTopology(direct), 'src', direct.components[0]!.streams);
    // src = task 1, t = tasks 2 and 3.
    expect(r.targets('d', [1], 3)).toEqual([3]);
    expect(() => r.targets('d', [1], 1)).toThrow("emitted directly to task 1 (a task of 'src') on stream 'd', but only tasks of direct subscribers of 'src'/'d' may receive it ('t': 2, 3)");
    expect(() => r.targets('d', [1], 9)).toThrow(/task 9 \(no such task\)/);
    expect(() => r.targets('d', [1], undefined)).toThrow("made a regular emit on stream 'd', which is declared direct (fields: v); emit with a task id (emitDirect) instead");
  });

  it('shuffle is even over each round', () => {
    const spec = topology('s', [spout('src'), bolt('b', [{ source: 'src' }], {}, { parallelism: 3 })]);
    const r = new Router(layoutTopology(spec), 'src', spec.components[0]!.streams);
    const counts = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const [t] = r.targets('default', ['w', i], undefined);
      counts.set(t!, (counts.get(t!) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([100, 100, 100]);
  });
});

describe('XOR acker', () => {
  const done: [string | number, RootOutcome][] = [];
  const acker = new Acker((root: PendingRoot, outcome) => done.push([root.messageId, outcome]));
  beforeEach(() => (done.length = 0));

  it('completes a tree exactly when every edge was acked, in any order', () => {
    const root = randomId();
    const [a, b, c] = [randomId(), randomId(), randomId()];
    acker.init(root, a ^ b, 1, 'm1', 0); // spout emitted to two tasks: edges a and b
    acker.ack(root, a ^ c, 1); // a acked after emitting c anchored to it
    expect(done).toEqual([]);
    expect(acker.pendingFor(1)).toBe(1);
    acker.ack(root, c, 2);
    expect(done).toEqual([]);
    acker.ack(root, b, 3);
    expect(done).toEqual([['m1', 'acked']]);
    expect(acker.pendingFor(1)).toBe(0);
    acker.ack(root, b, 4); // late acks of a finished tree are ignored
    expect(done).toHaveLength(1);
  });

  it('fails a tree at the first fail, and times out old trees first', () => {
    const r1 = randomId();
    acker.init(r1, randomId(), 1, 'f', 0);
    acker.fail(r1, 1);
    expect(done).toEqual([['f', 'failed']]);
    const [old, young] = [randomId(), randomId()];
    acker.init(old, randomId(), 2, 'old', 0);
    acker.init(young, randomId(), 2, 'young', 900);
    acker.expire(1000, 1000);
    expect(done.slice(1)).toEqual([['old', 'timed out']]);
    acker.resetTimeout(young, 1500);
    acker.expire(2000, 1000);
    expect(done).toHaveLength(2);
    acker.expire(2500, 1000);
    expect(done.slice(2)).toEqual([['young', 'timed out']]);
  });

  it('draws non-zero, distinct 64-bit ids', () => {
    const ids = new Set(Array.from({ length: 10000 }, () => randomId()));
    expect(ids.size).toBe(10000);
    for (const id of ids) expect(id > 0n && id < 1n << 64n).toBe(true);
  });
});

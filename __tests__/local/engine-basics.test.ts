// The engine over real child processes: handshake, groupings, streams, need_task_ids, a Python shell bolt.
import { bolt, cleanUp, messages, spout, start, survivors, topology, until } from './harness.js';

afterEach(cleanUp);

const got = (r: ReturnType<typeof start>, component: string) => messages(r, component, 'got ');

describe('local engine: routing over real processes', () => {
  it('hands each task a Storm-shaped handshake and runs a spout into a bolt until every tree is acked', async () => {
    const spec = topology('basic', [spout('words', { 'fixture.count': 6 }), bolt('sink', [{ source: 'words' }])]);
    const r = start(spec);
    await until(() => r.trees.length === 6, 10000, '6 trees');
    const result = await r.handle.stop();
    expect(result.reason).toBe('stopped');
    expect(r.trees.every((t) => t.outcome === 'acked')).toBe(true);
    expect(messages(r, 'words', 'spout ready')).toEqual(['spout ready as task 2 of words']);
    expect(messages(r, 'words', 'activate')).toEqual(['activate']);
    expect(messages(r, 'words', 'deactivate')).toEqual(['deactivate']);
    const stats = result.stats.components.find((c) => c.component === 'words')!;
    expect(stats).toMatchObject({ emitted: 6, acked: 6, failed: 0, tasks: [2] });
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });

  it('shuffle spreads evenly, fields keeps a key on one task, all reaches every task, global the lowest', async () => {
    const words = ['a', 'b', 'c', 'd', 'e', 'f'];
    const spec = topology('groupings', [
      spout('src', { 'fixture.count': 60, 'fixture.words': words }),
      bolt('shuffled', [{ source: 'src' }], {}, { parallelism: 3 }),
      bolt('keyed', [{ source: 'src', grouping: { type: 'fields', fields: ['word'] } }], {}, { parallelism: 3 }),
      bolt('everyone', [{ source: 'src', grouping: { type: 'all' } }], {}, { parallelism: 2 }),
      bolt('lowest', [{ source: 'src', grouping: { type: 'global' } }], {}, { parallelism: 3 }),
      bolt('nothing', [{ source: 'src', grouping: { type: 'none' } }], {}, { parallelism: 2 }),
      bolt('local', [{ source: 'src', grouping: { type: 'localOrShuffle' } }], {}, { parallelism: 2 }),
    ]);
    const r = start(spec);
    await until(() => r.trees.length === 60, 15000, '60 trees');
    await r.handle.stop();
    const perTask = (component: string) => {
      const counts = new Map<number, number>();
      for (const l of r.logs) if (l.component === component && l.message.startsWith('got ')) counts.set(l.task, (counts.get(l.task) ?? 0) + 1);
      return counts;
    };
    // Task ids are given in sorted component order: everyone 1-2, keyed 3-5, local 6-7, lowest 8-10, nothing 11-12, shuffled 13-15, src 16.
    expect([...perTask('shuffled').values()]).toEqual([20, 20, 20]);
    expect([...perTask('everyone').entries()].sort()).toEqual([[1, 60], [2, 60]]);
    expect([...perTask('lowest').entries()]).toEqual([[8, 60]]);
    expect([...perTask('nothing').values()].reduce((a, b) => a + b)).toBe(60);
    expect([...perTask('local').values()].reduce((a, b) => a + b)).toBe(60);
    const keyTask = new Map<string, Set<number>>();
    for (const l of r.logs) {
      if (l.component !== 'keyed' || !l.message.startsWith('got ')) continue;
      const word = (JSON.parse(l.message.split(' ').slice(4).join(' ')) as [string])[0];
      keyTask.set(word, (keyTask.get(word) ?? new Set()).add(l.task));
    }
    expect(keyTask.size).toBe(6);
    for (const tasks of keyTask.values()) expect(tasks.size).toBe(1);
    // Each tuple went to 1 + 1 + 2 + 1 + 1 + 1 tasks.
    expect(r.handle.stats().components.find((c) => c.component === 'src')!.transferred).toBe(60 * 7);
  });

  it('keeps streams apart and tells each bolt the source component, stream and task', async () => {
    const spec = topology('streams', [
      spout('evens', { 'fixture.count': 4, 'fixture.stream': 'even' }, { streams: { even: ['word', 'n'] } }),
      spout('odds', { 'fixture.count': 3, 'fixture.stream': 'odd' }, { streams: { odd: ['word', 'n'], unused: ['x'] } }),
      bolt('onlyEven', [{ source: 'evens', stream: 'even' }]),
      bolt('onlyOdd', [{ source: 'odds', stream: 'odd' }]),
    ]);
    const r = start(spec);
    await until(() => r.trees.length === 7, 10000, '7 trees');
    await r.handle.stop();
    expect(got(r, 'onlyEven')).toHaveLength(4);
    expect(got(r, 'onlyOdd')).toHaveLength(3);
    expect(got(r, 'onlyEven').every((m) => m.startsWith('got evens even 1 '))).toBe(true);
    expect(got(r, 'onlyOdd').every((m) => m.startsWith('got odds odd 2 '))).toBe(true);
  });

  it('answers need_task_ids with the real receiving tasks: inside the spout turn, on a bolt stdin in emit order', async () => {
    const spec = topology('taskids', [
      spout('src', { 'fixture.count': 3, 'fixture.needTaskIds': true, 'fixture.words': ['x y z'] }),
      bolt('split', [{ source: 'src' }], { 'fixture.split': true, 'fixture.needTaskIds': true }, { streams: { default: ['word'] } }),
      bolt('all', [{ source: 'split', grouping: { type: 'all' } }], {}, { parallelism: 2 }),
    ]);
    const r = start(spec);
    await until(() => r.trees.length === 3, 10000, '3 trees');
    await r.handle.stop();
    // all = tasks 1, 2; split = 3; src = 4.
    expect(messages(r, 'src', 'task ids')).toEqual(['task ids [3]', 'task ids [3]', 'task ids [3]']);
    expect(messages(r, 'split', 'task ids')).toEqual(Array(9).fill('task ids [1,2]'));
    expect(got(r, 'all')).toHaveLength(18);
  });

  it('routes direct emits to the named task and reports tuples with their receivers', async () => {
    const spec = topology('direct', [
      spout('src', { 'fixture.count': 2 }),
      bolt('director', [{ source: 'src' }], { 'fixture.directTo': 'target', 'fixture.outStream': 'direct' }, { streams: { direct: ['word', 'n'] }, direct: ['direct'] }),
      bolt('target', [{ source: 'director', stream: 'direct', grouping: { type: 'direct' } }], {}, { parallelism: 3 }),
    ]);
    const r = start(spec);
    await until(() => r.trees.length === 2, 10000, '2 trees');
    await r.handle.stop();
    const direct = r.tuples.filter((t) => t.component === 'director');
    expect(direct.map((t) => t.to.map((x) => x.task))).toEqual([[3], [4], [5], [3], [4], [5]]);
    expect(direct[0]!.to[0]!.component).toBe('target');
    expect(r.trees.every((t) => t.outcome === 'acked')).toBe(true);
  });

  it('runs a Python shell component as [command, script] in the components dir', async () => {
    const spec = topology('python', [
      spout('src', { 'fixture.count': 2, 'fixture.words': ['hello big world'] }),
      bolt('split', [{ source: 'src' }], {}, { fixture: 'python', streams: { default: ['word'] } }),
      bolt('sink', [{ source: 'split' }]),
    ]);
    const r = start(spec);
    await until(() => r.trees.length === 2, 10000, '2 trees');
    await r.handle.stop();
    expect(messages(r, 'split', 'python split')).toEqual(['python split hello big world', 'python split hello big world']);
    expect(got(r, 'sink').map((m) => m.split(' ').slice(4).join(' '))).toEqual(['["hello"]', '["big"]', '["world"]', '["hello"]', '["big"]', '["world"]']);
    expect(r.trees.every((t) => t.outcome === 'acked')).toBe(true);
  });
});

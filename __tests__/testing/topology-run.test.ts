import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFromTopology } from 'storm-ts/testing';
import { prepareLocalRun } from '../../lib/local/prepare.js';

const example = fileURLToPath(new URL('../../examples/wordcount', import.meta.url));
const project = fileURLToPath(new URL('../local/fixtures/project', import.meta.url));

describe('collectFromTopology', () => {
  it('runs the wordcount example on the embedded engine until 20 counts reached a component', async () => {
    const words = await collectFromTopology(path.join(example, 'topologies/wordcount.ts'), { cwd: example, component: 'count', count: 20 });
    expect(words.received).toHaveLength(20);
    for (const tuple of words.received) {
      expect(tuple.from.component).toBe('words');
      expect(tuple.stream).toBe('default');
      expect(typeof tuple.values[0]).toBe('string');
    }
    // The fields grouping on 'word': one word always reaches the same counter task.
    const taskOf = new Map<unknown, number>();
    for (const tuple of words.received) {
      expect(taskOf.get(tuple.values[0]) ?? tuple.task).toBe(tuple.task);
      taskOf.set(tuple.values[0], tuple.task);
    }
    expect(words.result.reason).toBe('stopped');
  });

  // jest runs test files in parallel workers: two of them running one topology must not replace each other's bundles
  // (a shared _build/<topology>/resources is emptied by each run's start).
  it('gives each run of one topology a bundle folder of its own, removed after the run', async () => {
    const build = path.join(example, '_build', 'wordcount');
    const runFolders = (): string[] => (existsSync(build) ? readdirSync(build).filter((f) => f.startsWith('run-')) : []);
    const before = runFolders();
    const [a, b] = await Promise.all([1, 2].map(() => prepareLocalRun(path.join(example, 'topologies/wordcount.ts'), { cwd: example, ownFolder: true })));
    try {
      expect(a!.componentsDir).not.toBe(b!.componentsDir);
      for (const run of [a!, b!]) {
        expect(path.dirname(path.dirname(run.componentsDir))).toBe(build);
        expect(readdirSync(run.componentsDir).sort()).toEqual(expect.arrayContaining(['count.js', 'words.js']));
      }
      a!.dispose();
      expect(existsSync(a!.componentsDir)).toBe(false);
      expect(readdirSync(b!.componentsDir)).toEqual(expect.arrayContaining(['count.js', 'words.js']));
    } finally {
      a!.dispose();
      b!.dispose();
    }
    // Two whole runs at once, as two test files in two workers: both get their tuples, and leave no folder behind.
    const runs = await Promise.all([1, 2].map(() => collectFromTopology(path.join(example, 'topologies/wordcount.ts'), { cwd: example, component: 'count', count: 200 })));
    for (const run of runs) expect(run.received).toHaveLength(200);
    expect(runFolders()).toEqual(before);
  });

  it('names the components when asked for one the topology lacks', async () => {
    await expect(
      collectFromTopology(path.join(example, 'topologies/wordcount.ts'), { cwd: example, component: 'nope', count: 1 }),
    ).rejects.toThrow("topology 'wordcount' has no component 'nope'; it has: words, count");
  });

  it.each([
    ['direct', "emit on stream 'default' has directTask 1, but the stream is declared regular ([word]), not direct"],
    ['regular', "emit on stream 'ctl' has no directTask, but the stream is declared direct ({ fields: [word], direct: true })"],
  ])('stops on a %s emit to the wrong kind of stream, naming the component, the stream and its declaration', async (mode, message) => {
    const run = collectFromTopology(path.join(project, 'topologies/misdirected.ts'), {
      cwd: project,
      component: 'sink',
      count: 1,
      conf: { 'fixture.lines': 3, 'fixture.mode': mode },
    });
    await expect(run).rejects.toThrow("component 'misdirect' task ");
    await expect(run).rejects.toThrow(`component 'misdirect' (Misdirect): ${message}`);
  });
});

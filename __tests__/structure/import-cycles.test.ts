// No import circle anywhere in lib/ or cli/ (type-only imports count too): a new one fails here, naming it.
import madge from 'madge';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('imports', () => {
  it('lib/ and cli/ have no import circle', async () => {
    const graph = await madge([`${root}lib`, `${root}cli`], {
      baseDir: root,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: `${root}tsconfig.json`,
      excludeRegExp: [/gen-nodejs/],
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    });
    // Every file was read (a resolution failure would hide circles).
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(100);
    expect(graph.circular()).toEqual([]);
  }, 60_000);
});

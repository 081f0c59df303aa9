// The bundler: one standalone file per TypeScript component that runs as exactly `node <id>.js` in its folder.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleError } from '../../lib/bundle/component-bundle-errors.js';
import { bundleTopology, createBundleEmitter, type BundleEvent } from '../../lib/bundle/component-bundle.js';
import { ShellDriver, stopAllDrivers } from '../helpers/shell-driver.js';
import { TOPOLOGY } from '../multilang/bundled-topology.js';

const REPO = new URL('../../', import.meta.url).pathname;
const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'stp-bundle-test-'));
  temps.push(dir);
  return dir;
};

afterEach(async () => {
  await stopAllDrivers();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A topology file written into `dir` that imports the library as `'storm-ts'` and defines one plain bolt. */
function writeUserTopology(dir: string): string {
  const file = join(dir, 'topologies', 'echo.ts');
  mkdirSync(join(dir, 'topologies'), { recursive: true });
  writeFileSync(
    file,
    `import { Bolt, type Tuple } from 'storm-ts';
class Echo extends Bolt { override process(tuple: Tuple): void { this.emit(['echo', ...tuple.values]); } }
export default {
  spec: { name: 'echo', conf: {}, components: [{ id: 'echo', role: 'bolt', impl: { kind: 'typescript', className: 'Echo' }, streams: {}, inputs: [], parallelism: 1, conf: {} }] },
  componentClass: (id: string) => (id === 'echo' ? Echo : undefined),
};
`,
  );
  return file;
}

async function echoes(script: string, componentId: string, value: string): Promise<unknown> {
  const d = await ShellDriver.start({ script, componentId });
  d.sendTuple({ id: '1', tuple: [value] });
  const [emit] = await d.readUntil((m) => m.command === 'ack');
  return emit?.['tuple'];
}

describe('bundleTopology', () => {
  it('writes <id>.js and its source map for the chosen components, without exec bits, and reports progress', async () => {
    const outDir = temp();
    const events = createBundleEmitter();
    const seen: string[] = [];
    events.on('bundle:start', (e) => seen.push(`start ${e.componentIds.join(',')}`));
    events.on('bundle:component', (e) => seen.push(`component ${e.componentId}`));
    events.on('bundle:done', (e) => seen.push(`done ${e.components.length}`));
    const callback: BundleEvent[] = [];
    const result = await bundleTopology({ topologyFile: TOPOLOGY, outDir, componentIds: ['words', 'count'], events, onEvent: (e) => callback.push(e) });

    expect(readdirSync(outDir).sort()).toEqual(['count.js', 'count.js.map', 'package.json', 'words.js', 'words.js.map']);
    expect(result.components.map((c) => c.componentId)).toEqual(['words', 'count']);
    for (const c of result.components) {
      expect(statSync(c.file).mode & 0o111).toBe(0);
      expect(c.bytes).toBe(statSync(c.file).size);
      expect(readFileSync(c.file, 'utf8')).toMatch(/\/\/# sourceMappingURL=\w+\.js\.map\s*$/);
    }
    expect(seen).toEqual(['start words,count', 'component words', 'component count', 'done 2']);
    expect(callback.map((e) => e.type)).toEqual(['bundle:start', 'bundle:component', 'bundle:component', 'bundle:done']);
  });

  it('bundles the wordcount example (built with the typed builder): the spout feeds the counter', async () => {
    const outDir = temp();
    const example = new URL('../../examples/wordcount/topologies/wordcount.ts', import.meta.url).pathname;
    const result = await bundleTopology({ topologyFile: example, outDir });
    expect(result.topology).toBe('wordcount');
    expect(result.components.map((c) => c.componentId)).toEqual(['words', 'count']);
    const spout = await ShellDriver.start({ script: join(outDir, 'words.js'), componentId: 'words' });
    const [emit, sync] = await spout.spoutTurn('next');
    expect(sync).toEqual({ command: 'sync' });
    expect(emit).toMatchObject({ command: 'emit', stream: 'default', id: '1-1', need_task_ids: false });
    const word = (emit!['tuple'] as string[])[0]!;
    expect(await echoes(join(outDir, 'count.js'), 'count', word)).toEqual([word, 1]);
  });

  it('a bundle runs on its own: copied alone into an empty folder (no node_modules, no package.json, no map)', async () => {
    const outDir = temp();
    await bundleTopology({ topologyFile: TOPOLOGY, outDir, componentIds: ['count'] });
    const alone = temp();
    copyFileSync(join(outDir, 'count.js'), join(alone, 'count.js'));
    expect(await echoes(join(alone, 'count.js'), 'count', 'storm')).toEqual(['storm', 1]);
  });

  it("resolves 'storm-ts' from a user project that installed it", async () => {
    const project = temp();
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(REPO, join(project, 'node_modules', 'storm-ts'));
    const outDir = join(project, '_build', 'resources');
    await bundleTopology({ topologyFile: writeUserTopology(project), outDir });
    expect(await echoes(join(outDir, 'echo.js'), 'echo', 'hi')).toEqual(['echo', 'hi']);
  });

  it("resolves 'storm-ts' from this installation when the project has none", async () => {
    const project = temp();
    const outDir = join(project, 'out');
    await bundleTopology({ topologyFile: writeUserTopology(project), outDir });
    expect(await echoes(join(outDir, 'echo.js'), 'echo', 'hi')).toEqual(['echo', 'hi']);
  });

  it('leaves externals out and resolves them at run time from the baked-in nodePaths', async () => {
    const modules = join(temp(), 'node_modules');
    mkdirSync(join(modules, 'stp-test-greeting'), { recursive: true });
    writeFileSync(join(modules, 'stp-test-greeting', 'index.js'), "exports.greet = (name) => 'hello ' + name + ' from the external';\n");
    const outDir = temp();
    await bundleTopology({ topologyFile: new URL('fixtures/external-topology.ts', import.meta.url).pathname, outDir, nodePaths: [modules] });
    const code = readFileSync(join(outDir, 'greeter.js'), 'utf8');
    expect(code).not.toMatch(/from the external/);
    expect(code).toMatch(/require\("stp-test-greeting"\)/);
    expect(await echoes(join(outDir, 'greeter.js'), 'greeter', 'ada')).toEqual(['hello ada from the external']);
  });

  describe('errors', () => {
    it('an unknown component id lists the TypeScript components', async () => {
      await expect(bundleTopology({ topologyFile: TOPOLOGY, outDir: temp(), componentIds: ['cuont'] })).rejects.toThrow(
        "topology 'wordcount' has no TypeScript component 'cuont'; its TypeScript components are: words, count, failing",
      );
    });

    it('a missing topology file', async () => {
      await expect(bundleTopology({ topologyFile: '/nowhere/wc.ts', outDir: temp() })).rejects.toThrow(BundleError);
      await expect(bundleTopology({ topologyFile: '/nowhere/wc.ts', outDir: temp() })).rejects.toThrow(/topology file \/nowhere\/wc.ts does not exist/);
    });

    it('a file without a default-exported topology', async () => {
      const file = join(temp(), 'nothing.ts');
      writeFileSync(file, 'export const x = 1;\n');
      await expect(bundleTopology({ topologyFile: file, outDir: temp() })).rejects.toThrow(/nothing\.ts must default-export a topology .*got no default export/);
    });

    it('a syntax error names the file, line and column', async () => {
      const file = join(temp(), 'broken.ts');
      writeFileSync(file, 'export default {\n  spec: ,\n};\n');
      await expect(bundleTopology({ topologyFile: file, outDir: temp() })).rejects.toThrow(/loading topology .*broken\.ts failed:\n.*ERROR.* Unexpected ","[\s\S]*broken\.ts:2:8/);
    });

    it('a relative node path', async () => {
      await expect(bundleTopology({ topologyFile: TOPOLOGY, outDir: temp(), nodePaths: ['node_modules'] })).rejects.toThrow(
        'nodePaths must be absolute directories (node_modules folders), got "node_modules"',
      );
    });
  });
});

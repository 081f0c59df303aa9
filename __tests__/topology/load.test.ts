import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTopologies, loadTopology, TopologyLoadError } from '../../lib/topology/load.js';
import { TopologyValidationError } from '../../lib/topology/validate.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('loadTopology', () => {
  let empty: string;
  beforeAll(() => {
    empty = mkdtempSync(join(tmpdir(), 'stp-load-'));
  });
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
  });

  it('loads the only topology when none is named', async () => {
    const { file, definition } = await loadTopology(undefined, { cwd: fixture('one') });
    expect(file).toBe(join(fixture('one'), 'topologies', 'wc.ts'));
    expect(definition.spec.name).toBe('wc');
    expect(definition.componentClass('words')).toBeDefined();
  });

  it('loads by name or by path', async () => {
    const cwd = fixture('several');
    expect((await loadTopology('beta', { cwd })).definition.spec.name).toBe('beta');
    expect((await loadTopology('topologies/alpha.ts', { cwd })).definition.spec.name).toBe('alpha');
    expect((await loadTopology(join(cwd, 'topologies', 'beta.ts'), { cwd: empty })).definition.spec.name).toBe('beta');
  });

  it('lists topology files, leaving out declaration files', () => {
    expect([...listTopologies(fixture('several')).keys()]).toEqual(['alpha', 'beta']);
  });

  it('follows config.json topology_specs', async () => {
    expect((await loadTopology(undefined, { cwd: fixture('specs') })).definition.spec.name).toBe('flow');
  });

  it('says when there is no topologies folder', async () => {
    await expect(loadTopology(undefined, { cwd: empty })).rejects.toThrow(
      `no topologies folder: topologies does not exist in ${empty}. Put topology files in topologies/ (or set "topology_specs" in config.json), or pass a file path`,
    );
  });

  it('asks for a name when there are several, and lists the known ones for an unknown name', async () => {
    const cwd = fixture('several');
    await expect(loadTopology(undefined, { cwd })).rejects.toThrow('topologies/ has several topologies ("alpha", "beta"); name one, e.g. "alpha"');
    await expect(loadTopology('gamma', { cwd })).rejects.toThrow('unknown topology "gamma": topologies/ has "alpha", "beta"');
    await expect(loadTopology('nope/x.ts', { cwd })).rejects.toThrow(`no topology file at nope/x.ts (looked in ${cwd})`);
  });

  it('refuses a file whose default export is not a topology', async () => {
    const error = await loadTopology('plain', { cwd: fixture('bad') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyLoadError);
    expect((error as Error).message).toBe(
      'topologies/plain.ts does not default-export a topology (its default export is an object with keys "name", "components"); ' +
        "end it with: export default topology('name', { ... }).spout(...).bolt(...)",
    );
  });

  it('reports a file that throws while loading', async () => {
    await expect(loadTopology('broken', { cwd: fixture('bad') })).rejects.toThrow('could not load topologies/broken.ts: the database is down');
  });

  it('validates the topology it loads', async () => {
    const error = await loadTopology('invalid', { cwd: fixture('bad') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopologyValidationError);
    expect((error as Error).message).toContain('field "wrod" is not declared by "words" on stream "default"; it declares "word"');
  });
});

describe('the wordcount example', () => {
  const example = fileURLToPath(new URL('../../examples/wordcount', import.meta.url));

  it('loads by package name (import from "storm-ts") and has the shape its docs describe', async () => {
    const { file, definition } = await loadTopology(undefined, { cwd: example });
    expect(file).toBe(join(example, 'topologies', 'wordcount.ts'));
    const { spec } = definition;
    expect(spec.name).toBe('wordcount');
    expect(spec.conf).toEqual({ 'topology.workers': 2, 'topology.message.timeout.secs': 60 });
    expect(spec.components.map((c) => [c.id, c.role, c.parallelism])).toEqual([
      ['words', 'spout', 2],
      ['count', 'bolt', 4],
    ]);
    expect(spec.components[1]!.inputs).toEqual([{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['word'] } }]);
    expect(definition.componentClass('count')?.name).toBe('WordCounter');
  });
});

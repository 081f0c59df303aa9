// prepareLocalRun: load, refuse Java early, bundle, copy resources/ beside the bundles.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalRunError } from '../../lib/local/errors.js';
import { prepareLocalRun } from '../../lib/local/prepare.js';
import { findProject, projectDirOf } from '../../lib/topology/project.js';
import { cleanUp, tempDir } from './harness.js';

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/project');
afterEach(cleanUp);

describe('prepareLocalRun', () => {
  it('bundles the TypeScript components and copies the project resources into the components dir', async () => {
    const dir = path.join(tempDir(), 'resources');
    const prepared = await prepareLocalRun('lines', { cwd: project, componentsDir: dir });
    expect(prepared).toMatchObject({ projectDir: project, componentsDir: dir, file: path.join(project, 'topologies/lines.ts') });
    expect(prepared.spec.name).toBe('lines');
    for (const file of ['lines.js', 'tally.js', 'splitter.py']) expect(existsSync(path.join(dir, file))).toBe(true);
    expect(existsSync(path.join(dir, 'split.js'))).toBe(false); // a shell component has no bundle
  });

  it('refuses a Java component before bundling anything', async () => {
    const dir = path.join(tempDir(), 'resources');
    await expect(prepareLocalRun('jvm', { cwd: project, componentsDir: dir })).rejects.toThrow(LocalRunError);
    expect(existsSync(dir)).toBe(false);
  });

  it('finds the project of a topology file: the parent of topologies/, else the nearest config.json or package.json', () => {
    expect(projectDirOf(path.join(project, 'topologies/lines.ts'), '/tmp')).toBe(project);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    expect(projectDirOf(path.join(root, 'bench/local.bench.ts'), '/tmp')).toBe(root);
    // A path names its own project; a name, or nothing, means the project in the working directory.
    expect(findProject('examples/polyglot/topologies/polyglot.ts', root)).toBe(path.join(root, 'examples/polyglot'));
    expect(findProject('polyglot', root)).toBe(root);
    expect(findProject(undefined, project)).toBe(project);
  });
});

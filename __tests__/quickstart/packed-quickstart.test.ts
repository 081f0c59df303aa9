// A newcomer's path from the registry, with the packed tarball in the registry's place: `npm pack`, then in an
// empty directory `npx --yes --package ./<tarball> stp quickstart demo`, `npm install` the tarball in demo/, and
// the new project's `npm test`, `npx stp run -t 5` and `npx stp jar`. Its tsc, under flags stricter than stp's own,
// must read only stp's .d.ts. No step may print npm's install-scripts warning (npm 11 warns about, npm 12 blocks,
// every dependency script that allowScripts does not cover), and installing the tarball runs nothing of stp's.
// CI runs this file on the machine's npm and again on npm 12 (.ci/matrix). Every npm and CLI call runs as a
// process tree killed whole on timeout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newcomerEnv, removeNpxInstalls } from '../helpers/newcomer.js';
import { runTree, type TreeResult } from '../helpers/process-tree.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let tarball: string;
let project: string;

const run = (command: string, args: string[], cwd: string, timeoutMs = 600_000): Promise<TreeResult> =>
  runTree(command, args, { cwd, env: newcomerEnv(), timeoutMs });

/**
 * stderr less npm's own chatter: npm 12 announces each npx run (`npm notice run ...`) and warns about settings in
 * the user's ~/.npmrc it no longer knows (`npm warn Unknown user config ...`); neither comes from stp.
 */
function stderrOf(result: TreeResult): string {
  return result.stderr.replace(/^npm (notice run |warn Unknown user config ).*\n/gm, '');
}

function output(result: TreeResult): string {
  return `${result.stdout}${stderrOf(result)}`;
}

/** npm's lines about install scripts it ran without approval (npm 11) or blocked (npm 12). */
const scriptWarnings = (result: TreeResult): string[] => output(result).split('\n').filter((line) => /install-scripts|allowScripts/.test(line));

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'stp-quickstart-'));
  // Given: stp packed as it would be published (prepack builds dist/).
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], repo);
  expect(packed.status).toBe(0);
  tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  expect(tarball).toBeDefined();

  // When: a newcomer scaffolds a project with npx from the "registry" (the tarball) ...
  const created = await run('npx', ['--yes', '--package', `./${tarball}`, 'stp', 'quickstart', 'demo'], work);
  expect(output(created)).toContain('create    demo/topologies/wordcount.ts');
  expect(scriptWarnings(created)).toEqual([]);
  expect(created.status).toBe(0);
  expect(created.stdout).toContain('npx stp run -t 10');
  project = path.join(work, 'demo');
  // ... which depends on the published version (installed from npm, it is no clone) ...
  const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
  expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies['storm-ts']).toBe(`^${version}`);

  // ... and installs that version (here: the tarball).
  const install = await run('npm', ['install', `../${tarball}`], project);
  expect(output(install)).not.toMatch(/npm error/);
  expect(scriptWarnings(install)).toEqual([]);
  // stp's own package.json carries no install-time script: the tarball's dist/ is what runs.
  const installed = JSON.parse(readFileSync(path.join(project, 'node_modules', 'storm-ts', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(Object.keys(installed.scripts).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
  expect(install.status).toBe(0);
}, 1_200_000);

afterAll(() => {
  if (!work) return;
  removeNpxInstalls(work);
  rmSync(work, { recursive: true, force: true });
}, 120_000);

it('the installed package is compiled: dist/ and scaffolds, no TypeScript sources', () => {
  const installed = path.join(project, 'node_modules', 'storm-ts');
  const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
  expect(files).toContain(path.join('dist', 'cli', 'main.js'));
  expect(files).toContain(path.join('dist', 'lib', 'index.d.ts'));
  expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('scaffolds'))).toEqual([]);
});

it('the package holds its LICENSE, CHANGELOG and the config schema that the new config.json names', () => {
  const installed = path.join(project, 'node_modules', 'storm-ts');
  const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', path.join('schema', 'config.schema.json')]));
  expect(readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0/);
  const named = /"\$schema": "([^"]+)"/.exec(readFileSync(path.join(project, 'config.json'), 'utf8'))?.[1];
  expect(JSON.parse(readFileSync(path.join(project, named!), 'utf8'))).toMatchObject({ title: 'stp config.json' });
});

it("the new project's tests pass", async () => {
  const tests = await run('npm', ['test'], project);
  // node --test prints its totals as TAP (`# pass 3`, Node 20 on a pipe) or spec (`ℹ pass 3`, Node 22 and later).
  expect(output(tests)).toMatch(/^(#|ℹ) pass 3\n(#|ℹ) fail 0$/m);
  expect(tests.status).toBe(0);
}, 600_000);

it("tsc with stricter flags than stp's own passes, reading stp's .d.ts only", async () => {
  const strict = ['--exactOptionalPropertyTypes', '--noPropertyAccessFromIndexSignature', '--noUncheckedIndexedAccess', '--skipLibCheck', 'false'];
  const tsc = await run('npx', ['tsc', '--noEmit', ...strict, '--listFilesOnly'], project);
  expect(tsc.status).toBe(0);
  const read = tsc.stdout.split('\n').filter((f) => f.includes(`${path.sep}storm-ts${path.sep}`));
  expect(read.length).toBeGreaterThan(0);
  expect(read.filter((f) => !f.endsWith('.d.ts'))).toEqual([]);
  const checked = await run('npx', ['tsc', '--noEmit', ...strict], project);
  expect(output(checked)).toBe('');
  expect(checked.status).toBe(0);
}, 600_000);

it('npx stp run -t 5 runs the topology and prints its counts', async () => {
  const local = await run('npx', ['stp', 'run', '-t', '5'], project);
  expect(stderrOf(local)).toBe('');
  expect(local.status).toBe(0);
  expect(local.stdout).toMatch(/topology 'demo' stopped \(time is up\)/);
  expect(local.stdout).toMatch(/words\s+spout\s+1\s+[1-9]\d*/);
  expect(local.stdout).toMatch(/count\s+bolt\s+2\s+\d+/);
}, 600_000);

it("npx stp jar carries stp's multilang serializer, found inside the installed package", async () => {
  const jar = await run('npx', ['stp', 'jar'], project);
  expect(stderrOf(jar)).toBe('');
  expect(jar.status).toBe(0);
  const built = readdirSync(path.join(project, '_build')).find((f) => f.endsWith('.jar'));
  expect(execFileSync('unzip', ['-l', path.join(project, '_build', built!)], { encoding: 'utf8' })).toContain('stormts/multilang/StpJsonSerializer.class');
}, 600_000);

it('a second quickstart of the same name is refused without touching the project', async () => {
  const again = await run('npx', ['--yes', '--package', `./${tarball}`, 'stp', 'quickstart', 'demo'], work);
  expect(again.status).toBe(2);
  expect(again.stderr).toContain('already exists; quickstart never overwrites');
}, 600_000);

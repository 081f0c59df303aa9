// A newcomer's path, end to end: pack this package as npm would publish it, `stp quickstart` a project in a
// temporary directory, install the packed stp there, and run the new project's tests, `stp run -t 5` and `stp jar`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'stp-quickstart-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, timeout: 240_000 });

it('packs, scaffolds, installs, tests and runs a new project', () => {
  // Given: stp packed as it would be published.
  execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repo, encoding: 'utf8' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const spec = `file:${path.join(work, tarball!)}`;

  // When: the newcomer's commands run.
  const created = run('node', [path.join(repo, 'bin/stp.js'), 'quickstart', 'demo', '--stp-spec', spec], work);
  expect(created.stderr).toBe('');
  expect(created.stdout).toContain('create    demo/topologies/wordcount.ts');
  expect(created.stdout).toContain('npx stp run -t 10');
  const project = path.join(work, 'demo');
  expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies['storm-ts']).toBe(spec);

  const install = run('npm', ['install', '--no-audit', '--no-fund'], project);
  expect(install.status).toBe(0);

  const tests = run('npm', ['test'], project);
  expect(`${tests.stdout}${tests.stderr}`).toMatch(/# pass 3\n# fail 0/);
  expect(tests.status).toBe(0);

  const local = run('npx', ['stp', 'run', '-t', '5'], project);
  // Then: the topology ran and every spout tuple was accounted for.
  expect(local.status).toBe(0);
  expect(local.stdout).toMatch(/topology 'demo' stopped \(time is up\)/);
  expect(local.stdout).toMatch(/words\s+spout\s+1\s+\d+/);
  expect(local.stdout).toMatch(/count\s+bolt\s+2\s+\d+/);

  // And its jar carries stp's multilang serializer, found inside the installed package.
  const jar = run('npx', ['stp', 'jar'], project);
  expect(jar.stderr).toBe('');
  expect(jar.status).toBe(0);
  const built = readdirSync(path.join(project, '_build')).find((f) => f.endsWith('.jar'));
  expect(execFileSync('unzip', ['-l', path.join(project, '_build', built!)], { encoding: 'utf8' })).toContain('stormts/multilang/StpJsonSerializer.class');

  // And a second quickstart of the same name is refused without touching the project.
  const again = run('node', [path.join(repo, 'bin/stp.js'), 'quickstart', 'demo'], work);
  expect(again.status).toBe(2);
  expect(again.stderr).toContain('already exists; quickstart never overwrites');
}, 300_000);

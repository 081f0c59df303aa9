// stp prepare against a real sshd: a real `npm ci` of a local package (a file: tarball, no registry).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createEmitter } from '../../lib/events.js';
import { prepareSourceDir, prepareWorkers, workerNodeModulesDir, type PrepareEvents } from '../../lib/remote/prepare.js';
import { clearSshConfigCache } from '../../lib/remote/ssh-config.js';
import { nodeRelease } from '../helpers/node-release.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';

const execFileAsync = promisify(execFile);

let sshd: TestSshd;
let scratch: string;
let project: string;
let sshConfigPath: string;

beforeAll(async () => {
  sshd = await startSshd();
  scratch = await mkdtemp(join(tmpdir(), 'stp-prepare-test-'));
  // A tiny package, packed to a tarball the lockfile points at by absolute path (the "workers" are this machine).
  const pad = join(scratch, 'pad');
  await mkdir(pad);
  await writeFile(join(pad, 'package.json'), JSON.stringify({ name: 'stp-test-pad', version: '1.0.0', main: 'index.js' }));
  await writeFile(join(pad, 'index.js'), 'module.exports = (s, n) => String(s).padStart(n, "*");\n');
  await execFileAsync('npm', ['pack', '--pack-destination', scratch, '--cache', join(scratch, 'npm-cache')], { cwd: pad });
  const tarball = join(scratch, 'stp-test-pad-1.0.0.tgz');
  project = join(scratch, 'project');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'proj', version: '1.0.0', private: true, dependencies: { 'stp-test-pad': `file:${tarball}` } }),
  );
  await execFileAsync('npm', ['install', '--package-lock-only', '--offline', '--no-audit', '--no-fund', '--cache', join(scratch, 'npm-cache')], { cwd: project });
  const lock = join(project, 'package-lock.json');
  await writeFile(lock, (await readFile(lock, 'utf8')).replace(/"file:[^"]*stp-test-pad-1\.0\.0\.tgz"/g, `"file:${tarball}"`));

  // An ssh config with the good test host and a host where nothing listens.
  sshConfigPath = join(scratch, 'ssh_config');
  await writeFile(
    sshConfigPath,
    `${await readFile(sshd.sshConfigPath, 'utf8')}\nHost dead-worker\n  HostName 127.0.0.1\n  Port 1\n  User ${sshd.user}\n  IdentityFile ${sshd.privateKeyPath}\n  UserKnownHostsFile ${sshd.knownHostsPath}\n`,
  );
});
afterEach(() => clearSshConfigCache());
afterAll(async () => {
  await sshd?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const npmFlags = () => `--offline --no-audit --no-fund --cache '${join(scratch, 'worker npm cache')}'`;

describe('prepareWorkers', () => {
  it('installs the topology dependencies on every host; a dead host is named while the others succeed', async () => {
    const root = join(scratch, 'workers-root');
    const emitter = createEmitter<PrepareEvents>();
    const events: string[] = [];
    emitter.on('host:step', (host, step) => events.push(`${host} ${step}`));
    emitter.on('host:done', (host) => events.push(`${host} done`));
    emitter.on('host:failed', (host) => events.push(`${host} failed`));

    const report = await prepareWorkers({
      topology: 'wordcount',
      sourceDir: prepareSourceDir(project, 'wordcount'),
      hosts: [sshd.alias, 'dead-worker'],
      nodeModulesRoot: root,
      npmFlags: npmFlags(),
      nodeExecutable: process.execPath,
      ssh: { sshConfigPath, agent: false, connectTimeoutMs: 5000 },
      emitter,
    });

    expect(report.ok).toBe(false);
    const [good, dead] = report.outcomes;
    expect(good).toMatchObject({ host: sshd.alias, ok: true, value: { installDir: join(root, 'wordcount') } });
    expect(dead).toMatchObject({ host: 'dead-worker', ok: false });
    expect(dead?.ok === false && dead.error.message).toMatch(/dead-worker.*connection refused on port 1/);
    expect(good?.ok && good.value.nodeVersion).toBe(process.versions.node);
    expect(events).toEqual(expect.arrayContaining([`${sshd.alias} connect`, `${sshd.alias} node`, `${sshd.alias} upload`, `${sshd.alias} install`, `${sshd.alias} done`, 'dead-worker failed']));

    const modules = workerNodeModulesDir(root, 'wordcount');
    const { stdout } = await execFileAsync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(join(modules, 'stp-test-pad'))})('x', 3))`]);
    expect(stdout).toBe('**x');
    expect(good?.ok && good.value.output).toMatch(/added 1 package/);
  });

  it("refuses a host whose node_executable is older than the components' bundles target, or missing, before npm runs", async () => {
    const node18 = await nodeRelease(18);
    const root = join(scratch, 'old-node-root');
    const prepare = (nodeExecutable: string) =>
      prepareWorkers({ topology: 'wordcount', sourceDir: project, hosts: [sshd.alias], nodeModulesRoot: root, npmFlags: npmFlags(), nodeExecutable, ssh: { sshConfigPath, agent: false } });
    const [old] = (await prepare(node18)).outcomes;
    expect(old?.ok === false && old.error.message).toMatch(
      new RegExp(`^node_executable "${node18}" on ${sshd.alias} is Node\\.js 18\\.\\d+\\.\\d+; stp's components need Node\\.js 20 or later \\(their bundles target node20\\)$`),
    );
    const [missing] = (await prepare(join(scratch, 'no-such-node'))).outcomes;
    expect(missing?.ok === false && missing.error.message).toBe(`node_executable "${join(scratch, 'no-such-node')}" was not found on ${sshd.alias}`);
    // Neither host got as far as the upload.
    expect(existsSync(join(root, 'wordcount', 'package.json'))).toBe(false);
  }, 320_000);

  it('names the host and shows npm output when npm ci fails there', async () => {
    const broken = join(scratch, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'package.json'), JSON.stringify({ name: 'b', version: '1.0.0', dependencies: { 'stp-test-pad': '2.0.0' } }));
    // A lockfile out of sync with package.json: npm ci refuses it.
    await writeFile(join(broken, 'package-lock.json'), JSON.stringify({ name: 'b', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'b', version: '1.0.0' } } }));
    const report = await prepareWorkers({
      topology: 'wordcount',
      sourceDir: broken,
      hosts: [sshd.alias],
      nodeModulesRoot: join(scratch, 'broken-root'),
      npmFlags: npmFlags(),
      ssh: { sshConfigPath, agent: false },
    });
    const [outcome] = report.outcomes;
    expect(outcome?.ok).toBe(false);
    expect(outcome?.ok === false && outcome.error.message).toMatch(new RegExp(`^npm ci failed on ${sshd.alias} in .*broken-root/wordcount \\(exit status \\d+\\):\\n[^]*npm (error|ERR)`));
  });

  it('keeps hostile flags and names from reaching a shell', async () => {
    const marker = join(scratch, 'pwned');
    await expect(
      prepareWorkers({ topology: `wc; touch ${marker}`, sourceDir: project, hosts: [sshd.alias], nodeModulesRoot: join(scratch, 'r'), ssh: { sshConfigPath, agent: false } }),
    ).rejects.toThrow(/invalid topology name "wc; touch/);
    await expect(
      prepareWorkers({ topology: 'wc', sourceDir: project, hosts: [sshd.alias], nodeModulesRoot: 'relative/dir', ssh: { sshConfigPath, agent: false } }),
    ).rejects.toThrow(/node_modules_root must be an absolute directory/);
    const report = await prepareWorkers({
      topology: 'wc',
      sourceDir: project,
      hosts: [sshd.alias],
      nodeModulesRoot: join(scratch, 'odd root $(touch x); y'),
      npmFlags: `${npmFlags()} ';touch ${marker}' '$(touch ${marker})' \`touch ${marker}\``,
      ssh: { sshConfigPath, agent: false },
    });
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(scratch, 'odd root $(touch x); y', 'wc', 'package.json'))).toBe(true);
    // npm sees the odd words as package names it cannot find offline, or ignores them; either way no shell ran them.
    expect(report.outcomes).toHaveLength(1);
  });

  it('refuses a project without a lockfile before touching any host', async () => {
    const nolock = join(scratch, 'nolock');
    await mkdir(nolock);
    await writeFile(join(nolock, 'package.json'), '{"name":"n","version":"1.0.0"}');
    await expect(
      prepareWorkers({ topology: 'wc', sourceDir: nolock, hosts: ['never-contacted'], nodeModulesRoot: '/tmp/x' }),
    ).rejects.toThrow(/no package-lock.json in .*nolock; "npm ci" on the workers needs one/);
  });
});

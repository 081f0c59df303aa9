// SSH in the deploy, against a real OpenSSH server on 127.0.0.1 (its own keys and known_hosts, in a temp dir):
// use_ssh_for_nimbus (a tunnel to the Thrift server playing Nimbus) and install_node_modules (a real `npm ci` on
// the "worker", which is this machine).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, resolveEnv } from '../../lib/config/index.js';
import { createEmitter } from '../../lib/events.js';
import { deploy, type DeployEvents } from '../../lib/nimbus/deploy.js';
import { openNimbusSession } from '../../lib/nimbus/session.js';
import { prepareForDeploy } from '../../lib/nimbus/prepare-for-deploy.js';
import { startSshd, type TestSshd } from '../helpers/sshd.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';
import { fakeBundler, makeProject, wordcount, type TestProject } from './project.js';
import { startAll } from '../helpers/start-all.js';

let sshd: TestSshd;
let nimbus: FakeNimbus;
let project: TestProject;

beforeAll(async () => {
  [sshd, nimbus] = await startAll(startSshd(), FakeNimbus.start());
  project = makeProject();
});
afterAll(async () => {
  await Promise.all([sshd?.stop(), nimbus?.close()]);
  project?.remove();
});

const tunnelled = () => resolveEnv(parseConfig({ envs: { prod: { nimbus: `${sshd.alias}:${nimbus.port}`, use_ssh_for_nimbus: true } } }));

describe('Nimbus through an SSH tunnel', () => {
  it('submits with a tunnel step, then closes the tunnel', async () => {
    const steps: string[] = [];
    const emitter = createEmitter<DeployEvents>();
    emitter.on('step:done', (step, info) => steps.push(`${step}${info.detail ? `: ${info.detail}` : ''}`));
    const result = await deploy({
      root: project.dir,
      config: parseConfig({}),
      env: tunnelled(),
      spec: wordcount,
      topologyFile: join(project.dir, 'wordcount.ts'),
      bundle: fakeBundler,
      session: { sshConfigPath: sshd.sshConfigPath, agent: false },
      emitter,
    });
    expect(steps.map((s) => s.split(':')[0])).toEqual(['validate', 'bundle', 'jar', 'tunnel', 'connect', 'upload', 'submit']);
    expect(steps).toContainEqual(expect.stringMatching(new RegExp(`^tunnel: 127\\.0\\.0\\.1:\\d+ → ${sshd.alias}:${nimbus.port}$`)));
    expect(nimbus.topologies.get('wordcount')?.id).toBe(result.topologyId);
  });

  it('lists through a session, and the session closes its tunnel', async () => {
    const session = await openNimbusSession(tunnelled(), { sshConfigPath: sshd.sshConfigPath, agent: false });
    const port = session.tunnel!.localPort;
    expect((await session.client.getClusterInfo()).topologies.map((t) => t.name)).toEqual(['wordcount']);
    await session.close();
    const { connect } = await import('node:net');
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => (socket.destroy(), resolve('connected')));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('fails Connect, not the step after it, when nothing answers at the far end of the tunnel', async () => {
    const { createServer } = await import('node:net');
    // A port that was free a moment ago: nothing listens there, so the tunnel's channel is refused on the host.
    const free = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const events: string[] = [];
    const emitter = createEmitter<DeployEvents>();
    emitter.on('step:done', (step) => events.push(`done ${step}`));
    emitter.on('step:failed', (step, info) => events.push(`failed ${step}: ${info.error.message}`));
    const env = resolveEnv(parseConfig({ envs: { prod: { nimbus: `${sshd.alias}:${free}`, use_ssh_for_nimbus: true } } }));
    await expect(
      deploy({
        root: project.dir,
        config: parseConfig({}),
        env,
        spec: wordcount,
        topologyFile: join(project.dir, 'wordcount.ts'),
        bundle: fakeBundler,
        session: { sshConfigPath: sshd.sshConfigPath, agent: false, callTimeoutMs: 5000 },
        emitter,
      }),
    ).rejects.toThrow(/^Connect to Nimbus failed: .*through the SSH tunnel to .*is Nimbus listening on port \d+ there\?/);
    expect(events.slice(-2)).toEqual(['done tunnel', expect.stringMatching(/^failed connect: /)]);
    // The message names the Nimbus behind the tunnel, never the tunnel's local end (127.0.0.1:<a random port>).
    const failure = events.at(-1)!;
    expect(failure).toContain(`Nimbus at ${sshd.alias}:${free} `);
    expect(failure).not.toMatch(/127\.0\.0\.1:\d+/);
  });

  it('refuses a nimbus host whose key known_hosts does not have', async () => {
    const empty = join(project.dir, 'known_hosts_empty');
    writeFileSync(empty, '');
    await expect(
      openNimbusSession(tunnelled(), { sshConfigPath: sshd.sshConfigPath, knownHostsPaths: [empty], agent: false }),
    ).rejects.toThrow(/--accept-new-host-key/);
  });

  it('prepares the workers over SSH before submitting when the env installs node_modules', async () => {
    const workersRoot = mkdtempSync(join(tmpdir(), 'stp-workers-'));
    const cache = join(workersRoot, 'npm-cache');
    try {
      // A dependency-free package.json and its lockfile: `npm ci` on the worker needs no registry.
      writeFileSync(join(project.dir, 'package.json'), JSON.stringify({ name: 'wc', version: '0.3.0', private: true }));
      execFileSync('npm', ['install', '--package-lock-only', '--offline', '--no-audit', '--no-fund', '--cache', cache], { cwd: project.dir, stdio: 'pipe' });
      const env = resolveEnv(
        parseConfig({
          envs: {
            prod: {
              nimbus: `127.0.0.1:${nimbus.port}`,
              workers: [sshd.alias],
              use_node_modules: true,
              node_modules_root: workersRoot,
              npm_flags: `--offline --no-audit --no-fund --cache ${cache}`,
            },
          },
        }),
      );
      const steps: string[] = [];
      const emitter = createEmitter<DeployEvents>();
      emitter.on('step:done', (step, info) => steps.push(`${step}${info.detail ? `: ${info.detail}` : ''}`));
      await deploy({
        root: project.dir,
        config: parseConfig({}),
        env,
        spec: wordcount,
        name: 'prepared',
        topologyFile: join(project.dir, 'wordcount.ts'),
        bundle: fakeBundler,
        prepare: prepareForDeploy({ sshConfigPath: sshd.sshConfigPath, agent: false }),
        emitter,
      });
      expect(steps).toContain(`prepare: 1 host → ${join(workersRoot, 'prepared')}`);
      expect(existsSync(join(workersRoot, 'prepared', 'package-lock.json'))).toBe(true);
      expect(nimbus.topologies.has('prepared')).toBe(true);
    } finally {
      rmSync(workersRoot, { recursive: true, force: true });
    }
  });
});

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, resolveEnv, type ResolvedEnv } from '../../lib/config/index.js';
import { writeJar } from '../../lib/bundle/jar.js';
import { createEmitter } from '../../lib/events.js';
import { deploy, DeployError, type DeployEvents, type DeployOptions } from '../../lib/nimbus/deploy.js';
import { loadSubmitHooks } from '../../lib/nimbus/hooks.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';
import { fakeBundler, makeProject, wordcount, type TestProject } from './project.js';

describe('deploy (stp submit) against a Thrift server playing Nimbus', () => {
  let nimbus: FakeNimbus;
  let project: TestProject;
  let env: ResolvedEnv;
  let events: string[];

  beforeEach(async () => {
    nimbus = await FakeNimbus.start();
    project = makeProject();
    const config = { envs: { prod: { nimbus: `127.0.0.1:${nimbus.port}`, ui: 'ui.example.com:8081', log: { level: 'debug' } } } };
    project.writeConfig(config);
    env = resolveEnv(parseConfig(config));
    events = [];
  });
  afterEach(async () => {
    await nimbus.close();
    project.remove();
  });

  function options(extra: Partial<DeployOptions> = {}): DeployOptions {
    const emitter = createEmitter<DeployEvents>();
    emitter.on('step:start', (step) => events.push(`start ${step}`));
    emitter.on('step:done', (step, info) => events.push(`done ${step}${info.detail ? `: ${info.detail}` : ''}`));
    emitter.on('step:failed', (step, info) => events.push(`failed ${step}: ${info.error.message}`));
    emitter.on('step:skipped', (step, reason) => events.push(`skipped ${step}: ${reason}`));
    return {
      root: project.dir,
      config: parseConfig({ envs: {} }),
      env,
      spec: wordcount,
      topologyFile: join(project.dir, 'topologies', 'wordcount.ts'),
      bundle: fakeBundler,
      emitter,
      ...extra,
    };
  }

  it('validates, bundles, builds the jar, uploads and submits', async () => {
    const progress: number[] = [];
    const opts = options({ cli: { workers: 3, options: [['topology.max.spout.pending', 50]] } });
    opts.emitter!.on('upload:progress', (p) => progress.push(p.sentBytes));
    const result = await deploy(opts);
    expect(events.filter((e) => e.startsWith('done')).map((e) => e.split(/[ :]/)[1])).toEqual(['validate', 'bundle', 'jar', 'connect', 'upload', 'submit']);
    expect(events).toContain('skipped kill: no "wordcount" running');
    expect(events).toContainEqual(expect.stringMatching(/^done jar: _build\/wordcount-0\.3\.0\.jar \(\d/));
    expect(events).toContainEqual(expect.stringMatching(/^done upload: [\d.]+ KiB at [\d.]+ [KM]iB\/s$/));
    const running = nimbus.topologies.get('wordcount')!;
    expect(result).toEqual({
      name: 'wordcount',
      topologyId: running.id,
      uiUrl: `http://ui.example.com:8081/topology.html?id=${encodeURIComponent(running.id)}`,
      jar: join(project.dir, '_build', 'wordcount-0.3.0.jar'),
      inactive: false,
    });
    expect(running.conf).toEqual({
      'topology.workers': 3,
      'topology.max.spout.pending': 50,
      'stp.log.level': 'debug',
      'topology.name': 'wordcount',
      'topology.multilang.serializer': 'stormts.multilang.StpJsonSerializer',
    });
    expect(running.jarEntries).toContain('stormts/multilang/StpJsonSerializer.class');
    expect(running.jarEntries).toEqual(expect.arrayContaining(['resources/words.js', 'resources/count.js.map', 'resources/splitter.py']));
    expect(progress.at(-1)).toBeGreaterThan(0);
  });

  it("tells Nimbus the cluster's Storm version in the StormTopology (storm_version), as Storm's own submitter does", async () => {
    nimbus.version = '2.6.0';
    await deploy(options());
    expect(events).toContainEqual(expect.stringMatching(/^done connect: 127\.0\.0\.1:\d+ \(Storm 2\.6\.0\)$/));
    const submitted = nimbus.topologies.get('wordcount')!.topology;
    expect(submitted.storm_version).toBe('2.6.0');
    // Nimbus's Thrift API does not say which JDK the cluster runs.
    expect(submitted.jdk_version ?? undefined).toBeUndefined();

    // A Nimbus that reports no version leaves the field unset.
    nimbus.version = 'VERSION_NOT_AVAILABLE';
    await deploy(options({ name: 'unversioned' }));
    expect(nimbus.topologies.get('unversioned')!.topology.storm_version ?? undefined).toBeUndefined();
  });

  it('submits under another name, inactive, from a jar built earlier', async () => {
    const first = await deploy(options());
    events = [];
    await deploy(options({ name: 'wc-2', inactive: true, jarFile: first.jar }));
    expect(events.some((e) => e.includes('bundle'))).toBe(false);
    expect(nimbus.topologies.get('wc-2')?.status).toBe('INACTIVE');
    expect(nimbus.topologies.get('wc-2')?.conf['topology.name']).toBe('wc-2');
  });

  it("keeps the user's multilang serializer, and refuses a jar that lacks stp's when the conf names it", async () => {
    const serializer = 'org.apache.storm.multilang.JsonSerializer';
    await deploy(options({ cli: { options: [['topology.multilang.serializer', serializer]] } }));
    expect(nimbus.topologies.get('wordcount')?.conf['topology.multilang.serializer']).toBe(serializer);

    const bare = join(project.dir, 'bare.jar');
    await writeJar(bare, { resources: await fakeBundler({ spec: wordcount, topologyFile: '', root: project.dir, nodePaths: [] }) });
    const callsBefore = nimbus.calls.length;
    const refused = await deploy(options({ name: 'from-bare', jarFile: bare })).catch((e: unknown) => e);
    expect((refused as DeployError).step).toBe('validate');
    expect((refused as Error).message).toBe(
      'Validate topology failed: --jar ' + bare + ': the jar lacks stormts/multilang/StpJsonSerializer.class, the multilang serializer the conf names ' +
        '(topology.multilang.serializer); rebuild it with "stp jar", or choose Storm\'s own with -o topology.multilang.serializer=org.apache.storm.multilang.JsonSerializer',
    );
    expect(nimbus.calls.slice(callsBefore)).toEqual([]);
  });

  it('refuses to replace a running topology without -f, and replaces it with -f', async () => {
    const old = nimbus.addRunning('wordcount');
    const refused = await deploy(options()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeployError);
    expect((refused as DeployError).step).toBe('kill');
    expect((refused as Error).message).toMatch(/a topology named "wordcount" is already running .*; submit with -f to replace it/);
    expect(nimbus.calls).not.toContain('uploadChunk');

    events = [];
    await deploy(options({ force: true, waitSecs: 0 }));
    expect(events).toContain('done kill: killed the running "wordcount"');
    expect(nimbus.calls).toContain('killTopologyWithOpts');
    expect(nimbus.topologies.get('wordcount')?.id).not.toBe(old.id);
  });

  it('with -f, only waits for a topology that is already being killed', async () => {
    nimbus.addRunning('wordcount', 'KILLED');
    setTimeout(() => nimbus.topologies.delete('wordcount'), 300);
    await deploy(options({ force: true }));
    expect(nimbus.calls).not.toContain('killTopologyWithOpts');
    expect(nimbus.topologies.get('wordcount')?.status).toBe('ACTIVE');
  });

  it('asks before replacing when a confirm callback is given', async () => {
    nimbus.addRunning('wordcount');
    const asked: string[] = [];
    await expect(deploy(options({ confirmReplace: async (n) => (asked.push(n), false) }))).rejects.toThrow(/already running/);
    await deploy(options({ confirmReplace: async (n) => (asked.push(n), true), waitSecs: 0 }));
    expect(asked).toEqual(['wordcount', 'wordcount']);
    expect(nimbus.topologies.get('wordcount')?.status).toBe('ACTIVE');
  });

  it('runs hooks around the submit, and a failing preSubmit stops it', async () => {
    writeFileSync(
      join(project.dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
       export async function preSubmit(name, env, conf) { appendFileSync(${JSON.stringify(join(project.dir, 'log'))}, 'pre ' + name + ' ' + env + ' ' + conf.nimbus + '\\n'); }
       export async function postSubmit(name, env) { appendFileSync(${JSON.stringify(join(project.dir, 'log'))}, 'post ' + name + ' ' + env + '\\n'); }`,
    );
    const hooks = (await loadSubmitHooks(project.dir))!;
    await deploy(options({ hooks }));
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(project.dir, 'log'), 'utf8')).toBe(`pre wordcount prod 127.0.0.1:${nimbus.port}\npost wordcount prod\n`);

    const failing = await deploy(options({ name: 'other', hooks: { file: 'hooks.mjs', preSubmit: async () => { throw new Error('tests are red'); } } })).catch((e: unknown) => e);
    expect((failing as DeployError).step).toBe('preSubmit');
    expect((failing as Error).message).toBe('Run preSubmit hook failed: tests are red');
    expect(nimbus.topologies.has('other')).toBe(false);
  });

  it('reports the failed step and Storm’s reason', async () => {
    const bad = { ...wordcount, components: wordcount.components.map((c) => (c.id === 'split' ? { ...c, impl: { kind: 'shell' as const, command: 'python3', script: 'nope.py' } } : c)) };
    await expect(deploy(options({ spec: bad }))).rejects.toThrow(/^Build jar failed: component "split" runs "python3 nope\.py" but resources\/nope\.py is missing/);
    expect(events.at(-1)).toMatch(/^failed jar:/);

    await expect(deploy(options({ cli: { options: [['topology.workers', 'two']] } }))).rejects.toThrow(
      'Validate topology failed: conf "topology.workers" is "two" (from -o topology.workers="two"); Storm needs a positive integer',
    );
    await expect(deploy(options({ name: 'a.b' }))).rejects.toThrow(/topology name "a\.b" is not allowed by Nimbus/);
    events = [];
    await expect(deploy(options({ jarFile: 'nope.jar' }))).rejects.toThrow(/^Validate topology failed: --jar nope\.jar: no such file .*build one with "stp jar"/);
    expect(events.at(-1)).toMatch(/^failed validate: --jar nope\.jar: no such file/);

    nimbus.answer('submitTopologyWithOpts', { kind: 'throw', error: new (await import('../../lib/nimbus/generated.js')).storm.InvalidTopologyException({ msg: 'bad conf' }) });
    await expect(deploy(options())).rejects.toThrow('Submit topology failed: Nimbus rejected "wordcount" as invalid: bad conf');
  });

  it('blames the step that waited: a Nimbus that never answers fails Connect, which is never marked done', async () => {
    nimbus.answer('getLeader', { kind: 'stall' });
    const failed = await deploy(options({ session: { callTimeoutMs: 300 } })).catch((e: unknown) => e);
    expect((failed as DeployError).step).toBe('connect');
    expect((failed as Error).message).toBe(`Connect to Nimbus failed: Nimbus at 127.0.0.1:${nimbus.port} did not answer getLeader within 0.3 s; check that Nimbus is healthy, then try again`);
    expect(events.filter((e) => e.includes('connect') || e.includes('kill'))).toEqual([
      'start connect',
      `failed connect: Nimbus at 127.0.0.1:${nimbus.port} did not answer getLeader within 0.3 s; check that Nimbus is healthy, then try again`,
    ]);
  });

  it('marks Validate done only once a given jar has been checked too', async () => {
    await expect(deploy(options({ jarFile: 'nope.jar' }))).rejects.toThrow(/--jar nope\.jar: no such file/);
    expect(events).toEqual(['start validate', expect.stringMatching(/^failed validate: --jar nope\.jar: no such file/)]);
  });

  it('prepares the workers first when the env installs node_modules, and stops when a host fails', async () => {
    const withInstall = resolveEnv(parseConfig({ envs: { prod: { nimbus: `127.0.0.1:${nimbus.port}`, use_node_modules: true, workers: ['w1', 'w2'] } } }));
    const prepared: string[] = [];
    await deploy(options({ env: withInstall, prepare: async ({ topology, env }) => (prepared.push(`${topology}@${env.config.workers.join(',')}`), '2 hosts') }));
    expect(prepared).toEqual(['wordcount@w1,w2']);
    expect(events.indexOf('done prepare: 2 hosts')).toBeGreaterThan(events.indexOf('start jar'));
    expect(events.indexOf('done prepare: 2 hosts')).toBeLessThan(events.indexOf('start connect'));

    const calls = nimbus.calls.length;
    await expect(deploy(options({ env: withInstall, name: 'second', prepare: async () => { throw new Error('w2: npm ci exited 1'); } }))).rejects.toThrow(
      'Prepare workers failed: w2: npm ci exited 1',
    );
    expect(nimbus.calls.slice(calls)).toEqual([]);
  });

  it('leaves nothing half-submitted when cancelled during the upload', async () => {
    // A big jar so the upload takes several chunks.
    const { randomBytes } = await import('node:crypto');
    const bigBundler: DeployOptions['bundle'] = async (input) => new Map([...(await fakeBundler(input)), ['blob.bin', randomBytes(1_500_000)]]);
    const controller = new AbortController();
    const opts = options({ bundle: bigBundler, signal: controller.signal });
    opts.emitter!.on('upload:progress', (p) => p.sentBytes > 0 && controller.abort());
    await expect(deploy(opts)).rejects.toThrow('Upload jar failed: upload cancelled; nothing was submitted');
    events = [];
    await expect(deploy(options({ signal: AbortSignal.abort() }))).rejects.toThrow('Validate topology failed: cancelled; nothing was submitted');
    expect(events).toEqual(['failed validate: cancelled; nothing was submitted']);
    expect(nimbus.calls).not.toContain('finishFileUpload');
    expect(nimbus.calls).not.toContain('submitTopologyWithOpts');
    expect(nimbus.topologies.size).toBe(0);
  });

  it('fails clearly when Nimbus dies mid-upload', async () => {
    const { randomBytes } = await import('node:crypto');
    nimbus.answer('uploadChunk', { kind: 'die' }, 1);
    const bigBundler: DeployOptions['bundle'] = async (input) => new Map([...(await fakeBundler(input)), ['blob.bin', randomBytes(1_000_000)]]);
    await expect(deploy(options({ bundle: bigBundler }))).rejects.toThrow(/^Upload jar failed: Nimbus at 127\.0\.0\.1:\d+ closed the connection during the call/);
    expect(existsSync(join(project.dir, '_build', 'wordcount-0.3.0.jar'))).toBe(true);
  });
});

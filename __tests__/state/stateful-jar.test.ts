// A stateful topology on a cluster: the jar and the StormTopology `stp submit` sends to a Thrift server playing
// Nimbus carry what Storm's TopologyBuilder adds for stateful bolts (CheckpointSpout.CHECKPOINT_COMPONENT_ID
// "$checkpointspout" with one task, its "$checkpoint" stream of [txid, action], a "$checkpoint" stream on every
// bolt, and on every bolt an all grouping on the "$checkpoint" stream of each source, the checkpoint spout in
// place of a spout: TopologyBuilder.addCheckPointInputs), and the dry run shows the same.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { inputsOf, type storm } from '../../lib/nimbus/generated.js';
import { runTree } from '../helpers/process-tree.js';
import { ShellDriver, stopAllDrivers } from '../helpers/shell-driver.js';
import { FakeNimbus } from '../nimbus/fake-nimbus.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(path.join(root, '_build'), { recursive: true });
// A copy of the example (its _build/ must not change under the chaos proof, which runs the same project), inside
// the repository so that `storm-ts` resolves to this package.
const project = mkdtempSync(path.join(root, '_build', 'stateful-jar-'));
cpSync(path.join(root, 'examples/stateful'), project, { recursive: true, filter: (f) => !/[\\/](_build|logs)$/.test(f) });

let nimbus: FakeNimbus;
beforeAll(async () => {
  nimbus = await FakeNimbus.start();
  const broken = { 'topology.state.provider': 'redis', 'topology.state.provider.config': '{"jedisPoolConfig":' };
  writeFileSync(
    path.join(project, 'config.json'),
    JSON.stringify({ envs: { test: { nimbus: `127.0.0.1:${nimbus.port}` }, broken: { nimbus: `127.0.0.1:${nimbus.port}`, options: broken } } }),
  );
});
afterEach(() => stopAllDrivers());
afterAll(async () => {
  await nimbus.close();
  rmSync(project, { recursive: true, force: true });
});

// Asynchronous: the fake Nimbus answers from this very process.
async function stp(...args: string[]) {
  const result = await runTree(process.execPath, [path.join(root, 'bin/stp.js'), ...args], { cwd: project, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeoutMs: 90_000 });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** A component's inputs as "source:stream grouping". */
function inputs(common: storm.ComponentCommon): string[] {
  return [...inputsOf(common)]
    .map(([key, grouping]) => `${key.componentId}:${key.streamId} ${grouping.all ? 'all' : grouping.shuffle ? 'shuffle' : `fields(${(grouping.fields ?? []).join(',')})`}`)
    .sort();
}

it('the dry run shows the checkpoint spout and the $checkpoint inputs, and asks Nimbus only for its slots', async () => {
  const result = await stp('submit', 'wordcount', '-e', 'test', '--dry-run');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/\n +\$checkpointspout +spout +node \$checkpointspout\.js +1 +1 *\n/);
  expect(result.stdout).toMatch(/\n +split +bolt +node split\.js +1 +1 +sentences shuffle; \$checkpointspout:\$checkpoint all\n/);
  expect(result.stdout).toMatch(/\n +count +bolt +node count\.js +2 +2 +split fields\(word\); split:\$checkpoint all\n/);
  expect(result.stdout).toMatch(/\n +count-at-least-once +bolt +node count-at-least-once\.js +2 +2 +split fields\(word\); split:\$checkpoint all\n/);
  // The dry run's one read-only question (the slots, beside the task count); nothing is sent.
  expect(nimbus.calls.splice(0)).toEqual(['getLeader', 'getClusterInfo']);
}, 90_000);

it('an unknown provider or a malformed provider config stops submit and the dry run before anything is built or sent, in one line', async () => {
  const unknown =
    'conf "topology.state.provider" (from -o topology.state.provider="reddis") is "reddis", which is not a state provider stp has; ' +
    'use "file" (the default, no server), "redis" or "memory" (or Storm\'s class name for Redis or memory)';
  const malformed = /conf "topology\.state\.provider\.config" \(from envs\.broken\.options\) is not JSON \([^\n]+\); e\.g\. '\{"jedisPoolConfig":\{"host":"127\.0\.0\.1","port":6379\}\}'\n$/;
  // The dry run: a usage error (exit 2). The submit: its first step fails (exit 1), as any bad conf does.
  const dryUnknown = await stp('submit', 'wordcount', '-e', 'test', '-o', 'topology.state.provider=reddis', '--dry-run');
  expect([dryUnknown.code, dryUnknown.stderr]).toEqual([2, `stp: ${unknown}\n`]);
  const dryMalformed = await stp('submit', 'wordcount', '-e', 'broken', '--dry-run');
  expect(dryMalformed.code).toBe(2);
  expect(dryMalformed.stderr).toMatch(new RegExp(`^stp: ${malformed.source}`));
  const submitUnknown = await stp('submit', 'wordcount', '-e', 'test', '-o', 'topology.state.provider=reddis');
  expect(submitUnknown.code).toBe(1);
  expect(submitUnknown.stderr.replace(/\(\d+ ms\)/, '(N ms)')).toBe(`✗ Validate topology (N ms): ${unknown}\n`);
  const submitMalformed = await stp('submit', 'wordcount', '-e', 'broken');
  expect(submitMalformed.code).toBe(1);
  expect(submitMalformed.stderr).toMatch(new RegExp(`^✗ Validate topology \\(\\d+ ms\\): ${malformed.source}`));
  expect(nimbus.calls).toEqual([]);
}, 120_000);

it('the submitted topology has the checkpoint spout, streams and inputs as Storm adds them, and the jar runs them', async () => {
  const result = await stp('submit', 'wordcount', '-e', 'test');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const running = nimbus.topologies.get('stateful-wordcount')!;
  const { spouts, bolts } = running.topology;
  expect(Object.keys(spouts).sort()).toEqual(['$checkpointspout', 'sentences']);
  expect(Object.keys(bolts).sort()).toEqual(['count', 'count-at-least-once', 'split']);

  const checkpointSpout = spouts['$checkpointspout']!;
  expect(checkpointSpout.common.parallelism_hint).toBe(1);
  expect(Object.keys(checkpointSpout.common.streams)).toEqual(['$checkpoint']);
  expect(checkpointSpout.common.streams['$checkpoint']).toMatchObject({ output_fields: ['txid', 'action'], direct: false });
  expect(checkpointSpout.spout_object.shell).toMatchObject({ execution_command: 'node', script: '$checkpointspout.js' });
  // The data spout is left as it is: no checkpoint stream (Storm adds none to spouts).
  expect(Object.keys(spouts['sentences']!.common.streams)).toEqual(['default']);

  for (const bolt of Object.values(bolts)) {
    expect(bolt.common.streams['$checkpoint']).toMatchObject({ output_fields: ['txid', 'action'], direct: false });
  }
  expect(inputs(bolts['split']!.common)).toEqual(['$checkpointspout:$checkpoint all', 'sentences:default shuffle']);
  expect(inputs(bolts['count']!.common)).toEqual(['split:$checkpoint all', 'split:default fields(word)']);
  expect(inputs(bolts['count-at-least-once']!.common)).toEqual(['split:$checkpoint all', 'split:default fields(word)']);

  // The checkpoint spout is a component of stp's own in the jar (the fake Nimbus refuses a script the jar lacks).
  expect(running.jarEntries).toEqual(expect.arrayContaining(['resources/$checkpointspout.js', 'resources/count.js', 'resources/split.js', 'resources/sentences.js']));
  expect(running.conf['topology.state.checkpoint.interval.ms']).toBe(1000);
}, 120_000);

it("the jar's checkpoint spout speaks Storm's multilang as a ShellSpout runs it: recovery, then prepare and commit", async () => {
  // The jar the submit above uploaded; its resources/ as a supervisor unpacks them.
  const unpacked = mkdtempSync(path.join(project, 'resources-'));
  for (const entry of await readZipEntries(path.join(project, '_build', 'stateful-wordcount-0.0.0.jar'))) {
    if (!entry.name.startsWith('resources/') || entry.name.endsWith('/')) continue;
    const file = path.join(unpacked, entry.name.slice('resources/'.length));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
  const spout = await ShellDriver.start({
    script: path.join(unpacked, '$checkpointspout.js'),
    componentId: '$checkpointspout',
    conf: { 'topology.state.provider': 'memory', 'topology.state.checkpoint.interval.ms': 100 },
  });
  const emits = async (command: 'next' | 'ack', id?: number) => (await spout.spoutTurn(command, id)).filter((m) => m.command === 'emit').map((m) => [m['stream'], m['tuple'], m['id']]);
  // CheckpointSpout starts recovering: INITSTATE of the committed transaction (-1 when nothing was saved).
  expect(await emits('next')).toEqual([['$checkpoint', [-1, 'INITSTATE'], -1]]);
  expect(await emits('ack', -1)).toEqual([]);
  expect(await emits('next')).toEqual([['$checkpoint', [0, 'PREPARE'], 0]]);
  expect(await emits('ack', 0)).toEqual([]);
  expect(await emits('next')).toEqual([['$checkpoint', [0, 'COMMIT'], 0]]);
  expect(spout.violations).toEqual([]);
}, 60_000);

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeJar } from '../../lib/bundle/jar.js';
import { NimbusClient, UPLOAD_CHUNK_BYTES, type UploadProgress } from '../../lib/nimbus/client.js';
import { NimbusError } from '../../lib/nimbus/errors.js';
import { inputsOf, storm } from '../../lib/nimbus/generated.js';
import { toWireTopology } from '../../lib/nimbus/wire-topology.js';
import { toStormTopology } from '../../lib/topology/storm-topology.js';
import type { TopologySpec } from '../../lib/topology/spec.js';
import { FakeNimbus } from './fake-nimbus.js';

const spec: TopologySpec = {
  name: 'wc',
  conf: {},
  components: [
    { id: 'words', role: 'spout', impl: { kind: 'typescript', className: 'Words' }, streams: { default: { fields: ['word'], direct: false } }, inputs: [], parallelism: 1, conf: {} },
    {
      id: 'count',
      role: 'bolt',
      impl: { kind: 'typescript', className: 'Count' },
      streams: { default: { fields: ['word', 'count'], direct: false } },
      inputs: [{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['word'] } }],
      parallelism: 3,
      tasks: 6,
      conf: {},
    },
    {
      id: 'log',
      role: 'bolt',
      impl: { kind: 'java', className: 'org.example.LogBolt', args: [{ type: 'long', value: 2n ** 40n }, { type: 'string', value: 'x' }] },
      streams: {},
      inputs: [{ source: 'count', stream: 'default', grouping: { type: 'global' } }],
      parallelism: 1,
      conf: {},
    },
  ],
};

describe('NimbusClient against a Thrift server on 127.0.0.1', () => {
  let nimbus: FakeNimbus;
  let client: NimbusClient | undefined;
  let dir: string;
  let jar: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stp-nimbus-'));
    jar = join(dir, 'wc.jar');
    // Random content so the jar spans several chunks after compression.
    await writeJar(jar, {
      resources: new Map([
        ['words.js', randomBytes(400_000)],
        ['count.js', Buffer.from('count')],
      ]),
    });
  });
  beforeEach(async () => {
    nimbus = await FakeNimbus.start();
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await nimbus.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const connect = async (callTimeoutMs?: number): Promise<NimbusClient> => {
    client = await NimbusClient.connect({ host: '127.0.0.1', port: nimbus.port, ...(callTimeoutMs ? { callTimeoutMs } : {}) });
    return client;
  };

  it('uploads in 307,200-byte chunks and submits a topology Nimbus accepts', async () => {
    const c = await connect();
    const progress: UploadProgress[] = [];
    const location = await c.uploadJar(jar, { onProgress: (p) => progress.push(p) });
    const chunks = nimbus.chunks.get(location)!;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === UPLOAD_CHUNK_BYTES)).toBe(true);
    expect(progress.at(-1)).toEqual({ sentBytes: progress.at(-1)!.totalBytes, totalBytes: nimbus.jars.get(location)!.length });

    await c.submitTopology({ name: 'wc', jarLocation: location, conf: { 'topology.workers': 2 }, topology: toWireTopology(toStormTopology(spec)) });
    const running = nimbus.topologies.get('wc')!;
    expect(running.status).toBe('ACTIVE');
    expect(running.conf).toEqual({ 'topology.workers': 2 });
    // Struct-keyed maps, unions and i64 survive the wire.
    const count = running.topology.bolts['count']!;
    expect(count.bolt_object.shell).toMatchObject({ execution_command: 'node', script: 'count.js' });
    expect([...inputsOf(count.common)].map(([k, g]) => [k.componentId, k.streamId, g.fields])).toEqual([['words', 'default', ['word']]]);
    expect(count.common.parallelism_hint).toBe(3);
    expect(JSON.parse(count.common.json_conf!)).toEqual({ 'topology.tasks': 6 });
    const log = running.topology.bolts['log']!;
    expect(log.bolt_object.java_object?.full_class_name).toBe('org.example.LogBolt');
    expect(String(log.bolt_object.java_object?.args_list[0]?.long_arg)).toBe(String(2 ** 40));
    expect([...inputsOf(log.common).values()][0]?.fields).toEqual([]);

    expect((await c.findTopology('wc'))?.status).toBe('ACTIVE');
    expect((await c.getClusterInfo()).topologies.map((t) => t.name)).toEqual(['wc']);
  });

  it('submits inactive, activates, deactivates, rebalances and kills', async () => {
    const c = await connect();
    const location = await c.uploadJar(jar);
    await c.submitTopology({ name: 'wc', jarLocation: location, conf: {}, topology: toWireTopology(toStormTopology(spec)), inactive: true });
    expect(nimbus.topologies.get('wc')?.status).toBe('INACTIVE');
    await c.activate('wc');
    expect(nimbus.topologies.get('wc')?.status).toBe('ACTIVE');
    await c.deactivate('wc');
    expect(nimbus.topologies.get('wc')?.status).toBe('INACTIVE');
    await c.rebalance('wc', { numWorkers: 4, numExecutors: { count: 6 }, waitSecs: 0 });
    expect(nimbus.topologies.get('wc')).toMatchObject({ workers: 4, executors: { count: 6 } });
    await c.killTopology('wc', 0);
    await c.waitUntilGone('wc', 5000, 20);
    expect(await c.findTopology('wc')).toBeUndefined();
  });

  it('turns each Storm exception into a message that says what to do', async () => {
    const c = await connect();
    nimbus.addRunning('wc');
    const location = await c.uploadJar(jar);
    await expect(c.submitTopology({ name: 'wc', jarLocation: location, conf: {}, topology: toWireTopology(toStormTopology(spec)) })).rejects.toThrow(
      /a topology named "wc" is already running on Nimbus \(127\.0\.0\.1:\d+\); kill it first with "stp kill wc", or submit with -f/,
    );
    await expect(c.killTopology('nope')).rejects.toThrow(/no topology named "nope" is running on Nimbus .*"stp list" shows/);
    await expect(c.rebalance('wc', { numExecutors: { ghost: 2 } })).rejects.toThrow('Nimbus rejected "wc" as invalid: Component ghost does not exist');
    nimbus.answer('activate', { kind: 'throw', error: new storm.AuthorizationException({ msg: 'user bob is not authorized' }) });
    await expect(c.activate('wc')).rejects.toThrow(/does not allow activate for this user: user bob is not authorized; ask the cluster's admins/);
    await expect(c.submitTopology({ name: 'other', jarLocation: '/nowhere.jar', conf: {}, topology: toWireTopology(toStormTopology(spec)) })).rejects.toThrow(
      /failed submitTopologyWithOpts: .*File \/nowhere\.jar does not exist/,
    );
  });

  it('checks the topology as Nimbus does', async () => {
    const c = await connect();
    const location = await c.uploadJar(jar);
    const bad: TopologySpec = { ...spec, components: spec.components.map((x) => (x.id === 'count' ? { ...x, inputs: [{ source: 'words', stream: 'default', grouping: { type: 'fields', fields: ['wrod'] } }] } : x)) };
    await expect(c.submitTopology({ name: 'wc', jarLocation: location, conf: {}, topology: toWireTopology(toStormTopology(bad)) })).rejects.toThrow(
      'Nimbus rejected "wc" as invalid: Component count groups words:default on non-existent field wrod',
    );
  });

  it('fails every pending call when Nimbus dies mid-upload', async () => {
    const c = await connect();
    nimbus.answer('uploadChunk', { kind: 'die' }, 1);
    const error = await c.uploadJar(jar).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NimbusError);
    expect((error as NimbusError).kind).toBe('disconnected');
    expect((error as Error).message).toMatch(/closed the connection during the call/);
    expect(nimbus.topologies.size).toBe(0);
  });

  it('times out a call that Nimbus never answers', async () => {
    const c = await connect(300);
    nimbus.answer('getClusterInfo', { kind: 'stall' });
    const started = Date.now();
    await expect(c.getClusterInfo()).rejects.toThrow(/did not answer getClusterInfo within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(c.findTopology('x')).rejects.toThrow(/did not answer/);
  });

  it('stops an upload when aborted, and submits nothing', async () => {
    const c = await connect();
    const controller = new AbortController();
    const upload = c.uploadJar(jar, { onProgress: (p) => p.sentBytes > 0 && controller.abort(), signal: controller.signal });
    await expect(upload).rejects.toThrow('upload cancelled; nothing was submitted');
    expect(nimbus.calls).not.toContain('finishFileUpload');
  });
});

describe('connecting', () => {
  let silent: Server | undefined;
  const accepted = new Set<Socket>();
  afterEach(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    silent = undefined;
  });

  it('explains a refused connection', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(NimbusClient.connect({ host: '127.0.0.1', port })).rejects.toThrow(
      new RegExp(`cannot connect to Nimbus at 127\\.0\\.0\\.1:${port}: connection refused; check the env's "nimbus" in config\\.json`),
    );
    // Through an env, the message names that env's setting.
    await expect(NimbusClient.connect({ host: '127.0.0.1', port, envName: 'prod' })).rejects.toThrow(
      new RegExp(`cannot connect to Nimbus at 127\\.0\\.0\\.1:${port}: connection refused; check envs\\.prod\\.nimbus \\(host:port`),
    );
  });

  it('times out a call to a server that accepts but never speaks Thrift', async () => {
    silent = createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const c = await NimbusClient.connect({ host: '127.0.0.1', port, callTimeoutMs: 200 });
    try {
      await expect(c.getClusterInfo()).rejects.toThrow(/did not answer getClusterInfo within 0\.2 s/);
    } finally {
      c.close();
    }
  });
});


describe('older Nimbus without getTopologySummaryByName', () => {
  it('finds topologies through the cluster summary instead', async () => {
    const nimbus = await FakeNimbus.start();
    const client = await NimbusClient.connect({ host: '127.0.0.1', port: nimbus.port });
    try {
      nimbus.addRunning('old-school');
      // The generated server answers an unknown method the way Thrift does: TApplicationException UNKNOWN_METHOD.
      const { default: thrift } = await import('thrift');
      const unknown = () => new thrift.Thrift.TApplicationException(thrift.Thrift.TApplicationExceptionType.UNKNOWN_METHOD, 'Unknown function getTopologySummaryByName');
      nimbus.answer('getTopologySummaryByName', { kind: 'throw', error: unknown() });
      expect((await client.findTopology('old-school'))?.name).toBe('old-school');
      expect(await client.findTopology('missing')).toBeUndefined();
      expect(nimbus.calls.filter((c) => c === 'getTopologySummaryByName')).toHaveLength(1);
    } finally {
      client.close();
      await nimbus.close();
    }
  });
});

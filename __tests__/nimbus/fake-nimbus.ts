// A real Thrift server on 127.0.0.1, generated from the same storm.thrift, that plays Nimbus for tests: it stores
// uploaded chunks, checks the jar and the topology the way Nimbus does, keeps a list of running topologies, and
// can be told to answer with a Storm exception, die mid-upload, or stall.
import type { AddressInfo, Server, Socket } from 'node:net';
import thrift from 'thrift';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { inputsOf, Nimbus, storm } from '../../lib/nimbus/generated.js';

export interface RunningTopology {
  id: string;
  name: string;
  conf: Record<string, unknown>;
  topology: storm.StormTopology;
  jarEntries: string[];
  status: 'ACTIVE' | 'INACTIVE' | 'KILLED' | 'REBALANCING';
  workers: number;
  executors: Record<string, number>;
}

type Method = keyof Handler;
type Answer = { kind: 'throw'; error: Error } | { kind: 'stall' } | { kind: 'die' };

interface Handler {
  beginFileUpload(): Promise<string>;
  uploadChunk(location: string, chunk: Buffer): Promise<void>;
  finishFileUpload(location: string): Promise<void>;
  submitTopology(name: string, location: string, jsonConf: string, topology: storm.StormTopology): Promise<void>;
  submitTopologyWithOpts(name: string, location: string, jsonConf: string, topology: storm.StormTopology, options: storm.SubmitOptions): Promise<void>;
  killTopology(name: string): Promise<void>;
  killTopologyWithOpts(name: string, options: storm.KillOptions): Promise<void>;
  activate(name: string): Promise<void>;
  deactivate(name: string): Promise<void>;
  rebalance(name: string, options: storm.RebalanceOptions): Promise<void>;
  getClusterInfo(): Promise<storm.ClusterSummary>;
  getTopologySummaryByName(name: string): Promise<storm.TopologySummary>;
  getLeader(): Promise<storm.NimbusSummary>;
}

export class FakeNimbus {
  readonly calls: string[] = [];
  readonly chunks = new Map<string, Buffer[]>();
  readonly jars = new Map<string, Buffer>();
  readonly topologies = new Map<string, RunningTopology>();
  /** Delay before answering each uploadChunk (a slow link). */
  chunkDelayMs = 0;
  /** What getLeader answers (default: this server). */
  leader: { host: string; port: number } | undefined;
  /** Milliseconds a killed topology lingers before it is gone. */
  killDelayMs = 50;
  #answers = new Map<string, { answer: Answer; after: number }>();
  #sockets = new Set<Socket>();
  #counter = 0;
  #calls = new Map<string, number>();
  #stalled: (() => void)[] = [];

  private constructor(
    readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeNimbus> {
    const holder: { nimbus?: FakeNimbus } = {};
    const handler = FakeNimbus.#handler(() => holder.nimbus!);
    const server = thrift.createServer(Nimbus, handler, {
      transport: thrift.TFramedTransport,
      protocol: thrift.TBinaryProtocol,
    }) as unknown as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const nimbus = new FakeNimbus(server, (server.address() as AddressInfo).port);
    holder.nimbus = nimbus;
    server.on('connection', (socket: Socket) => {
      nimbus.#sockets.add(socket);
      socket.on('close', () => nimbus.#sockets.delete(socket));
    });
    return nimbus;
  }

  /** The next call of `method` (after `after` successful ones) answers with `answer`. */
  answer(method: Method, answer: Answer, after = 0): void {
    this.#answers.set(method, { answer, after: (this.#calls.get(method) ?? 0) + after });
  }

  /** Puts a topology in the running list, as if submitted earlier. */
  addRunning(name: string, status: RunningTopology['status'] = 'ACTIVE'): RunningTopology {
    const running: RunningTopology = {
      id: `${name}-${++this.#counter}-1700000000`,
      name,
      conf: {},
      topology: new storm.StormTopology({ spouts: {}, bolts: {}, state_spouts: {} }),
      jarEntries: [],
      status,
      workers: 1,
      executors: {},
    };
    this.topologies.set(name, running);
    return running;
  }

  /** Drops every client connection (as a crashing Nimbus would). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const release of this.#stalled) release();
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async #before(method: Method): Promise<void> {
    this.calls.push(method);
    const count = (this.#calls.get(method) ?? 0) + 1;
    this.#calls.set(method, count);
    const planned = this.#answers.get(method);
    if (!planned || count <= planned.after) return;
    this.#answers.delete(method);
    const { answer } = planned;
    if (answer.kind === 'throw') throw answer.error;
    if (answer.kind === 'die') {
      this.dropConnections();
      await new Promise<never>(() => {});
    }
    // stall: never answer (released at close so the server can stop)
    await new Promise<void>((resolve) => this.#stalled.push(resolve));
    throw new Error('released at close');
  }

  static #handler(nimbus: () => FakeNimbus): Handler {
    const running = (name: string): RunningTopology => {
      const found = nimbus().topologies.get(name);
      if (!found || found.status === 'KILLED') throw new storm.NotAliveException({ msg: `${name} is not alive` });
      return found;
    };
    const submit = async (name: string, location: string, jsonConf: string, topology: storm.StormTopology, options?: storm.SubmitOptions): Promise<void> => {
      const self = nimbus();
      if (!/^[^/.:\\]+$/.test(name)) throw new storm.InvalidTopologyException({ msg: `Topology name must be valid: ${name}` });
      if (self.topologies.has(name)) throw new storm.AlreadyAliveException({ msg: `${name} is already alive` });
      const jar = self.jars.get(location);
      if (!jar) throw new thrift.Thrift.TApplicationException(thrift.Thrift.TApplicationExceptionType.INTERNAL_ERROR, `File ${location} does not exist`);
      const entries = (await readZipEntries(jar, 'uploaded jar')).map((e) => e.name);
      if (entries[0] !== 'META-INF/' && entries[0] !== 'META-INF/MANIFEST.MF') throw new storm.InvalidTopologyException({ msg: 'jar has no manifest first' });
      validate(topology, entries);
      const conf = JSON.parse(jsonConf) as Record<string, unknown>;
      if (conf['topology.workers'] !== undefined && !Number.isInteger(conf['topology.workers'])) {
        throw new storm.InvalidTopologyException({ msg: 'Field TOPOLOGY_WORKERS must be an Integer' });
      }
      const executors: Record<string, number> = {};
      for (const [id, spec] of [...Object.entries(topology.spouts), ...Object.entries(topology.bolts)]) executors[id] = spec.common.parallelism_hint ?? 1;
      self.topologies.set(name, {
        id: `${name}-${++self.#counter}-1700000000`,
        name,
        conf,
        topology,
        jarEntries: entries,
        status: options?.initial_status === storm.TopologyInitialStatus.INACTIVE ? 'INACTIVE' : 'ACTIVE',
        workers: Number(conf['topology.workers'] ?? 1),
        executors,
      });
    };
    return {
      async beginFileUpload() {
        await nimbus().#before('beginFileUpload');
        const location = `/storm/nimbus/inbox/stormjar-${++nimbus().#counter}.jar`;
        nimbus().chunks.set(location, []);
        return location;
      },
      async uploadChunk(location, chunk) {
        await nimbus().#before('uploadChunk');
        if (nimbus().chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, nimbus().chunkDelayMs));
        const parts = nimbus().chunks.get(location);
        if (!parts) throw new thrift.Thrift.TApplicationException(thrift.Thrift.TApplicationExceptionType.INTERNAL_ERROR, `File ${location} for upload does not exist`);
        parts.push(Buffer.from(chunk));
      },
      async finishFileUpload(location) {
        await nimbus().#before('finishFileUpload');
        const parts = nimbus().chunks.get(location);
        if (!parts) throw new thrift.Thrift.TApplicationException(thrift.Thrift.TApplicationExceptionType.INTERNAL_ERROR, `File ${location} for upload does not exist`);
        nimbus().jars.set(location, Buffer.concat(parts));
      },
      async submitTopology(name, location, jsonConf, topology) {
        await nimbus().#before('submitTopology');
        await submit(name, location, jsonConf, topology);
      },
      async submitTopologyWithOpts(name, location, jsonConf, topology, options) {
        await nimbus().#before('submitTopologyWithOpts');
        await submit(name, location, jsonConf, topology, options);
      },
      async killTopology(name) {
        await nimbus().#before('killTopology');
        kill(running(name));
      },
      async killTopologyWithOpts(name, _options) {
        await nimbus().#before('killTopologyWithOpts');
        kill(running(name));
      },
      async activate(name) {
        await nimbus().#before('activate');
        running(name).status = 'ACTIVE';
      },
      async deactivate(name) {
        await nimbus().#before('deactivate');
        running(name).status = 'INACTIVE';
      },
      async rebalance(name, options) {
        await nimbus().#before('rebalance');
        const topology = running(name);
        for (const id of Object.keys(options.num_executors ?? {})) {
          if (!(id in topology.executors)) throw new storm.InvalidTopologyException({ msg: `Component ${id} does not exist` });
        }
        if (options.num_workers) topology.workers = options.num_workers;
        Object.assign(topology.executors, options.num_executors ?? {});
      },
      async getClusterInfo() {
        await nimbus().#before('getClusterInfo');
        return new storm.ClusterSummary({
          supervisors: [],
          nimbuses: [new storm.NimbusSummary({ host: '127.0.0.1', port: nimbus().port, uptime_secs: 10, isLeader: true, version: '2.8.1' })],
          topologies: [...nimbus().topologies.values()].map(summary),
        });
      },
      async getTopologySummaryByName(name) {
        await nimbus().#before('getTopologySummaryByName');
        const found = nimbus().topologies.get(name);
        if (!found) throw new storm.NotAliveException({ msg: `No topology named ${name}` });
        return summary(found);
      },
      async getLeader() {
        await nimbus().#before('getLeader');
        const leader = nimbus().leader ?? { host: '127.0.0.1', port: nimbus().port };
        return new storm.NimbusSummary({ ...leader, uptime_secs: 10, isLeader: true, version: '2.8.1' });
      },
    };

    function kill(topology: RunningTopology): void {
      topology.status = 'KILLED';
      setTimeout(() => nimbus().topologies.delete(topology.name), nimbus().killDelayMs).unref();
    }
  }
}

function summary(topology: RunningTopology): storm.TopologySummary {
  const executors = Object.values(topology.executors).reduce((a, b) => a + b, 0);
  return new storm.TopologySummary({
    id: topology.id,
    name: topology.name,
    num_tasks: executors,
    num_executors: executors,
    num_workers: topology.workers,
    uptime_secs: 42,
    status: topology.status,
  });
}

/** What Nimbus (and its supervisors) would refuse, as InvalidTopologyException. */
function validate(topology: storm.StormTopology, jarEntries: readonly string[]): void {
  const fail = (msg: string): never => {
    throw new storm.InvalidTopologyException({ msg });
  };
  const components = new Map<string, storm.ComponentCommon>();
  const objects = new Map<string, storm.ComponentObject>();
  for (const [id, spec] of Object.entries(topology.spouts)) {
    if (components.has(id)) fail(`Duplicate component id ${id}`);
    components.set(id, spec.common);
    objects.set(id, spec.spout_object);
    if (inputsOf(spec.common).size > 0) fail(`Spout ${id} has inputs`);
  }
  for (const [id, spec] of Object.entries(topology.bolts)) {
    if (components.has(id)) fail(`Duplicate component id ${id}`);
    components.set(id, spec.common);
    objects.set(id, spec.bolt_object);
  }
  if (Object.keys(topology.spouts).length === 0) fail('Topology has no spouts');
  for (const [id, common] of components) {
    if (id.startsWith('__')) fail(`Component id ${id} starts with __`);
    for (const stream of Object.keys(common.streams)) if (stream.startsWith('__')) fail(`Stream id ${stream} of ${id} starts with __`);
    for (const [key, grouping] of inputsOf(common)) {
      const source = components.get(key.componentId);
      if (!source) fail(`Component ${id} subscribes from non-existent component [${key.componentId}]`);
      const stream = source!.streams[key.streamId];
      if (!stream) fail(`Component ${id} subscribes from non-existent stream: [${key.streamId}] of component [${key.componentId}]`);
      for (const field of grouping.fields ?? []) {
        if (!stream!.output_fields.includes(field)) fail(`Component ${id} groups ${key.componentId}:${key.streamId} on non-existent field ${field}`);
      }
    }
    const object = objects.get(id)!;
    if (object.shell && !jarEntries.includes(`resources/${object.shell.script}`)) {
      fail(`Component ${id} runs ${object.shell.script}, which the jar's resources/ lacks`);
    }
  }
}

// A real Thrift server on 127.0.0.1, generated from the same storm.thrift, that plays Nimbus for tests: it stores
// uploaded chunks, checks the jar and the topology the way Nimbus does, keeps a list of running topologies, and
// can be told to answer with a Storm exception, die mid-upload, or stall. It also serves executor stats
// (getTopologyInfo) the way Storm does: executors count at the rates tests give them (flows), and Nimbus holds what
// each worker last reported (once every reportIntervalMs, Storm's executor.metrics.frequency.secs), in Storm's
// windows; and supervisors and their slots (getClusterInfo).
import type { AddressInfo, Server, Socket } from 'node:net';
import thrift from 'thrift';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { boltStats, inputsOf, Nimbus, storm } from '../../lib/nimbus/generated.js';

export interface RunningTopology {
  id: string;
  name: string;
  conf: Record<string, unknown>;
  topology: storm.StormTopology;
  jarEntries: string[];
  status: 'ACTIVE' | 'INACTIVE' | 'KILLED' | 'REBALANCING';
  workers: number;
  executors: Record<string, number>;
  /** The executors getTopologyInfo reports (see withStats); their counts follow `flows`. */
  stats: FakeExecutor[];
  /** Component id -> errors, oldest first, as TopologyInfo.errors. */
  errors: Record<string, { error: string; timeSecs: number; host?: string; port?: number }[]>;
  uptimeSecs: number;
}

/** One executor as the fake reports it: where it runs, since when, and the one input stream bolts read. */
export interface FakeExecutor {
  component: string;
  kind: 'spout' | 'bolt';
  taskStart: number;
  taskEnd: number;
  host: string;
  port: number;
  /** When its worker started, on the fake's clock (epoch ms): its reports come every reportIntervalMs from then. */
  startedAtMs: number;
  /** The stream a bolt reads (Storm keys bolt stats by it). */
  input: { componentId: string; streamId: string };
}

/** How fast each executor of a component counts: tuples per second, and the latencies (ms) of those tuples. */
export interface FakeFlow {
  emitted?: number;
  /** Default: as emitted. */
  transferred?: number;
  acked?: number;
  failed?: number;
  executed?: number;
  executeMs?: number;
  processMs?: number;
  completeMs?: number;
}

/** What one executor counted over a span of time. */
interface FlowTotals {
  emitted: number;
  transferred: number;
  acked: number;
  failed: number;
  executed: number;
  /** Sums of latency × count (ms). */
  executeMsTotal: number;
  processMsTotal: number;
  completeMsTotal: number;
}

/**
 * Each component's flow over time. A component's first flow is how it has run since its executors started; a
 * later one holds from when it is set. So counts grow with time, not with calls, as a real topology's do.
 */
export class FakeFlows {
  readonly #changes = new Map<string, { fromMs: number; flow: FakeFlow }[]>();

  constructor(private readonly clock: () => number) {}

  set(component: string, flow: FakeFlow): this {
    const changes = this.#changes.get(component) ?? [];
    changes.push({ fromMs: this.clock(), flow });
    this.#changes.set(component, changes);
    return this;
  }

  get(component: string): FakeFlow | undefined {
    return this.#changes.get(component)?.at(-1)?.flow;
  }

  /** Every component stops counting from now on. */
  clear(): void {
    for (const component of this.#changes.keys()) this.set(component, {});
  }

  /** What one executor of `component` counted from `fromMs` to `toMs`. */
  totals(component: string, fromMs: number, toMs: number): FlowTotals {
    const totals: FlowTotals = { emitted: 0, transferred: 0, acked: 0, failed: 0, executed: 0, executeMsTotal: 0, processMsTotal: 0, completeMsTotal: 0 };
    const changes = this.#changes.get(component) ?? [];
    changes.forEach(({ flow }, i) => {
      const start = i === 0 ? -Infinity : changes[i]!.fromMs;
      const end = changes[i + 1]?.fromMs ?? Infinity;
      const secs = Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs)) / 1000;
      if (secs === 0) return;
      totals.emitted += (flow.emitted ?? 0) * secs;
      totals.transferred += (flow.transferred ?? flow.emitted ?? 0) * secs;
      totals.acked += (flow.acked ?? 0) * secs;
      totals.failed += (flow.failed ?? 0) * secs;
      totals.executed += (flow.executed ?? 0) * secs;
      totals.executeMsTotal += (flow.executed ?? 0) * secs * (flow.executeMs ?? 0);
      totals.processMsTotal += (flow.executed ?? 0) * secs * (flow.processMs ?? 0);
      totals.completeMsTotal += (flow.acked ?? 0) * secs * (flow.completeMs ?? 0);
    });
    return totals;
  }
}

/** Storm's stats windows (seconds) besides all time. */
const STORM_WINDOWS = [600, 10_800, 86_400] as const;

/** A supervisor as getClusterInfo reports it. */
export interface FakeSupervisor {
  host: string;
  slots: number;
  usedSlots: number;
  uptimeSecs: number;
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
  getTopologyInfo(id: string): Promise<storm.TopologyInfo>;
  getTopologyInfoByName(name: string): Promise<storm.TopologyInfo>;
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
  /** What getClusterInfo reports of the supervisors. */
  supervisors: FakeSupervisor[] = [];
  /** Storm's version, as Nimbus and the topologies report it. */
  version = '2.8.1';
  /** The fake's clock (epoch ms): tests may stop it, or move it on. */
  clock: () => number = Date.now;
  /**
   * How often each worker sends its executors' stats to Nimbus (Storm: executor.metrics.frequency.secs, 60 s):
   * getTopologyInfo answers the stats of each worker's last report, so they move once an interval.
   */
  reportIntervalMs = 60_000;
  /** Component id -> how fast its executors count (per executor and second). */
  readonly flows = new FakeFlows(() => this.clock());
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
      stats: [],
      errors: {},
      uptimeSecs: 42,
    };
    this.topologies.set(name, running);
    return running;
  }

  /**
   * Gives a topology executors that report stats: per component its kind and executor count, spread over
   * `workers` (host:port pairs) in turn, in workers started the topology's uptime ago. `flows` says how they count.
   */
  withStats(
    topology: RunningTopology,
    components: readonly { id: string; kind: 'spout' | 'bolt'; executors: number; input?: string }[],
    workers: readonly { host: string; port: number }[] = [{ host: '127.0.0.1', port: 6700 }],
  ): FakeExecutor[] {
    let task = 1;
    let next = 0;
    topology.stats = components.flatMap((component) =>
      Array.from({ length: component.executors }, (): FakeExecutor => {
        const worker = workers[next++ % workers.length]!;
        const taskStart = task++;
        return {
          component: component.id,
          kind: component.kind,
          taskStart,
          taskEnd: taskStart,
          host: worker.host,
          port: worker.port,
          startedAtMs: this.clock() - topology.uptimeSecs * 1000,
          input: { componentId: component.input ?? components[0]!.id, streamId: 'default' },
        };
      }),
    );
    topology.executors = Object.fromEntries(components.map((c) => [c.id, c.executors]));
    topology.workers = new Set(workers.map((w) => `${w.host}:${w.port}`)).size;
    return topology.stats;
  }

  /**
   * What an executor's worker last reported, as of now: nothing before its first report (at its start), then the
   * counts at the latest report, in Storm's windows (the last 600, 10800, 86400 seconds, all time), with the
   * worker's uptime at that report. Counts are whole, as Storm's are.
   */
  report(executor: FakeExecutor): { uptimeSecs: number; windows: Record<string, FlowTotals> } | undefined {
    const reports = Math.floor((this.clock() - executor.startedAtMs) / this.reportIntervalMs);
    if (reports < 0) return undefined;
    const at = executor.startedAtMs + reports * this.reportIntervalMs;
    const counted = (fromMs: number): FlowTotals => {
      const totals = this.flows.totals(executor.component, fromMs, at);
      const whole = (n: number) => Math.round(n);
      return { ...totals, emitted: whole(totals.emitted), transferred: whole(totals.transferred), acked: whole(totals.acked), failed: whole(totals.failed), executed: whole(totals.executed) };
    };
    const windows: Record<string, FlowTotals> = { ':all-time': counted(executor.startedAtMs) };
    for (const secs of STORM_WINDOWS) windows[String(secs)] = counted(Math.max(executor.startedAtMs, at - secs * 1000));
    return { uptimeSecs: Math.floor((at - executor.startedAtMs) / 1000), windows };
  }

  /** Stops answering: drops every connection and refuses new ones until listenAgain (Nimbus down). */
  async stopListening(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Nimbus back up, on the same port and with the same state. */
  async listenAgain(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  /** Drops every client connection (as a crashing Nimbus would). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const release of this.#stalled) release();
    this.dropConnections();
    // Already closed by stopListening: close() then reports "not running", which is fine here.
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

  /** TopologyInfo as Storm 2.x sends it: each executor's stats as of its worker's last report. */
  #info(topology: RunningTopology): storm.TopologyInfo {
    const executors = topology.stats.map((e) => {
      const report = this.report(e);
      const summary = new storm.ExecutorSummary({
        executor_info: new storm.ExecutorInfo({ task_start: e.taskStart, task_end: e.taskEnd }),
        component_id: e.component,
        host: e.host,
        port: e.port,
        uptime_secs: report?.uptimeSecs ?? 0,
      });
      if (report) summary.stats = executorStats(e, report.windows);
      return summary;
    });
    const errors = Object.fromEntries(
      Object.entries(topology.errors).map(([component, list]) => [
        component,
        list.map((e) => new storm.ErrorInfo({ error: e.error, error_time_secs: e.timeSecs, ...(e.host === undefined ? {} : { host: e.host }), ...(e.port === undefined ? {} : { port: e.port }) })),
      ]),
    );
    return new storm.TopologyInfo({
      id: topology.id,
      name: topology.name,
      uptime_secs: topology.uptimeSecs,
      executors,
      status: topology.status,
      errors,
      storm_version: this.version,
    });
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
      // Tasks as Storm assigns them: the component's topology.tasks (else its parallelism), numbered from 1.
      let nextTask = 1;
      const stats = Object.entries(executors).flatMap(([id, count]) => {
        const kind = id in topology.spouts ? 'spout' : 'bolt';
        const common = (kind === 'spout' ? topology.spouts[id]! : topology.bolts[id]!).common;
        const tasks = Number((JSON.parse(common.json_conf ?? '{}') as Record<string, unknown>)['topology.tasks'] ?? count);
        // Workers that started 42 s ago (the uptime the topology reports).
        const spread = spreadTasks(id, kind, nextTask, tasks, count, self.clock() - 42_000);
        nextTask += tasks;
        return spread;
      });
      self.topologies.set(name, {
        id: `${name}-${++self.#counter}-1700000000`,
        name,
        conf,
        topology,
        jarEntries: entries,
        status: options?.initial_status === storm.TopologyInitialStatus.INACTIVE ? 'INACTIVE' : 'ACTIVE',
        workers: Number(conf['topology.workers'] ?? 1),
        executors,
        stats,
        errors: {},
        uptimeSecs: 42,
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
        // Storm keeps every component's tasks and silently gives it at most one executor per task.
        for (const [id, wanted] of Object.entries(options.num_executors ?? {})) {
          const own = topology.stats.filter((e) => e.component === id);
          if (own.length === 0) {
            topology.executors[id] = wanted;
            continue;
          }
          const first = Math.min(...own.map((e) => e.taskStart));
          const tasks = Math.max(...own.map((e) => e.taskEnd)) - first + 1;
          // New executors in a new worker: they start counting, and reporting, now.
          const spread = spreadTasks(id, own[0]!.kind, first, tasks, Math.min(wanted, tasks), nimbus().clock());
          topology.stats = [...topology.stats.filter((e) => e.component !== id), ...spread].sort((a, b) => a.taskStart - b.taskStart);
          topology.executors[id] = spread.length;
        }
      },
      async getClusterInfo() {
        await nimbus().#before('getClusterInfo');
        const self = nimbus();
        return new storm.ClusterSummary({
          supervisors: self.supervisors.map(
            (s, index) =>
              new storm.SupervisorSummary({ host: s.host, uptime_secs: s.uptimeSecs, num_workers: s.slots, num_used_workers: s.usedSlots, supervisor_id: `supervisor-${index + 1}`, version: self.version }),
          ),
          nimbuses: [new storm.NimbusSummary({ host: '127.0.0.1', port: self.port, uptime_secs: 10, isLeader: true, version: self.version })],
          topologies: [...self.topologies.values()].map((t) => summary(t, self.version)),
        });
      },
      async getTopologySummaryByName(name) {
        await nimbus().#before('getTopologySummaryByName');
        const found = nimbus().topologies.get(name);
        if (!found) throw new storm.NotAliveException({ msg: `No topology named ${name}` });
        return summary(found, nimbus().version);
      },
      async getTopologyInfo(id) {
        await nimbus().#before('getTopologyInfo');
        const found = [...nimbus().topologies.values()].find((t) => t.id === id);
        if (!found) throw new storm.NotAliveException({ msg: `No topology with id ${id}` });
        return nimbus().#info(found);
      },
      async getTopologyInfoByName(name) {
        await nimbus().#before('getTopologyInfoByName');
        const found = nimbus().topologies.get(name);
        if (!found) throw new storm.NotAliveException({ msg: `No topology named ${name}` });
        return nimbus().#info(found);
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

/** Per window, one value per stream: Storm's window -> stream -> value maps. */
function perWindow<T>(windows: Record<string, FlowTotals>, value: (totals: FlowTotals) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(windows).map(([window, totals]) => [window, value(totals)]));
}

const averageOf = (total: number, count: number): number => (count > 0 ? total / count : 0);

/** ExecutorStats as a worker's report carries it (one output stream, one input stream, a system stream). */
function executorStats(e: FakeExecutor, windows: Record<string, FlowTotals>): storm.ExecutorStats {
  const byStream = <T>(value: (totals: FlowTotals) => T) =>
    new Map(Object.entries(perWindow(windows, (t) => new Map([[new storm.GlobalStreamId(e.input), value(t)]]))));
  const specific =
    e.kind === 'spout'
      ? new storm.ExecutorSpecificStats({
          spout: new storm.SpoutStats({
            acked: perWindow(windows, (t) => ({ default: t.acked })),
            failed: perWindow(windows, (t) => ({ default: t.failed })),
            complete_ms_avg: perWindow(windows, (t) => ({ default: averageOf(t.completeMsTotal, t.acked) })),
          } as unknown as ConstructorParameters<typeof storm.SpoutStats>[0]),
        })
      : new storm.ExecutorSpecificStats({
          bolt: boltStats({
            acked: byStream((t) => t.acked),
            failed: byStream((t) => t.failed),
            executed: byStream((t) => t.executed),
            execute_ms_avg: byStream((t) => averageOf(t.executeMsTotal, t.executed)),
            process_ms_avg: byStream((t) => averageOf(t.processMsTotal, t.executed)),
          }),
        });
  return new storm.ExecutorStats({
    // A system stream too, which reports leave out as Storm's UI does.
    emitted: perWindow(windows, (t) => ({ default: t.emitted, __metrics: 7 })),
    transferred: perWindow(windows, (t) => ({ default: t.transferred })),
    specific,
    rate: 20,
  } as unknown as ConstructorParameters<typeof storm.ExecutorStats>[0]);
}

/** `count` executors sharing `tasks` tasks from `firstTask` on, in contiguous ranges as Storm assigns them. */
function spreadTasks(component: string, kind: 'spout' | 'bolt', firstTask: number, tasks: number, count: number, startedAtMs: number): FakeExecutor[] {
  const executors: FakeExecutor[] = [];
  let task = firstTask;
  for (let i = 0; i < count; i++) {
    const size = Math.floor(tasks / count) + (i < tasks % count ? 1 : 0);
    executors.push({
      component,
      kind,
      taskStart: task,
      taskEnd: task + size - 1,
      host: '127.0.0.1',
      port: 6700,
      startedAtMs,
      input: { componentId: component, streamId: 'default' },
    });
    task += size;
  }
  return executors;
}

function summary(topology: RunningTopology, version: string): storm.TopologySummary {
  const executors = Object.values(topology.executors).reduce((a, b) => a + b, 0);
  return new storm.TopologySummary({
    id: topology.id,
    name: topology.name,
    num_tasks: executors,
    num_executors: executors,
    num_workers: topology.workers,
    uptime_secs: topology.uptimeSecs,
    status: topology.status,
    storm_version: version,
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

// stats, slot-usage and worker-uptime: what streamparse's commands showed, computed from the Storm UI REST API's
// shapes. Two sources give those shapes: the Storm UI itself, and Nimbus over Thrift (lib/remote/nimbus-stats.ts).
// Each report is plain data (for --json) plus the tables a terminal shows.
import type { StormUiClient } from './client.js';
import type { ComponentDetail, ExecutorStats, TopologyDetail, TopologySummary } from './schemas.js';
import type { Table } from './table.js';

export interface Report<T> {
  readonly data: T;
  readonly tables: readonly Table[];
}

/** What the reports read, in the Storm UI's shapes. */
export type StatsSource = Pick<StormUiClient, 'topologySummary' | 'topology' | 'component'>;

/** A topology or component the source does not know. */
export class StatsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsError';
  }
}

type TopologyEntry = TopologySummary['topologies'][number];

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const ms = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return '';
  const number = Number(value);
  return Number.isFinite(number) ? number.toFixed(3) : String(value);
};

/** Maps with at most `limit` requests in flight (the UI asks Nimbus for each one). */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

export async function findTopology(client: StatsSource, name: string): Promise<TopologyEntry> {
  const { topologies } = await client.topologySummary();
  const found = topologies.find((topology) => topology.name === name);
  if (!found) {
    const running = topologies.map((topology) => topology.name).sort();
    throw new StatsError(`no running topology named "${name}"; running: ${running.length ? running.join(', ') : 'none'}`);
  }
  return found;
}

function summaryTable(topologies: readonly TopologyEntry[]): Table {
  return {
    title: 'Topologies',
    columns: ['Name', 'Id', 'Status', 'Uptime', 'Workers', 'Executors', 'Tasks'],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    rows: topologies.map((t) => [t.name, t.id, text(t.status), text(t.uptime), text(t.workersTotal), text(t.executorsTotal), text(t.tasksTotal)]),
  };
}

function topologyTables(detail: TopologyDetail): Table[] {
  const error = (value: string | null | undefined, host: unknown, port: unknown) =>
    value ? `${value.split('\n')[0]!.slice(0, 80)}${host ? ` (${text(host)}${port ? `:${text(port)}` : ''})` : ''}` : '';
  return [
    {
      title: `Spouts of ${detail.name} (all time)`,
      columns: ['Spout', 'Executors', 'Tasks', 'Emitted', 'Transferred', 'Complete latency (ms)', 'Acked', 'Failed', 'Last error'],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      rows: detail.spouts.map((s) => [s.spoutId, text(s.executors), text(s.tasks), text(s.emitted), text(s.transferred), ms(s.completeLatency), text(s.acked), text(s.failed), error(s.lastError, s.errorHost, s.errorPort)]),
    },
    {
      title: `Bolts of ${detail.name} (all time)`,
      columns: ['Bolt', 'Executors', 'Tasks', 'Emitted', 'Transferred', 'Capacity', 'Execute latency (ms)', 'Executed', 'Process latency (ms)', 'Acked', 'Failed', 'Last error'],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      rows: detail.bolts.map((b) => [b.boltId, text(b.executors), text(b.tasks), text(b.emitted), text(b.transferred), ms(b.capacity), ms(b.executeLatency), text(b.executed), ms(b.processLatency), text(b.acked), text(b.failed), error(b.lastError, b.errorHost, b.errorPort)]),
    },
  ];
}

function componentTables(topologyName: string, detail: ComponentDetail): Table[] {
  const executors: Table = {
    title: `Executors of ${topologyName}/${detail.id} (all time)`,
    columns: ['Executor', 'Host', 'Port', 'Uptime', 'Emitted', 'Transferred', 'Executed', 'Capacity', 'Execute latency (ms)', 'Process latency (ms)', 'Acked', 'Failed'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: detail.executorStats.map((e) => [e.id, e.host, text(e.port), text(e.uptime), text(e.emitted), text(e.transferred), text(e.executed), ms(e.capacity), ms(e.executeLatency), ms(e.processLatency), text(e.acked), text(e.failed)]),
  };
  const errors: Table = {
    title: `Errors of ${topologyName}/${detail.id}`,
    columns: ['When', 'Worker', 'Error'],
    rows: detail.componentErrors.map((e) => [
      e.time ? new Date(e.time).toISOString() : e.errorLapsedSecs !== undefined && e.errorLapsedSecs !== null ? `${e.errorLapsedSecs}s ago` : '',
      e.errorHost ? `${e.errorHost}${e.errorPort ? `:${text(e.errorPort)}` : ''}` : '',
      e.error.split('\n')[0]!,
    ]),
  };
  return [executors, errors];
}

export type StatsData =
  | { readonly kind: 'cluster'; readonly topologies: readonly TopologyEntry[] }
  | { readonly kind: 'topology'; readonly topology: TopologyDetail }
  | { readonly kind: 'component'; readonly topology: TopologyEntry; readonly component: ComponentDetail };

/** `stp stats`: every topology; with a name, its spouts and bolts; with a component too, its executors and errors. */
export async function stats(client: StatsSource, topologyName?: string, componentId?: string): Promise<Report<StatsData>> {
  if (topologyName === undefined) {
    const { topologies } = await client.topologySummary();
    return { data: { kind: 'cluster', topologies }, tables: [summaryTable(topologies)] };
  }
  const entry = await findTopology(client, topologyName);
  if (componentId === undefined) {
    const topology = await client.topology(entry.id);
    return { data: { kind: 'topology', topology }, tables: [summaryTable([entry]), ...topologyTables(topology)] };
  }
  const component = await client.component(entry.id, componentId);
  return { data: { kind: 'component', topology: entry, component }, tables: componentTables(entry.name, component) };
}

interface Placement {
  readonly topology: TopologyEntry;
  readonly executors: readonly ExecutorStats[];
}

/** Every executor of every running topology (one request per topology and per component). */
async function placements(client: StatsSource): Promise<Placement[]> {
  const { topologies } = await client.topologySummary();
  return mapLimited(topologies, 4, async (topology) => {
    const detail = await client.topology(topology.id);
    const ids = [...detail.spouts.map((s) => s.spoutId), ...detail.bolts.map((b) => b.boltId)];
    const components = await mapLimited(ids, 8, (id) => client.component(topology.id, id));
    return { topology, executors: components.flatMap((component) => component.executorStats) };
  });
}

export interface SlotUsageRow {
  readonly host: string;
  /** topology name -> worker slots (ports) used on this host and executors placed there. */
  readonly topologies: Readonly<Record<string, { slots: number; executors: number }>>;
}

/** `stp slot-usage`: per supervisor host, the worker slots and executors each topology uses there. */
export async function slotUsage(client: StatsSource): Promise<Report<{ hosts: SlotUsageRow[]; topologies: string[] }>> {
  const usage = new Map<string, Map<string, { ports: Set<number>; executors: number }>>();
  const names = new Set<string>();
  for (const { topology, executors } of await placements(client)) {
    names.add(topology.name);
    for (const executor of executors) {
      const byTopology = usage.get(executor.host) ?? new Map<string, { ports: Set<number>; executors: number }>();
      usage.set(executor.host, byTopology);
      const cell = byTopology.get(topology.name) ?? { ports: new Set<number>(), executors: 0 };
      byTopology.set(topology.name, cell);
      cell.ports.add(executor.port);
      cell.executors += 1;
    }
  }
  const topologies = [...names].sort();
  const hosts: SlotUsageRow[] = [...usage.keys()].sort().map((host) => ({
    host,
    topologies: Object.fromEntries(
      [...usage.get(host)!.entries()].map(([name, cell]) => [name, { slots: cell.ports.size, executors: cell.executors }]),
    ),
  }));
  return {
    data: { hosts, topologies },
    tables: [
      {
        title: 'Slot (and executor) counts by topology',
        columns: ['Host', ...topologies],
        align: ['left', ...topologies.map((): 'right' => 'right')],
        rows: hosts.map((row) => [row.host, ...topologies.map((name) => {
          const cell = row.topologies[name];
          return cell ? `${cell.slots} (${cell.executors})` : '0 (0)';
        })]),
      },
    ],
  };
}

export interface WorkerUptimeRow {
  readonly host: string;
  readonly port: number;
  readonly topology: string;
  readonly uptime: string;
  readonly uptimeSeconds: number | null;
  readonly logLink: string;
}

/** `stp worker-uptime`: each worker process (host:port) with its uptime, shortest first (recent restarts on top). */
export async function workerUptime(client: StatsSource): Promise<Report<{ workers: WorkerUptimeRow[] }>> {
  const workers = new Map<string, WorkerUptimeRow>();
  for (const { topology, executors } of await placements(client)) {
    for (const executor of executors) {
      const key = `${executor.host}:${executor.port}`;
      const seconds = executor.uptimeSeconds ?? null;
      const known = workers.get(key);
      // Executors of one worker share its uptime; keep the smallest if they disagree (a restarted executor).
      if (!known || (seconds !== null && (known.uptimeSeconds === null || seconds < known.uptimeSeconds))) {
        workers.set(key, { host: executor.host, port: executor.port, topology: topology.name, uptime: text(executor.uptime), uptimeSeconds: seconds, logLink: text(executor.workerLogLink) });
      }
    }
  }
  const rows = [...workers.values()].sort(
    (a, b) => (a.uptimeSeconds ?? Infinity) - (b.uptimeSeconds ?? Infinity) || a.host.localeCompare(b.host) || a.port - b.port,
  );
  return {
    data: { workers: rows },
    tables: [
      {
        title: 'Worker uptime',
        columns: ['Host', 'Port', 'Topology', 'Uptime', 'Log'],
        align: ['left', 'right', 'left', 'right', 'left'],
        rows: rows.map((row) => [row.host, String(row.port), row.topology, row.uptime, row.logLink]),
      },
    ],
  };
}

// One answer from Nimbus about a topology, as plain data: what getTopologyInfo and getClusterInfo said, and when.
import { executorCounters, WINDOWS, type ExecutorCounters, type StatsWindow } from '../nimbus/executor-stats.js';
import type { storm } from '../nimbus/generated.js';

export interface ErrorEntry {
  readonly message: string;
  /** When the worker reported it (epoch seconds, the cluster's clock). */
  readonly timeSecs: number;
  readonly host?: string;
  readonly port?: number;
}

/**
 * One executor as its worker last reported it to Nimbus: its all-time counters (and identity), and its counters in
 * each of Storm's windows. `uptimeSecs` is the worker's uptime when it sent them, so it only moves with a report.
 */
export interface ExecutorReport extends ExecutorCounters {
  readonly windows: Readonly<Record<StatsWindow, ExecutorCounters>>;
}

export interface TopSnapshot {
  /** When the answer arrived (epoch ms, this machine's clock). */
  readonly atMs: number;
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly uptimeSecs: number;
  readonly stormVersion: string | undefined;
  readonly executors: readonly ExecutorReport[];
  /** Component id -> its errors, newest last. */
  readonly errors: Readonly<Record<string, readonly ErrorEntry[]>>;
  /** Worker slots on all supervisors, and those in use (by any topology). */
  readonly slotsTotal: number;
  readonly slotsUsed: number;
}

export function snapshotOf(info: storm.TopologyInfo, cluster: storm.ClusterSummary, atMs: number): TopSnapshot {
  const errors: Record<string, ErrorEntry[]> = {};
  for (const [component, list] of Object.entries(info.errors ?? {})) {
    errors[component] = [...list]
      .sort((a, b) => a.error_time_secs - b.error_time_secs)
      .map((e) => ({
        message: e.error,
        timeSecs: e.error_time_secs,
        ...(e.host ? { host: e.host } : {}),
        ...(e.port !== undefined && e.port !== null ? { port: e.port } : {}),
      }));
  }
  return {
    atMs,
    id: info.id,
    name: info.name,
    status: info.status,
    uptimeSecs: info.uptime_secs,
    stormVersion: info.storm_version ?? cluster.nimbuses.find((n) => n.isLeader)?.version ?? cluster.nimbuses[0]?.version,
    executors: info.executors.map((executor) => ({
      ...executorCounters(executor),
      windows: Object.fromEntries(WINDOWS.map((window) => [window, executorCounters(executor, window)])) as Record<StatsWindow, ExecutorCounters>,
    })),
    errors,
    slotsTotal: cluster.supervisors.reduce((total, s) => total + s.num_workers, 0),
    slotsUsed: cluster.supervisors.reduce((total, s) => total + s.num_used_workers, 0),
  };
}

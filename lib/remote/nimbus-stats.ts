// Nimbus as a source for stats, slot-usage and worker-uptime when no Storm UI answers: getClusterInfo and
// getTopologyInfo (executor stats per window, errors, uptimes) read into the Storm UI's REST shapes, computed as
// the UI computes them (system streams left out, latencies weighted by their counts, capacity over the last
// 10 minutes), so the reports and their --json stay the same whichever source answered.
import type { NimbusClient } from '../nimbus/client.js';
import { ALL_TIME, average, capacity, coveredSecs, executorCounters, taskCount, TEN_MINUTES, type ExecutorCounters } from '../nimbus/executor-stats.js';
import type { storm } from '../nimbus/generated.js';
import type { ComponentDetail, ExecutorStats, TopologyDetail, TopologySummary } from './storm-ui/schemas.js';
import { formatUptimeSecs } from '../nimbus/uptime.js';
import { StatsError, type StatsSource } from './storm-ui/reports.js';

/** Latencies and capacity as the UI writes them: text with three decimals. */
const decimal = (value: number | null): string | null => (value === null ? null : value.toFixed(3));

const sum = (executors: readonly ExecutorCounters[], field: keyof ExecutorCounters): number =>
  executors.reduce((total, e) => total + (e[field] as number), 0);

/** Storm UI's capacity of an executor: executed × execute latency over the last 10 minutes (or its uptime). */
function executorCapacity(summary: storm.ExecutorSummary): number {
  const recent = executorCounters(summary, TEN_MINUTES);
  return capacity(recent.executeMsTotal, coveredSecs(TEN_MINUTES, summary.uptime_secs) * 1000);
}

function lastErrorFields(errors: readonly storm.ErrorInfo[] | undefined) {
  const last = [...(errors ?? [])].sort((a, b) => a.error_time_secs - b.error_time_secs).at(-1);
  return { lastError: last?.error ?? '', errorHost: last?.host ?? null, errorPort: last?.port ?? null };
}

const isSystem = (component: string): boolean => component.startsWith('__');

/** Components of a topology (Storm's own executors left out), with their executors. */
function components(info: storm.TopologyInfo): Map<string, storm.ExecutorSummary[]> {
  const byId = new Map<string, storm.ExecutorSummary[]>();
  for (const executor of info.executors) {
    if (isSystem(executor.component_id)) continue;
    const list = byId.get(executor.component_id) ?? [];
    list.push(executor);
    byId.set(executor.component_id, list);
  }
  return byId;
}

function topologyFields(info: storm.TopologyInfo) {
  const counters = info.executors.map((e) => executorCounters(e));
  return {
    id: info.id,
    name: info.name,
    status: info.status,
    uptime: formatUptimeSecs(info.uptime_secs),
    uptimeSeconds: info.uptime_secs,
    tasksTotal: counters.reduce((total, e) => total + taskCount(e), 0),
    workersTotal: new Set(info.executors.map((e) => `${e.host}:${e.port}`)).size,
    executorsTotal: info.executors.length,
  };
}

function topologyDetail(info: storm.TopologyInfo): TopologyDetail {
  const spouts: TopologyDetail['spouts'] = [];
  const bolts: TopologyDetail['bolts'] = [];
  for (const [id, summaries] of components(info)) {
    const executors = summaries.map((e) => executorCounters(e));
    const common = {
      executors: executors.length,
      tasks: executors.reduce((total, e) => total + taskCount(e), 0),
      emitted: sum(executors, 'emitted'),
      transferred: sum(executors, 'transferred'),
      acked: sum(executors, 'acked'),
      failed: sum(executors, 'failed'),
      ...lastErrorFields(info.errors[id]),
    };
    if (executors.some((e) => e.kind === 'spout')) {
      spouts.push({ spoutId: id, ...common, completeLatency: decimal(average(sum(executors, 'completeMsTotal'), sum(executors, 'acked')) ?? 0) });
    } else {
      const executed = sum(executors, 'executed');
      bolts.push({
        boltId: id,
        ...common,
        executed,
        // The busiest executor's, as the UI shows a bolt's capacity.
        capacity: decimal(Math.max(0, ...summaries.map(executorCapacity))),
        executeLatency: decimal(average(sum(executors, 'executeMsTotal'), executed) ?? 0),
        processLatency: decimal(average(sum(executors, 'processMsTotal'), executed) ?? 0),
      });
    }
  }
  const byId = (a: string, b: string) => a.localeCompare(b);
  spouts.sort((a, b) => byId(a.spoutId, b.spoutId));
  bolts.sort((a, b) => byId(a.boltId, b.boltId));
  return { ...topologyFields(info), spouts, bolts };
}

function executorDetail(summary: storm.ExecutorSummary): ExecutorStats {
  const e = executorCounters(summary, ALL_TIME);
  return {
    id: `[${e.taskStart}-${e.taskEnd}]`,
    host: e.host,
    port: e.port,
    uptime: formatUptimeSecs(e.uptimeSecs),
    uptimeSeconds: e.uptimeSecs,
    emitted: e.emitted,
    transferred: e.transferred,
    acked: e.acked,
    failed: e.failed,
    ...(e.kind === 'bolt'
      ? {
          executed: e.executed,
          capacity: decimal(executorCapacity(summary)),
          executeLatency: decimal(average(e.executeMsTotal, e.executed) ?? 0),
          processLatency: decimal(average(e.processMsTotal, e.executed) ?? 0),
        }
      : { completeLatency: decimal(average(e.completeMsTotal, e.acked) ?? 0) }),
    // Nimbus knows no log viewer; the UI links the logviewer here.
    workerLogLink: null,
  };
}

function componentDetail(info: storm.TopologyInfo, componentId: string, nowSecs: number): ComponentDetail {
  const summaries = components(info).get(componentId);
  if (!summaries) {
    const known = [...components(info).keys()].sort();
    throw new StatsError(`topology "${info.name}" has no component "${componentId}"; its components: ${known.join(', ') || 'none'}`);
  }
  const kind = summaries.map((e) => executorCounters(e).kind).find((k) => k !== undefined);
  const executors = summaries.map((e) => executorCounters(e));
  return {
    id: componentId,
    name: componentId,
    ...(kind === undefined ? {} : { componentType: kind }),
    executors: summaries.length,
    tasks: executors.reduce((total, e) => total + taskCount(e), 0),
    executorStats: summaries.map(executorDetail),
    componentErrors: [...(info.errors[componentId] ?? [])]
      .sort((a, b) => b.error_time_secs - a.error_time_secs)
      .map((e) => ({
        time: e.error_time_secs * 1000,
        errorHost: e.host ?? null,
        errorPort: e.port ?? null,
        errorLapsedSecs: Math.max(0, Math.round(nowSecs - e.error_time_secs)),
        error: e.error,
      })),
  };
}

/** A stats source reading Nimbus. Each topology's info is asked once per source (reports ask per component). */
export function nimbusStatsSource(client: NimbusClient, now: () => number = Date.now): StatsSource {
  const infos = new Map<string, Promise<storm.TopologyInfo>>();
  const info = (id: string): Promise<storm.TopologyInfo> => {
    let pending = infos.get(id);
    if (!pending) {
      pending = client.getTopologyInfo(id);
      infos.set(id, pending);
    }
    return pending;
  };
  return {
    topologySummary: async (): Promise<TopologySummary> => {
      const cluster = await client.getClusterInfo();
      return {
        topologies: cluster.topologies.map((t) => ({
          id: t.id,
          name: t.name,
          status: t.status,
          uptime: formatUptimeSecs(t.uptime_secs),
          uptimeSeconds: t.uptime_secs,
          tasksTotal: t.num_tasks,
          workersTotal: t.num_workers,
          executorsTotal: t.num_executors,
        })),
      };
    },
    topology: async (id) => topologyDetail(await info(id)),
    component: async (topologyId, componentId) => componentDetail(await info(topologyId), componentId, now() / 1000),
  };
}

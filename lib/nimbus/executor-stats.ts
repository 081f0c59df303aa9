// One executor's stats as Nimbus reports them (ExecutorSummary.stats), read into plain counters for one window.
// Storm's UI sums streams the same way: system streams ("__ack_init", "__metrics", "__tick", ...) are left out,
// and averages are weighted by their counts (complete latency by acked, execute and process latency by executed).
// Latencies are kept as totals (average × count) so that any sum of executors, or the difference of two
// snapshots, divides back into an average.
import type Int64 from 'node-int64';
import { boltStatsOf, type BoltStreamStats, type storm } from './generated.js';

/** Storm's windows: all time, and the last 10 minutes, 3 hours, 1 day (seconds as strings). */
export const ALL_TIME = ':all-time';
export const TEN_MINUTES = '600';
export const THREE_HOURS = '10800';
export const ONE_DAY = '86400';
export const WINDOWS = [TEN_MINUTES, THREE_HOURS, ONE_DAY, ALL_TIME] as const;
export type StatsWindow = (typeof WINDOWS)[number];

/**
 * The seconds of work a window's counts cover in one report: the window, or the worker's uptime at the report
 * when shorter (all time: the uptime). Nimbus's ExecutorSummary.uptime_secs is the uptime the worker sent with
 * those stats, so counts and uptime are of the same moment. Storm's UI divides by the same for capacity.
 */
export function coveredSecs(window: StatsWindow, uptimeSecs: number): number {
  return window === ALL_TIME ? uptimeSecs : Math.min(Number(window), uptimeSecs);
}

export type ExecutorKind = 'spout' | 'bolt';

export interface ExecutorCounters {
  readonly component: string;
  /** Undefined when the executor has not reported stats yet (just started, or stats turned off). */
  readonly kind: ExecutorKind | undefined;
  readonly taskStart: number;
  readonly taskEnd: number;
  readonly host: string;
  readonly port: number;
  readonly uptimeSecs: number;
  readonly emitted: number;
  readonly transferred: number;
  readonly acked: number;
  readonly failed: number;
  /** Bolts only (0 for spouts). */
  readonly executed: number;
  /** Sums of latency × count, in ms: complete (spouts), execute and process (bolts). */
  readonly completeMsTotal: number;
  readonly executeMsTotal: number;
  readonly processMsTotal: number;
}

/** Storm's system streams and components start with "__" (Utils.isSystemId). */
const isSystem = (id: string): boolean => id.startsWith('__');

const toNumber = (value: number | Int64): number => (typeof value === 'number' ? value : value.toNumber(true));

function sumByStream(window: Readonly<Record<string, number | Int64>> | undefined): number {
  let total = 0;
  for (const [stream, value] of Object.entries(window ?? {})) if (!isSystem(stream)) total += toNumber(value);
  return total;
}

/** Σ average × weight over the streams both maps have (string-keyed: spouts). */
function weightedByStream(averages: Readonly<Record<string, number>> | undefined, weights: Readonly<Record<string, number | Int64>> | undefined): number {
  let total = 0;
  for (const [stream, average] of Object.entries(averages ?? {})) {
    const weight = weights?.[stream];
    if (!isSystem(stream) && weight !== undefined) total += average * toNumber(weight);
  }
  return total;
}

/** Bolt maps are keyed by GlobalStreamId objects, so streams are matched by their ids. */
function boltInputs(stats: BoltStreamStats, window: string): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const [stream, value] of stats.get(window) ?? []) {
    if (!isSystem(stream.streamId) && !isSystem(stream.componentId)) byKey.set(`${stream.componentId}\u0000${stream.streamId}`, value);
  }
  return byKey;
}

const sum = (values: Map<string, number>): number => [...values.values()].reduce((a, b) => a + b, 0);

function weighted(averages: Map<string, number>, weights: Map<string, number>): number {
  let total = 0;
  for (const [key, average] of averages) total += average * (weights.get(key) ?? 0);
  return total;
}

/** The counters of one executor in `window` (default: all time). */
export function executorCounters(summary: storm.ExecutorSummary, window: StatsWindow = ALL_TIME): ExecutorCounters {
  const base = {
    component: summary.component_id,
    taskStart: summary.executor_info.task_start,
    taskEnd: summary.executor_info.task_end,
    host: summary.host,
    port: summary.port,
    uptimeSecs: summary.uptime_secs,
  };
  const stats = summary.stats;
  const zero = { emitted: 0, transferred: 0, acked: 0, failed: 0, executed: 0, completeMsTotal: 0, executeMsTotal: 0, processMsTotal: 0 };
  if (!stats) return { ...base, kind: undefined, ...zero };
  const common = { emitted: sumByStream(stats.emitted[window]), transferred: sumByStream(stats.transferred[window]) };
  const spout = stats.specific?.spout;
  if (spout) {
    return {
      ...base,
      ...zero,
      ...common,
      kind: 'spout',
      acked: sumByStream(spout.acked[window]),
      failed: sumByStream(spout.failed[window]),
      completeMsTotal: weightedByStream(spout.complete_ms_avg[window], spout.acked[window]),
    };
  }
  const bolt = stats.specific?.bolt;
  if (bolt) {
    const fields = boltStatsOf(bolt);
    const executed = boltInputs(fields.executed, window);
    return {
      ...base,
      ...zero,
      ...common,
      kind: 'bolt',
      acked: sum(boltInputs(fields.acked, window)),
      failed: sum(boltInputs(fields.failed, window)),
      executed: sum(executed),
      executeMsTotal: weighted(boltInputs(fields.execute_ms_avg, window), executed),
      processMsTotal: weighted(boltInputs(fields.process_ms_avg, window), executed),
    };
  }
  return { ...base, ...zero, ...common, kind: undefined };
}

/** Tasks an executor runs (task_start..task_end). */
export const taskCount = (executor: Pick<ExecutorCounters, 'taskStart' | 'taskEnd'>): number => executor.taskEnd - executor.taskStart + 1;

/** An average from a total and its count; null when nothing was counted. */
export const average = (total: number, count: number): number | null => (count > 0 ? total / count : null);

/**
 * Storm UI's capacity of one executor: the share of the time it spent executing tuples,
 * executed × execute latency / the time observed (for the UI: the 10-minute window, or the uptime if shorter).
 */
export function capacity(executeMsTotal: number, observedMs: number): number {
  return observedMs > 0 ? executeMsTotal / observedMs : 0;
}

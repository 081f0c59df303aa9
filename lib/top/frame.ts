// What `stp top` shows, computed from two successive snapshots: rates are differences of the all-time counters
// over the time between the answers (not Storm's 10-minute averages); capacity is the Storm UI's formula over
// that same interval. Pure functions: the watcher feeds them, the views draw their result.
import { average, capacity, taskCount, type ExecutorCounters } from '../nimbus/executor-stats.js';
import type { ErrorEntry, TopSnapshot } from './snapshot.js';

/** Storm's UI marks a bolt whose capacity passes this as a bottleneck. */
export const BUSY_CAPACITY = 0.8;
/** The sparkline covers this much history. */
export const HISTORY_MS = 60_000;

export interface LastError extends ErrorEntry {
  /** Seconds since it happened, as of the snapshot. */
  readonly ageSecs: number;
  /** Newer than any error of this component in the previous snapshot. */
  readonly isNew: boolean;
}

export interface ComponentRow {
  readonly id: string;
  readonly kind: 'spout' | 'bolt' | 'unknown';
  readonly executors: number;
  readonly tasks: number;
  /** Per second over the last interval; null on the first snapshot. */
  readonly emittedPerSec: number | null;
  readonly transferredPerSec: number | null;
  readonly ackedPerSec: number | null;
  readonly failedPerSec: number | null;
  readonly executedPerSec: number | null;
  /** Over the last interval when tuples were counted in it, else all time (ms). */
  readonly completeLatencyMs: number | null;
  readonly executeLatencyMs: number | null;
  readonly processLatencyMs: number | null;
  /** Bolts: the busiest executor's share of the interval spent executing; null for spouts and at first. */
  readonly capacity: number | null;
  readonly lastError: LastError | null;
  /** Throughput (spouts: emitted/s, bolts: executed/s) of the intervals in the last minute, oldest first. */
  readonly history: readonly number[];
  readonly busy: boolean;
  readonly failing: boolean;
}

export interface WorkerRow {
  readonly host: string;
  readonly port: number;
  readonly uptimeSecs: number;
  readonly executors: number;
  readonly components: readonly string[];
}

export interface TopFrame {
  readonly snapshot: TopSnapshot;
  /** Seconds between this answer and the one before (null at first). */
  readonly intervalSecs: number | null;
  /** Workers (host:port) the topology runs in. */
  readonly workers: number;
  readonly components: readonly ComponentRow[];
  readonly workerRows: readonly WorkerRow[];
}

const executorKey = (e: ExecutorCounters): string => `${e.component}\u0000${e.taskStart}`;

type Counter = 'emitted' | 'transferred' | 'acked' | 'failed' | 'executed' | 'completeMsTotal' | 'executeMsTotal' | 'processMsTotal';
const COUNTERS: readonly Counter[] = ['emitted', 'transferred', 'acked', 'failed', 'executed', 'completeMsTotal', 'executeMsTotal', 'processMsTotal'];

/**
 * What an executor added since `before`. A counter that went down means the executor restarted (its worker
 * died): all it counted since the restart is new.
 */
function delta(now: ExecutorCounters, before: ExecutorCounters | undefined): Record<Counter, number> {
  const restarted = before !== undefined && COUNTERS.some((c) => now[c] < before[c]);
  const base = before === undefined || restarted ? undefined : before;
  return Object.fromEntries(COUNTERS.map((c) => [c, now[c] - (base?.[c] ?? 0)])) as Record<Counter, number>;
}

function lastErrorOf(errors: readonly ErrorEntry[] | undefined, previous: readonly ErrorEntry[] | undefined, hadPrevious: boolean, nowSecs: number): LastError | null {
  const last = errors?.at(-1);
  if (!last) return null;
  const before = previous?.at(-1)?.timeSecs ?? -Infinity;
  return { ...last, ageSecs: Math.max(0, Math.round(nowSecs - last.timeSecs)), isNew: hadPrevious && last.timeSecs > before };
}

/** The frame for `snapshot`, given the one before it (undefined for the first answer). */
export function nextFrame(previous: TopFrame | undefined, snapshot: TopSnapshot): TopFrame {
  // A resubmitted topology under the same name has new counters: start over.
  const before = previous && previous.snapshot.id === snapshot.id ? previous : undefined;
  const intervalMs = before ? snapshot.atMs - before.snapshot.atMs : 0;
  const seconds = intervalMs / 1000;
  const old = new Map((before?.snapshot.executors ?? []).map((e) => [executorKey(e), e]));
  const byComponent = new Map<string, ExecutorCounters[]>();
  for (const executor of snapshot.executors) {
    const list = byComponent.get(executor.component) ?? [];
    list.push(executor);
    byComponent.set(executor.component, list);
  }
  const historyLength = before && seconds > 0 ? Math.max(1, Math.round(HISTORY_MS / intervalMs)) : 0;

  const components = [...byComponent.entries()]
    // Storm's own executors (__acker, __system, __eventlogger, __metrics...) are not the user's components.
    .filter(([id]) => !id.startsWith('__'))
    .map(([id, executors]): ComponentRow => {
      const kind = executors.find((e) => e.kind)?.kind ?? 'unknown';
      const total = (c: Counter) => executors.reduce((sum, e) => sum + e[c], 0);
      const deltas = before ? executors.map((e) => delta(e, old.get(executorKey(e)))) : [];
      const moved = (c: Counter) => deltas.reduce((sum, d) => sum + d[c], 0);
      const rate = (c: Counter) => (before && seconds > 0 ? moved(c) / seconds : null);
      // Over the interval when it counted tuples; otherwise the all-time average.
      const latency = (totalOf: Counter, countOf: Counter) =>
        before && moved(countOf) > 0 ? average(moved(totalOf), moved(countOf)) : average(total(totalOf), total(countOf));
      const executeCapacity =
        kind === 'bolt' && before && intervalMs > 0 ? Math.max(0, ...deltas.map((d) => capacity(d.executeMsTotal, intervalMs))) : null;
      const failedPerSec = rate('failed');
      const throughput = kind === 'bolt' ? rate('executed') : rate('emitted');
      const oldRow = before?.components.find((c) => c.id === id);
      const history = throughput === null ? [] : [...(oldRow?.history ?? []), throughput].slice(-historyLength);
      return {
        id,
        kind,
        executors: executors.length,
        tasks: executors.reduce((sum, e) => sum + taskCount(e), 0),
        emittedPerSec: rate('emitted'),
        transferredPerSec: rate('transferred'),
        ackedPerSec: rate('acked'),
        failedPerSec,
        executedPerSec: kind === 'bolt' ? rate('executed') : null,
        completeLatencyMs: kind === 'spout' ? latency('completeMsTotal', 'acked') : null,
        executeLatencyMs: kind === 'bolt' ? latency('executeMsTotal', 'executed') : null,
        processLatencyMs: kind === 'bolt' ? latency('processMsTotal', 'executed') : null,
        capacity: executeCapacity,
        lastError: lastErrorOf(snapshot.errors[id], before?.snapshot.errors[id], before !== undefined, snapshot.atMs / 1000),
        history,
        busy: executeCapacity !== null && executeCapacity > BUSY_CAPACITY,
        failing: failedPerSec !== null && failedPerSec > 0,
      };
    })
    .sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'spout' ? -1 : b.kind === 'spout' ? 1 : 0));

  return {
    snapshot,
    intervalSecs: before ? seconds : null,
    workers: new Set(snapshot.executors.map((e) => `${e.host}:${e.port}`)).size,
    components,
    workerRows: workerRows(snapshot.executors),
  };
}

function workerRows(executors: readonly ExecutorCounters[]): WorkerRow[] {
  const workers = new Map<string, { host: string; port: number; uptimeSecs: number; executors: number; components: Set<string> }>();
  for (const e of executors) {
    const key = `${e.host}:${e.port}`;
    const worker = workers.get(key) ?? { host: e.host, port: e.port, uptimeSecs: e.uptimeSecs, executors: 0, components: new Set<string>() };
    // Executors of a worker share its uptime; the smallest says when the worker last (re)started.
    worker.uptimeSecs = Math.min(worker.uptimeSecs, e.uptimeSecs);
    worker.executors++;
    if (!e.component.startsWith('__')) worker.components.add(e.component);
    workers.set(key, worker);
  }
  return [...workers.values()]
    .sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port)
    .map((w) => ({ ...w, components: [...w.components].sort() }));
}

export type SortKey = 'name' | 'throughput' | 'capacity' | 'failed';
export const SORT_KEYS: readonly SortKey[] = ['name', 'throughput', 'capacity', 'failed'];

/** The sort after `key` (the `s` key cycles through them). */
export const nextSort = (key: SortKey): SortKey => SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length]!;

/** Rows in `key` order; "name" keeps spouts first, as the frame has them. Ties keep the frame's order. */
export function sortRows(rows: readonly ComponentRow[], key: SortKey): ComponentRow[] {
  const value = (row: ComponentRow): number => {
    switch (key) {
      case 'throughput':
        return row.history.at(-1) ?? -1;
      case 'capacity':
        return row.capacity ?? -1;
      case 'failed':
        return row.failedPerSec ?? -1;
      case 'name':
        return 0;
    }
  };
  return [...rows].sort((a, b) => value(b) - value(a));
}

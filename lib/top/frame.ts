// What `stp top` shows, from Nimbus's answers. Storm's workers send their executors' stats to Nimbus once per
// reporting interval (executor.metrics.frequency.secs, 60 s by default), so the counters Nimbus answers move in
// steps, however often they are asked. Rates are therefore Storm's windowed counts (the last 10 minutes, 3 hours,
// 1 day, or all time) divided by the seconds they cover, as of the report that carried them; latencies and
// capacity come from the same window, as Storm's UI computes them. The time between two answers plays no part.
// Between answers, the frame tracks the reports themselves: when each worker's last one was first seen, how often
// they come, and the throughput between two reports (the sparkline). Pure functions: the watcher feeds them.
import { average, capacity, coveredSecs, taskCount, TEN_MINUTES, type ExecutorCounters, type StatsWindow } from '../nimbus/executor-stats.js';
import type { ErrorEntry, ExecutorReport, TopSnapshot } from './snapshot.js';

/** Storm's UI marks a bolt whose capacity passes this as a bottleneck. */
export const BUSY_CAPACITY = 0.8;
/** The sparkline keeps this many reports. */
export const HISTORY_REPORTS = 10;
/** The window rates are shown over unless the user picks another. */
export const DEFAULT_WINDOW: StatsWindow = TEN_MINUTES;

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
  /** Per second over the frame's window; null while no executor has reported stats. */
  readonly emittedPerSec: number | null;
  readonly transferredPerSec: number | null;
  readonly ackedPerSec: number | null;
  readonly failedPerSec: number | null;
  readonly executedPerSec: number | null;
  /** Averages over the frame's window (ms), weighted by their counts; null when nothing was counted. */
  readonly completeLatencyMs: number | null;
  readonly executeLatencyMs: number | null;
  readonly processLatencyMs: number | null;
  /** Bolts: the busiest executor's share of the window spent executing; null for spouts and before stats. */
  readonly capacity: number | null;
  readonly lastError: LastError | null;
  /** Throughput (spouts: emitted/s, bolts: executed/s) between successive reports, oldest first. */
  readonly history: readonly number[];
  readonly busy: boolean;
  readonly failing: boolean;
}

export interface WorkerRow {
  readonly host: string;
  readonly port: number;
  /** The worker's uptime when it last reported. */
  readonly uptimeSecs: number;
  readonly executors: number;
  readonly components: readonly string[];
  /** When this watch first saw the worker's latest report (epoch ms); null: not since the first answer. */
  readonly reportSeenAtMs: number | null;
}

/** What the frame knows of the workers' reports. */
export interface ReportTimes {
  /** When the newest report (of any worker) was first seen (epoch ms); null: none since the first answer. */
  readonly lastSeenAtMs: number | null;
  /** When the watch's first answer came: reports not seen since are older than that. */
  readonly firstAnswerAtMs: number;
  /** Seconds between two reports of a worker, as its uptime says; null until a worker reported twice. */
  readonly everySecs: number | null;
}

/** What the next frame needs of this one's executors. */
interface ExecutorTrack {
  readonly counters: ExecutorCounters;
  /** Throughput between its last two reports; null until it reported twice. */
  readonly reportRate: number | null;
  readonly seenAtMs: number | null;
}

export interface TopFrame {
  readonly snapshot: TopSnapshot;
  /** The window the rows' rates, latencies and capacity are over. */
  readonly window: StatsWindow;
  /** Seconds between this answer and the one before (null at first). Rates do not depend on it. */
  readonly intervalSecs: number | null;
  /** Workers (host:port) the topology runs in. */
  readonly workers: number;
  readonly components: readonly ComponentRow[];
  readonly workerRows: readonly WorkerRow[];
  readonly reports: ReportTimes;
  readonly tracks: ReadonlyMap<string, ExecutorTrack>;
  readonly histories: ReadonlyMap<string, readonly number[]>;
}

const executorKey = (e: ExecutorCounters): string => `${e.component}\u0000${e.taskStart}`;
const workerKey = (e: { host: string; port: number }): string => `${e.host}:${e.port}`;

type Counter = 'emitted' | 'transferred' | 'acked' | 'failed' | 'executed' | 'completeMsTotal' | 'executeMsTotal' | 'processMsTotal';
const COUNTERS: readonly Counter[] = ['emitted', 'transferred', 'acked', 'failed', 'executed', 'completeMsTotal', 'executeMsTotal', 'processMsTotal'];

/** The tuples an executor's component counts as its throughput: spouts emit, bolts execute. */
const throughputOf = (e: ExecutorCounters): number => (e.kind === 'bolt' ? e.executed : e.emitted);

/** A report Nimbus did not have at the previous answer: the worker's uptime or a counter moved. */
const isNewReport = (now: ExecutorCounters, before: ExecutorCounters): boolean =>
  now.uptimeSecs !== before.uptimeSecs || COUNTERS.some((c) => now[c] !== before[c]);

/**
 * Throughput between two reports of an executor, over the worker uptimes they carry. A smaller uptime or counter
 * means the worker restarted: all it counted is since then.
 */
function reportRate(now: ExecutorCounters, before: ExecutorCounters): number | null {
  const restarted = now.uptimeSecs < before.uptimeSecs || throughputOf(now) < throughputOf(before);
  const seconds = restarted ? now.uptimeSecs : now.uptimeSecs - before.uptimeSecs;
  if (seconds <= 0) return null;
  return (throughputOf(now) - (restarted ? 0 : throughputOf(before))) / seconds;
}

function lastErrorOf(errors: readonly ErrorEntry[] | undefined, previous: readonly ErrorEntry[] | undefined, hadPrevious: boolean, nowSecs: number): LastError | null {
  const last = errors?.at(-1);
  if (!last) return null;
  const before = previous?.at(-1)?.timeSecs ?? -Infinity;
  return { ...last, ageSecs: Math.max(0, Math.round(nowSecs - last.timeSecs)), isNew: hadPrevious && last.timeSecs > before };
}

function byComponent(executors: readonly ExecutorReport[]): Map<string, ExecutorReport[]> {
  const map = new Map<string, ExecutorReport[]>();
  for (const executor of executors) {
    // Storm's own executors (__acker, __system, __eventlogger, __metrics...) are not the user's components.
    if (executor.component.startsWith('__')) continue;
    const list = map.get(executor.component) ?? [];
    list.push(executor);
    map.set(executor.component, list);
  }
  return map;
}

/** A component's row over `window`: each executor's window counts over the seconds they cover, summed. */
function componentRow(id: string, executors: readonly ExecutorReport[], window: StatsWindow, frame: Pick<TopFrame, 'snapshot' | 'histories'>, previous: TopSnapshot | undefined): ComponentRow {
  const kind = executors.find((e) => e.kind)?.kind ?? 'unknown';
  const reported = executors.filter((e) => e.kind !== undefined && coveredSecs(window, e.uptimeSecs) > 0);
  const counts = reported.map((e) => ({ counters: e.windows[window], seconds: coveredSecs(window, e.uptimeSecs) }));
  const rate = (c: Counter): number | null => (counts.length === 0 ? null : counts.reduce((sum, e) => sum + e.counters[c] / e.seconds, 0));
  const total = (c: Counter): number => counts.reduce((sum, e) => sum + e.counters[c], 0);
  const executeCapacity = kind === 'bolt' && counts.length > 0 ? Math.max(0, ...counts.map((e) => capacity(e.counters.executeMsTotal, e.seconds * 1000))) : null;
  const failedPerSec = rate('failed');
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
    completeLatencyMs: kind === 'spout' ? average(total('completeMsTotal'), total('acked')) : null,
    executeLatencyMs: kind === 'bolt' ? average(total('executeMsTotal'), total('executed')) : null,
    processLatencyMs: kind === 'bolt' ? average(total('processMsTotal'), total('executed')) : null,
    capacity: executeCapacity,
    lastError: lastErrorOf(frame.snapshot.errors[id], previous?.errors[id], previous !== undefined, frame.snapshot.atMs / 1000),
    history: frame.histories.get(id) ?? [],
    busy: executeCapacity !== null && executeCapacity > BUSY_CAPACITY,
    failing: failedPerSec !== null && failedPerSec > 0,
  };
}

const componentOrder = (a: ComponentRow, b: ComponentRow): number =>
  a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'spout' ? -1 : b.kind === 'spout' ? 1 : 0;

function rowsOf(frame: Pick<TopFrame, 'snapshot' | 'histories'>, window: StatsWindow, previous: TopSnapshot | undefined): ComponentRow[] {
  return [...byComponent(frame.snapshot.executors).entries()].map(([id, executors]) => componentRow(id, executors, window, frame, previous)).sort(componentOrder);
}

/** The same frame with its rows over another window (the view's window key); errors stay as they were. */
export function withWindow(frame: TopFrame, window: StatsWindow): TopFrame {
  if (frame.window === window) return frame;
  const errors = new Map(frame.components.map((row) => [row.id, row.lastError]));
  const components = rowsOf(frame, window, undefined).map((row) => ({ ...row, lastError: errors.get(row.id) ?? row.lastError }));
  return { ...frame, window, components };
}

/** The frame for `snapshot`, given the one before it (undefined for the first answer), with rates over `window`. */
export function nextFrame(previous: TopFrame | undefined, snapshot: TopSnapshot, window: StatsWindow = previous?.window ?? DEFAULT_WINDOW): TopFrame {
  // A resubmitted topology under the same name has new counters: start over.
  const before = previous && previous.snapshot.id === snapshot.id ? previous : undefined;
  const tracks = new Map<string, ExecutorTrack>();
  const reportedNow = new Set<string>();
  const workerSeen = new Map<string, number | null>();
  let everySecs = before?.reports.everySecs ?? null;
  for (const executor of snapshot.executors) {
    const key = executorKey(executor);
    const old = before?.tracks.get(key);
    const fresh = old !== undefined && isNewReport(executor, old.counters);
    if (fresh) {
      reportedNow.add(executor.component);
      const gap = executor.uptimeSecs - old.counters.uptimeSecs;
      if (gap > 0) everySecs = gap;
    }
    const seenAtMs = fresh ? snapshot.atMs : (old?.seenAtMs ?? null);
    tracks.set(key, { counters: executor, reportRate: fresh ? reportRate(executor, old.counters) : (old?.reportRate ?? null), seenAtMs });
    const worker = workerKey(executor);
    const workerAt = workerSeen.get(worker) ?? null;
    workerSeen.set(worker, seenAtMs === null ? workerAt : workerAt === null ? seenAtMs : Math.max(workerAt, seenAtMs));
  }

  const histories = new Map<string, readonly number[]>();
  for (const [id, executors] of byComponent(snapshot.executors)) {
    const old = before?.histories.get(id) ?? [];
    const rates = executors.map((e) => tracks.get(executorKey(e))!.reportRate);
    const known = rates.filter((r): r is number => r !== null);
    histories.set(id, reportedNow.has(id) && known.length > 0 ? [...old, known.reduce((a, b) => a + b, 0)].slice(-HISTORY_REPORTS) : old);
  }

  const seen = [...workerSeen.values()].filter((at): at is number => at !== null);
  const frame = { snapshot, histories };
  return {
    snapshot,
    window,
    intervalSecs: before ? (snapshot.atMs - before.snapshot.atMs) / 1000 : null,
    workers: new Set(snapshot.executors.map(workerKey)).size,
    components: rowsOf(frame, window, before?.snapshot),
    workerRows: workerRows(snapshot.executors, workerSeen),
    reports: { lastSeenAtMs: seen.length > 0 ? Math.max(...seen) : null, firstAnswerAtMs: before?.reports.firstAnswerAtMs ?? snapshot.atMs, everySecs },
    tracks,
    histories,
  };
}

function workerRows(executors: readonly ExecutorCounters[], seen: ReadonlyMap<string, number | null>): WorkerRow[] {
  const workers = new Map<string, { host: string; port: number; uptimeSecs: number; executors: number; components: Set<string> }>();
  for (const e of executors) {
    const key = workerKey(e);
    const worker = workers.get(key) ?? { host: e.host, port: e.port, uptimeSecs: e.uptimeSecs, executors: 0, components: new Set<string>() };
    // Executors of a worker share its uptime; the smallest says when the worker last (re)started.
    worker.uptimeSecs = Math.min(worker.uptimeSecs, e.uptimeSecs);
    worker.executors++;
    if (!e.component.startsWith('__')) worker.components.add(e.component);
    workers.set(key, worker);
  }
  return [...workers.entries()]
    .sort(([, a], [, b]) => a.host.localeCompare(b.host) || a.port - b.port)
    .map(([key, w]) => {
      return { ...w, components: [...w.components].sort(), reportSeenAtMs: seen.get(key) ?? null };
    });
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
        return (row.kind === 'bolt' ? row.executedPerSec : row.emittedPerSec) ?? -1;
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

// Text forms of a `stp top` frame, shared by the plain and live views: numbers as people read them, one line per
// component (off a terminal), and JSON records (--json). Pure functions, no printing.
import { formatCount, formatLatency } from '../local/report.js';
import { ALL_TIME, ONE_DAY, TEN_MINUTES, THREE_HOURS, WINDOWS, type StatsWindow } from '../nimbus/executor-stats.js';
import { formatUptimeSecs } from '../nimbus/uptime.js';
import type { ComponentRow, TopFrame } from './frame.js';

export { formatUptimeSecs };

export const dash = '-';

/** A rate per second, "-" before there is one; a few a second with a decimal (windowed rates are fractional). */
export function formatPerSec(value: number | null): string {
  if (value === null) return dash;
  if (value > 0 && value < 0.05) return '<0.1';
  if (value > 0 && value < 10) return value.toFixed(1);
  return formatCount(value);
}

export const formatCapacity = (value: number | null): string => (value === null ? dash : value.toFixed(3));

/** "45s", "3m", "2h", "4d": ages and uptimes at a glance. */
export function formatAge(secs: number): string {
  if (secs < 60) return `${Math.max(0, Math.round(secs))}s`;
  if (secs < 3600) return `${Math.floor(secs / 60)}m`;
  if (secs < 86_400) return `${Math.floor(secs / 3600)}h`;
  return `${Math.floor(secs / 86_400)}d`;
}

/** The first line of an error (Storm sends whole stack traces). */
export const firstLine = (text: string): string => text.split('\n')[0]!.trim();

/** The latency a row shows first: complete latency for spouts, execute latency for bolts. */
export const mainLatency = (row: ComponentRow): number | null => (row.kind === 'spout' ? row.completeLatencyMs : row.executeLatencyMs);

/** How each window is named on the command line (`--window`) and in the view. */
const WINDOW_NAMES: Readonly<Record<StatsWindow, { flag: string; label: string }>> = {
  [TEN_MINUTES]: { flag: '10m', label: 'the last 10 min' },
  [THREE_HOURS]: { flag: '3h', label: 'the last 3 h' },
  [ONE_DAY]: { flag: '1d', label: 'the last day' },
  [ALL_TIME]: { flag: 'all', label: 'all time' },
};

/** "the last 10 min", "all time". */
export const windowLabel = (window: StatsWindow): string => WINDOW_NAMES[window].label;

/** The window after `window` (the view's `t` key cycles through them). */
export const nextWindow = (window: StatsWindow): StatsWindow => WINDOWS[(WINDOWS.indexOf(window) + 1) % WINDOWS.length]!;

/** The names `--window` takes: 10m, 3h, 1d, all, and Storm's own (600, 10800, 86400, :all-time). */
export const WINDOW_FLAGS: readonly string[] = WINDOWS.map((w) => WINDOW_NAMES[w].flag);

/** The window `--window VALUE` names, or undefined. */
export function parseWindow(value: string): StatsWindow | undefined {
  return WINDOWS.find((w) => w === value || WINDOW_NAMES[w].flag === value);
}

/** Seconds since the newest report was first seen, as of `nowMs`; null when none was seen since the first answer. */
export function reportAgeSecs(frame: TopFrame, nowMs: number): number | null {
  const at = frame.reports.lastSeenAtMs;
  return at === null ? null : Math.max(0, Math.round((nowMs - at) / 1000));
}

/**
 * How fresh the numbers are: "workers reported 12s ago, every ~60s", or, before this watch has seen a report
 * arrive, ">8s ago" (the one Nimbus holds came before the first answer).
 */
export function reportLine(frame: TopFrame, nowMs: number): string {
  const age = reportAgeSecs(frame, nowMs);
  const every = frame.reports.everySecs === null ? '' : `, every ~${formatAge(frame.reports.everySecs)}`;
  if (age !== null) return `workers reported ${formatAge(age)} ago${every}`;
  return `workers reported >${formatAge((nowMs - frame.reports.firstAnswerAtMs) / 1000)} ago`;
}

export function headerLine(frame: TopFrame): string {
  const s = frame.snapshot;
  const slots = s.slotsTotal > 0 ? `  slots ${s.slotsUsed}/${s.slotsTotal}` : '';
  return `${s.name} (${s.id})  ${s.status}  up ${formatUptimeSecs(s.uptimeSecs)}  workers ${frame.workers}${slots}  Storm ${s.stormVersion ?? 'unknown'}  rates over ${windowLabel(frame.window)}  ${reportLine(frame, s.atMs)}`;
}

/** One line for a component, e.g. `12:00:05 wc count bolt 2/2 emitted 10/s ... capacity 0.912 BUSY`. */
export function componentLine(frame: TopFrame, row: ComponentRow): string {
  const parts = [
    new Date(frame.snapshot.atMs).toISOString(),
    frame.snapshot.name,
    row.id,
    row.kind,
    `executors ${row.executors}`,
    `tasks ${row.tasks}`,
    `emitted ${formatPerSec(row.emittedPerSec)}/s`,
    `transferred ${formatPerSec(row.transferredPerSec)}/s`,
    `acked ${formatPerSec(row.ackedPerSec)}/s`,
    `failed ${formatPerSec(row.failedPerSec)}/s`,
  ];
  if (row.kind === 'spout') parts.push(`complete ${formatLatency(row.completeLatencyMs)}`);
  if (row.kind === 'bolt') {
    parts.push(`executed ${formatPerSec(row.executedPerSec)}/s`, `execute ${formatLatency(row.executeLatencyMs)}`, `process ${formatLatency(row.processLatencyMs)}`, `capacity ${formatCapacity(row.capacity)}`);
  }
  if (row.busy) parts.push('BUSY');
  if (row.failing) parts.push('FAILING');
  if (row.lastError) parts.push(`${row.lastError.isNew ? 'NEW ' : ''}error ${formatAge(row.lastError.ageSecs)} ago: ${firstLine(row.lastError.message)}`);
  return parts.join('  ');
}

/** The JSON record of a component in a frame (snake_case, as Storm's own JSON). */
export function componentRecord(frame: TopFrame, row: ComponentRow): Record<string, unknown> {
  return {
    type: 'component',
    time: new Date(frame.snapshot.atMs).toISOString(),
    topology: frame.snapshot.name,
    topology_id: frame.snapshot.id,
    window: frame.window,
    interval_secs: frame.intervalSecs,
    component: row.id,
    kind: row.kind,
    executors: row.executors,
    tasks: row.tasks,
    emitted_per_sec: row.emittedPerSec,
    transferred_per_sec: row.transferredPerSec,
    acked_per_sec: row.ackedPerSec,
    failed_per_sec: row.failedPerSec,
    executed_per_sec: row.executedPerSec,
    complete_latency_ms: row.completeLatencyMs,
    execute_latency_ms: row.executeLatencyMs,
    process_latency_ms: row.processLatencyMs,
    capacity: row.capacity,
    busy: row.busy,
    failing: row.failing,
    last_error: row.lastError
      ? { error: row.lastError.message, age_secs: row.lastError.ageSecs, time_secs: row.lastError.timeSecs, host: row.lastError.host ?? null, port: row.lastError.port ?? null, new: row.lastError.isNew }
      : null,
  };
}

/** The JSON record of the topology in a frame. */
export function topologyRecord(frame: TopFrame): Record<string, unknown> {
  const s = frame.snapshot;
  return {
    type: 'topology',
    time: new Date(s.atMs).toISOString(),
    topology: s.name,
    topology_id: s.id,
    status: s.status,
    uptime_secs: s.uptimeSecs,
    workers: frame.workers,
    slots_used: s.slotsUsed,
    slots_total: s.slotsTotal,
    storm_version: s.stormVersion ?? null,
    interval_secs: frame.intervalSecs,
    window: frame.window,
    reported_secs_ago: reportAgeSecs(frame, s.atMs),
    report_interval_secs: frame.reports.everySecs,
  };
}

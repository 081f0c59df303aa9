// Text forms of what a run reports, shared by the plain and live views (and usable by tests and tools):
// stats lines, the final summary table, log and tuple lines, JSON records. Pure functions, no printing.
import type { ComponentStats, LogEvent, RunEvents, RunResult, StartCut, StatsSnapshot, TaskCrash, TaskRestart, TupleEvent } from './events.js';

export function formatCount(value: number): string {
  if (value < 10000) return String(Math.round(value));
  if (value < 1e6) return `${(value / 1000).toFixed(value < 1e5 ? 1 : 0)}k`;
  return `${(value / 1e6).toFixed(value < 1e7 ? 2 : 1)}M`;
}

export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return '-';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
}

export function formatUptime(ms: number): string {
  const secs = Math.floor(ms / 1000);
  return secs < 60 ? `${secs}s` : `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s`;
}

/** One line per component, e.g. `[  12s] words  emitted 1234 (617/s)  acked 1200 (600/s)  failed 0  latency 3.10 ms`. */
export function statsLines(snapshot: StatsSnapshot): string[] {
  const width = Math.max(...snapshot.components.map((c) => c.component.length));
  const time = `[${formatUptime(snapshot.uptimeMs).padStart(5)}]`;
  return snapshot.components.map((c) => {
    const parts = [
      `emitted ${formatCount(c.emitted)} (${formatRate(c.emitRate)})`,
      `acked ${formatCount(c.acked)} (${formatRate(c.ackRate)})`,
      `failed ${formatCount(c.failed)}`,
      `${c.role === 'spout' ? 'complete' : 'execute'} latency ${formatLatency(c.latencyMs)}`,
    ];
    if (c.queued > 0) parts.push(`queued ${formatCount(c.queued)}`);
    if (c.restarts > 0) parts.push(`restarts ${c.restarts}`);
    if (c.replayed > 0 || c.gaveUp > 0 || c.lost > 0) parts.push(`replayed ${formatCount(c.replayed)}  gave up ${formatCount(c.gaveUp)}  lost ${formatCount(c.lost)}`);
    return `${time} ${c.component.padEnd(width)}  ${parts.join('  ')}`;
  });
}

export const SUMMARY_COLUMNS = ['component', 'role', 'tasks', 'emitted', 'transferred', 'acked', 'failed', 'latency', 'restarts'] as const;

export function summaryRow(c: ComponentStats): string[] {
  return [
    c.component,
    c.role,
    String(c.tasks.length),
    String(c.emitted),
    String(c.transferred),
    String(c.acked),
    c.timedOut > 0 ? `${c.failed} (${c.timedOut} timed out)` : String(c.failed),
    formatLatency(c.latencyMs),
    String(c.restarts),
  ];
}

/**
 * What became of the tuples each spout emitted with a message id: acked, given up, lost (nobody could replay
 * them) or still open, with fails and replays on the way. Empty when no spout emitted with ids.
 */
export function reliabilityLines(snapshot: StatsSnapshot): string[] {
  const spouts = snapshot.components.filter((c) => c.role === 'spout' && c.reliable > 0);
  return spouts.map(
    (c) =>
      `${c.component}: ${c.reliable} tuples with ids: ${c.acked} acked, ${c.gaveUp} gave up, ${c.lost} lost, ${c.open} open` +
      ` (failed ${c.failed} times, ${c.timedOut} of them timed out; replayed ${c.replayed})`,
  );
}

/** `3 crashes, 12 chaos kills, 15 restarts` (empty when nothing died). */
export function crashesLine(snapshot: StatsSnapshot): string {
  const restarts = snapshot.components.reduce((sum, c) => sum + c.restarts, 0);
  if (snapshot.crashes === 0 && snapshot.chaosKills === 0 && restarts === 0) return '';
  return `${snapshot.crashes} crash${snapshot.crashes === 1 ? '' : 'es'}, ${snapshot.chaosKills} chaos kill${snapshot.chaosKills === 1 ? '' : 's'}, ${restarts} restart${restarts === 1 ? '' : 's'}`;
}

/** One line for a task that died: `[count:3] crashed (exited with code 1): Error: boom; restart 2 in 200 ms`. */
export function crashLine(event: TaskCrash): string {
  const what = event.cause === 'chaos' ? `chaos killed pid ${event.pid}` : `crashed (${event.reason})`;
  // The error's first line and its first frame in a .ts file (where to look).
  const frame = event.error?.split('\n').find((line) => /\.ts:\d+/.test(line))?.trim();
  const error = event.cause === 'crash' && event.error ? `: ${event.error.split('\n', 1)[0]}${frame ? ` ${frame}` : ''}` : '';
  const next = event.restartInMs === null ? '; not restarted' : `; restart ${event.restarts + 1} in ${event.restartInMs} ms`;
  return `[${event.component}:${event.task}] ${what}${error}${next}`;
}

/** The full report of a crash (not of a chaos kill): what happened, its last error with the stack, its stderr tail. */
export function crashReport(event: TaskCrash): string {
  const lines = [`component '${event.component}' task ${event.task} (pid ${event.pid}) ${event.reason}.`];
  if (event.error) lines.push('Its last reported error:', indent(event.error));
  if (event.stderr.length > 0) lines.push('Last lines on its stderr:', indent(event.stderr.join('\n')));
  lines.push(event.restartInMs === null ? 'It is not restarted.' : `Restarting it in ${event.restartInMs} ms (restart ${event.restarts + 1}).`);
  return lines.join('\n');
}

/** `[count:3] up again as pid 4321, 312 ms after it died (restart 2)`. */
export function restartLine(event: TaskRestart): string {
  return `[${event.component}:${event.task}] up again as pid ${event.pid}, ${event.downMs} ms after it died (restart ${event.restarts})`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** The table printed when a run ends. */
export function summaryTable(snapshot: StatsSnapshot): string {
  const rows = [[...SUMMARY_COLUMNS], ...snapshot.components.map(summaryRow)];
  const widths = SUMMARY_COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const numeric = (i: number): boolean => i >= 2;
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** `[split:3] message`; levels other than info are named; stderr lines are marked. */
export function logLine(event: LogEvent): string {
  const where = `[${event.component}:${event.task}]`;
  if (event.level === 'info') return `${where} ${event.message}`;
  if (event.level === 'stderr') return `${where} (stderr) ${event.message}`;
  return `${where} ${event.level.toUpperCase()} ${event.message}`;
}

/** `emit words:7 default ["apple",1] -> count:3 all:1 all:2 (id 4)` (what -d prints for every tuple). */
/** A component's error report in one line: the full text (with its stack) is in its log, and in the fault message if fatal. */
export function errorLine(event: { component: string; task: number; message: string }): string {
  return `[${event.component}:${event.task}] reported an error: ${event.message.split('\n', 1)[0]}`;
}

export function tupleLine(event: TupleEvent): string {
  const to = event.to.length > 0 ? event.to.map((t) => `${t.component}:${t.task}`).join(' ') : '(no receivers)';
  const id = event.messageId !== undefined ? ` (id ${JSON.stringify(event.messageId)})` : '';
  const anchors = event.anchors && event.anchors.length > 0 ? ` (anchored to ${event.anchors.join(', ')})` : '';
  return `emit ${event.component}:${event.task} ${event.stream} ${JSON.stringify(event.values)} -> ${to}${id}${anchors}`;
}

/** The closing words of a run: why it ended, the summary table, where the logs are (a fault's message is separate: formatFault). */
export function endText(result: RunResult): string {
  const after = formatUptime(result.stats.uptimeMs);
  const cut = result.startCut ? `, during its start: ${startCutText(result.startCut)}, and all of them have exited` : '';
  const why =
    result.reason === 'fault'
      ? `topology '${result.topology}' stopped by a fault after ${after}${cut}`
      : `topology '${result.topology}' stopped (${result.reason === 'duration' ? 'time is up' : 'stopped'}) after ${after}${cut}`;
  const crashes = crashesLine(result.stats);
  const reliability = reliabilityLines(result.stats);
  const dropped = droppedLine(result.untrackedInFlight);
  return [
    why,
    '',
    summaryTable(result.stats),
    ...(crashes || reliability.length > 0 || dropped ? [''] : []),
    ...(crashes ? [crashes] : []),
    ...reliability,
    ...(dropped ? [dropped] : []),
    '',
    `Component logs: ${result.logDir}`,
  ].join('\n');
}

/** `12 of 400 task processes had been started` (a stop that came while the tasks were starting). */
export function startCutText(cut: StartCut): string {
  return `${cut.started} of ${cut.tasks} task processes had been started`;
}

/** What a stop does first: cut the start short, end the run at a fault, or deactivate the spouts and drain. */
export function stoppingLine(info: Parameters<RunEvents['stopping']>[0]): string {
  if (info.startCut) return `stp run: stopping during the start: ${startCutText(info.startCut)}; no more are started, and those are ended now`;
  if (info.reason === 'fault') return 'stp run: stopping (fault)';
  return `stp run: stopping; deactivated spouts, up to ${info.graceMs} ms for in-flight tuples`;
}

/** What the stop dropped without a word from Storm: tuples no tree tracked, still in flight (empty when none). */
export function droppedLine(untrackedInFlight: number): string {
  if (untrackedInFlight === 0) return '';
  const one = untrackedInFlight === 1;
  return (
    `${untrackedInFlight} tuple${one ? '' : 's'} without a message id (no tree tracks ${one ? 'it' : 'them'}) ${one ? 'was' : 'were'} still in flight ` +
    `when the run stopped and ${one ? 'was' : 'were'} dropped, as Storm drops them; emit with an id to have them tracked and replayed`
  );
}

type EventRecord = { [K in keyof RunEvents]: { type: K } & Parameters<RunEvents[K]>[0] }[keyof RunEvents];

/** One JSON line per event, `{"type": "<event>", ...payload}`, for `--json`. */
export function jsonRecord<K extends keyof RunEvents>(type: K, payload: Parameters<RunEvents[K]>[0]): string {
  const record = { type, ...payload } as EventRecord;
  return JSON.stringify(record);
}

// `stp run` off a terminal: plain lines (log lines as they come, a stats block at a steady interval, the
// summary at the end) or, with --json, one JSON record per event. Nothing here erases or redraws.
import { subscribe, type TypedEventEmitter } from '../../lib/events.js';
import type { RunEvents } from '../../lib/local/events.js';
import { crashLine, crashReport, errorLine, jsonRecord, logLine, restartLine, statsLines, stoppingLine, tupleLine } from '../../lib/local/report.js';

export interface Writable {
  write(text: string): unknown;
}

/** Plain lines. Stats are printed every `everyMs` (the engine's stats events are throttled to that). */
export function renderPlain(events: TypedEventEmitter<RunEvents>, out: Writable, options: { debug: boolean; everyMs: number }): () => void {
  let lastStats = 0;
  const onStarted: RunEvents['started'] = (info) =>
    out.write(`stp run: topology '${info.topology}' started with ${info.tasks.length} task(s); component logs in ${info.logDir}\n`);
  const onStats: RunEvents['stats'] = (snapshot) => {
    const now = Date.now();
    if (now - lastStats < options.everyMs - 50) return;
    lastStats = now;
    out.write(`${statsLines(snapshot).join('\n')}\n`);
  };
  const onLog: RunEvents['log'] = (event) => out.write(`${logLine(event)}\n`);
  const onTuple: RunEvents['tuple'] = (event) => out.write(`${tupleLine(event)}\n`);
  const onError: RunEvents['componentError'] = (event) => out.write(`${errorLine(event)}\n`);
  // A crash gets its full report (error with stack, stderr tail); a chaos kill one line.
  const onCrash: RunEvents['taskCrashed'] = (event) => out.write(`${event.cause === 'crash' ? `stp run: ${crashReport(event)}` : crashLine(event)}\n`);
  const onRestart: RunEvents['taskRestarted'] = (event) => out.write(`${restartLine(event)}\n`);
  const onStopping: RunEvents['stopping'] = (info) => out.write(`${stoppingLine(info)}\n`);
  return subscribe(events, {
    started: onStarted,
    stats: onStats,
    log: onLog,
    componentError: onError,
    taskCrashed: onCrash,
    taskRestarted: onRestart,
    stopping: onStopping,
    ...(options.debug && { tuple: onTuple }),
  });
}

/** One JSON record per line: `{"type":"stats",...}`, `{"type":"log",...}`, ... and `{"type":"stopped",...}` last. */
export function renderJson(events: TypedEventEmitter<RunEvents>, out: Writable, options: { debug: boolean }): () => void {
  const listeners: Partial<RunEvents> = {
    started: (p) => out.write(`${jsonRecord('started', p)}\n`),
    stats: (p) => out.write(`${jsonRecord('stats', p)}\n`),
    log: (p) => out.write(`${jsonRecord('log', p)}\n`),
    componentError: (p) => out.write(`${jsonRecord('componentError', p)}\n`),
    taskCrashed: (p) => out.write(`${jsonRecord('taskCrashed', p)}\n`),
    taskRestarted: (p) => out.write(`${jsonRecord('taskRestarted', p)}\n`),
    stopping: (p) => out.write(`${jsonRecord('stopping', p)}\n`),
    stopped: (p) => out.write(`${jsonRecord('stopped', p)}\n`),
    ...(options.debug ? { tuple: (p) => out.write(`${jsonRecord('tuple', p)}\n`) } : {}),
  };
  const names = Object.keys(listeners) as (keyof RunEvents)[];
  for (const name of names) events.on(name, listeners[name]!);
  return () => {
    for (const name of names) events.off(name, listeners[name]!);
  };
}

// The live view of `stp run` on a terminal: per component its tasks, emitted/acked/failed counts, rates and
// latency, then the last log lines. RunView draws a state; RunApp feeds it from a run's events.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { subscribe, type TypedEventEmitter } from '../../lib/events.js';
import type { LogEvent, RunEvents, StatsSnapshot } from '../../lib/local/events.js';
import { crashesLine, crashLine, formatCount, formatLatency, formatRate, formatUptime, errorLine, logLine, reliabilityLines, restartLine, stoppingLine, tupleLine } from '../../lib/local/report.js';

export type RunStatus = 'starting' | 'running' | 'stopping' | 'stopped';

export interface RunViewState {
  readonly topology: string;
  readonly status: RunStatus;
  readonly stats: StatsSnapshot | null;
  /** The last lines to show (log lines, and emitted tuples in debug mode). */
  readonly lines: readonly string[];
  readonly logDir?: string;
}

export interface RunViewProps {
  readonly state: RunViewState;
  /** False under NO_COLOR: no colour and no other styling either, so not one escape code. */
  readonly color: boolean;
  /** How many of the last lines to show. */
  readonly maxLines?: number;
}

const COLUMNS = [
  { title: 'component', width: 16, align: 'left' },
  { title: 'tasks', width: 6, align: 'right' },
  { title: 'emitted', width: 9, align: 'right' },
  { title: 'rate', width: 9, align: 'right' },
  { title: 'acked', width: 9, align: 'right' },
  { title: 'failed', width: 8, align: 'right' },
  { title: 'latency', width: 10, align: 'right' },
  { title: 'restarts', width: 8, align: 'right' },
] as const;

function Row({ cells, bold, color, styled }: { cells: readonly string[]; bold?: boolean; color?: string | undefined; styled: boolean }) {
  return (
    <Box>
      {COLUMNS.map((col, i) => (
        <Box key={col.title} width={col.width + 2} justifyContent={col.align === 'right' ? 'flex-end' : 'flex-start'} paddingRight={2}>
          <Text bold={Boolean(bold && styled)} {...(color && i === 0 ? { color } : {})} wrap="truncate">
            {cells[i] ?? ''}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

export function RunView({ state, color, maxLines = 8 }: RunViewProps) {
  const stats = state.stats;
  const uptime = stats ? formatUptime(stats.uptimeMs) : '0s';
  const statusColor = state.status === 'running' ? 'green' : state.status === 'stopped' ? 'red' : 'yellow';
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold={color}>stp run </Text>
        <Text>{state.topology} </Text>
        <Text {...(color ? { color: statusColor } : {})}>{state.status}</Text>
        <Text> {uptime}</Text>
        {stats ? <Text> · pending trees {formatCount(stats.pendingTrees)}</Text> : null}
      </Box>
      <Row cells={COLUMNS.map((c) => c.title)} bold styled={color} />
      {(stats?.components ?? []).map((c) => (
        <Row
          key={c.component}
          styled={color}
          color={color ? (c.role === 'spout' ? 'cyan' : 'magenta') : undefined}
          cells={[
            c.component,
            String(c.tasks.length),
            formatCount(c.emitted),
            formatRate(c.role === 'spout' ? c.emitRate : c.ackRate),
            formatCount(c.acked),
            formatCount(c.failed),
            formatLatency(c.latencyMs),
            String(c.restarts),
          ]}
        />
      ))}
      {stats && crashesLine(stats) ? <Text>{crashesLine(stats)}</Text> : null}
      {stats ? reliabilityLines(stats).map((line) => <Text key={line.split(':', 1)[0]}>{line}</Text>) : null}
      {state.lines.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {state.lines.slice(-maxLines).map((line, i) => (
            <Text key={i} wrap="truncate" {...(color ? { dimColor: true } : {})}>
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      {state.logDir ? <Text {...(color ? { dimColor: true } : {})}>logs: {state.logDir} · Ctrl-C stops</Text> : null}
    </Box>
  );
}

export interface RunAppProps {
  readonly topology: string;
  readonly events: TypedEventEmitter<RunEvents>;
  readonly color: boolean;
  /** Debug mode: emitted tuples join the last lines. */
  readonly debug?: boolean;
  readonly maxLines?: number;
}

/** Subscribes to a run's events and redraws RunView. */
export function RunApp({ topology, events, color, debug = false, maxLines = 8 }: RunAppProps) {
  const [state, setState] = useState<RunViewState>({ topology, status: 'starting', stats: null, lines: [] });
  useEffect(() => {
    // Log lines can arrive by the thousand: collect them and redraw at most ten times a second.
    let pending: string[] = [];
    const flush = setInterval(() => {
      if (pending.length === 0) return;
      const add = pending;
      pending = [];
      setState((s) => ({ ...s, lines: [...s.lines, ...add].slice(-maxLines) }));
    }, 100);
    const push = (line: string): void => {
      pending.push(line);
      if (pending.length > maxLines) pending = pending.slice(-maxLines);
    };
    const onStarted: RunEvents['started'] = (info) => setState((s) => ({ ...s, status: 'running', logDir: info.logDir }));
    const onStats: RunEvents['stats'] = (stats) => setState((s) => ({ ...s, stats }));
    const onLog: RunEvents['log'] = (event: LogEvent) => push(logLine(event));
    const onTuple: RunEvents['tuple'] = (event) => push(tupleLine(event));
    const onError: RunEvents['componentError'] = (event) => push(errorLine(event));
    const onCrash: RunEvents['taskCrashed'] = (event) => push(crashLine(event));
    const onRestart: RunEvents['taskRestarted'] = (event) => push(restartLine(event));
    const onStopping: RunEvents['stopping'] = (info) => {
      // A stop during the start says how far the start got (the stats table is not up yet).
      if (info.startCut) push(stoppingLine(info));
      setState((s) => ({ ...s, status: 'stopping' }));
    };
    const onStopped: RunEvents['stopped'] = (result) =>
      setState((s) => ({ ...s, status: 'stopped', stats: result.stats, lines: [...s.lines, ...pending].slice(-maxLines) }));
    const unsubscribe = subscribe(events, {
      started: onStarted,
      stats: onStats,
      log: onLog,
      componentError: onError,
      taskCrashed: onCrash,
      taskRestarted: onRestart,
      stopping: onStopping,
      stopped: onStopped,
      ...(debug && { tuple: onTuple }),
    });
    return () => {
      clearInterval(flush);
      unsubscribe();
    };
  }, [events, debug, maxLines]);
  return <RunView state={state} color={color} maxLines={maxLines} />;
}

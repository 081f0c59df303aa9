// The live view of `stp top`: a header, a row per component (rates, latencies, capacity, throughput per report,
// the last error's age), the window the numbers are over and how fresh the workers' last report is, optionally the
// workers, and the selected component's last error. TopView draws a state; TopApp feeds it from a watch's events
// and handles the keys (q quits, s sorts, t window, w workers, e error, ↑/↓ select, a (de)activates after a y/N
// question).
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { subscribe } from '../../lib/events.js';
import { formatLatency } from '../../lib/local/report.js';
import type { StatsWindow } from '../../lib/nimbus/executor-stats.js';
import { nextSort, sortRows, withWindow, type ComponentRow, type SortKey, type TopFrame } from '../../lib/top/frame.js';
import { firstLine, formatAge, formatCapacity, formatPerSec, formatUptimeSecs, mainLatency, nextWindow, reportLine, windowLabel } from '../../lib/top/report.js';
import { sparkline } from '../../lib/top/sparkline.js';
import type { TopEvents, TopWatch } from '../../lib/top/watch.js';

export interface Retry {
  readonly message: string;
  readonly attempt: number;
  readonly retryAt: number;
}

export interface TopViewState {
  readonly frame: TopFrame;
  /** The window rows are shown over (the t key changes it). */
  readonly window: StatsWindow;
  readonly sort: SortKey;
  readonly showWorkers: boolean;
  readonly showError: boolean;
  /** Index of the selected row in the sorted table. */
  readonly selected: number;
  readonly retry: Retry | null;
  /** The y/N question the `a` key asks: whether to activate (true) or deactivate (false) the topology. */
  readonly confirm: { readonly activate: boolean } | null;
  /** What the last action did (or that it failed), shown until the next key. */
  readonly notice: { readonly text: string; readonly error: boolean } | null;
}

export interface TopViewProps {
  readonly state: TopViewState;
  /** The clock (epoch ms), for ages and the countdown. */
  readonly now: number;
  readonly intervalSecs: number;
  /** False under NO_COLOR: not one escape code; highlights still show as marks. */
  readonly color: boolean;
}

const SPARK_WIDTH = 10;

type Align = 'left' | 'right';
interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: Align;
}

// 99 characters in all: the view fits a 100-column terminal.
const COLUMNS: readonly Column[] = [
  { title: 'COMPONENT', width: 13, align: 'left' },
  { title: 'EX/TSK', width: 6, align: 'right' },
  { title: 'EMIT/S', width: 7, align: 'right' },
  { title: 'XFER/S', width: 7, align: 'right' },
  { title: 'ACK/S', width: 7, align: 'right' },
  { title: 'FAIL/S', width: 7, align: 'right' },
  { title: 'LAT', width: 8, align: 'right' },
  { title: 'PROC', width: 8, align: 'right' },
  // Room for "12.345!": a capacity over 1 happens (Storm's sampling), and the mark must not be cut off.
  { title: 'CAP', width: 7, align: 'right' },
  // Throughput between successive reports of the workers (one bar a report).
  { title: 'PER REPORT', width: SPARK_WIDTH, align: 'left' },
  { title: 'ERROR', width: 8, align: 'left' },
];

interface Cell {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
}

function Row({ cells, color, inverse }: { cells: readonly Cell[]; color: boolean; inverse?: boolean }) {
  return (
    <Box>
      {COLUMNS.map((column, i) => {
        const cell = cells[i] ?? { text: '' };
        return (
          <Box key={column.title} width={column.width + 1} justifyContent={column.align === 'right' ? 'flex-end' : 'flex-start'} paddingRight={1}>
            <Text wrap="truncate" bold={color && Boolean(cell.bold)} inverse={color && Boolean(inverse) && i === 0} {...(color && cell.color ? { color: cell.color } : {})}>
              {cell.text}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

/** A row's cells; highlighted cells carry a mark ("!", "new") as well as a colour, so they show without colour. */
function cellsOf(row: ComponentRow, selected: boolean): Cell[] {
  const error = row.lastError;
  return [
    { text: `${selected ? '›' : ' '}${row.id}`, color: row.kind === 'spout' ? 'cyan' : 'magenta' },
    { text: `${row.executors}/${row.tasks}` },
    { text: formatPerSec(row.emittedPerSec) },
    { text: formatPerSec(row.transferredPerSec) },
    { text: formatPerSec(row.ackedPerSec) },
    row.failing ? { text: `${formatPerSec(row.failedPerSec)}!`, color: 'red', bold: true } : { text: formatPerSec(row.failedPerSec) },
    { text: formatLatency(mainLatency(row)) },
    { text: row.kind === 'bolt' ? formatLatency(row.processLatencyMs) : '-' },
    row.busy ? { text: `${formatCapacity(row.capacity)}!`, color: 'red', bold: true } : { text: formatCapacity(row.capacity) },
    { text: sparkline(row.history, SPARK_WIDTH), color: 'green' },
    error ? { text: `${error.isNew ? 'new ' : ''}${formatAge(error.ageSecs)}`, color: error.isNew ? 'yellow' : 'gray', bold: error.isNew } : { text: '' },
  ];
}

/** What the `a` key would ask for a topology in this status: only an active or inactive one can be switched. */
function switchFor(status: string): NonNullable<TopViewState['confirm']> | null {
  if (status === 'ACTIVE') return { activate: false };
  if (status === 'INACTIVE') return { activate: true };
  return null;
}

/** The `a` key's entry in the key line. */
function switchHint(status: string): string {
  const question = switchFor(status);
  return question ? ` · a ${question.activate ? 'activate' : 'deactivate'}` : '';
}

export function TopView({ state, now, intervalSecs, color }: TopViewProps) {
  const frame = withWindow(state.frame, state.window);
  const s = frame.snapshot;
  const rows = sortRows(frame.components, state.sort);
  const selected = rows[Math.min(state.selected, rows.length - 1)];
  const dim = color ? { dimColor: true } : {};
  const statusColor = s.status === 'ACTIVE' ? 'green' : s.status === 'KILLED' ? 'red' : 'yellow';
  const answered = Math.max(0, Math.round((now - s.atMs) / 1000));
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold={color}>stp top </Text>
        <Text>{s.name} </Text>
        <Text {...(color ? { color: statusColor } : {})}>{s.status}</Text>
        <Text>
          {' '}up {formatUptimeSecs(s.uptimeSecs)} · workers {frame.workers}
          {s.slotsTotal > 0 ? ` · slots ${s.slotsUsed}/${s.slotsTotal}` : ''} · Storm {s.stormVersion ?? '?'}
        </Text>
      </Box>
      <Text {...dim}>
        {s.id} · answered {answered}s ago · every {intervalSecs} s · sort: {state.sort}
      </Text>
      <Text>
        rates over {windowLabel(frame.window)} · {reportLine(frame, now)}
      </Text>
      {state.retry ? (
        // The countdown first: a long message wraps, the countdown must stay in sight.
        <Text {...(color ? { color: 'yellow' } : {})}>
          retrying in {Math.max(0, Math.ceil((state.retry.retryAt - now) / 1000))} s (attempt {state.retry.attempt}): connection lost: {state.retry.message}
        </Text>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Row color={color} cells={COLUMNS.map((c) => ({ text: c.title, bold: true }))} />
        {rows.map((row) => (
          <Row key={row.id} color={color} inverse={row === selected} cells={cellsOf(row, row === selected)} />
        ))}
      </Box>
      {state.showWorkers ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold={color}>WORKER                 UPTIME       EXECUTORS  REPORTED  COMPONENTS</Text>
          {frame.workerRows.map((w) => (
            <Text key={`${w.host}:${w.port}`} wrap="truncate">
              {`${w.host}:${w.port}`.padEnd(22)} {formatUptimeSecs(w.uptimeSecs).padEnd(12)} {String(w.executors).padStart(9)}{' '}
              {(w.reportSeenAtMs === null ? '?' : `${formatAge((now - w.reportSeenAtMs) / 1000)} ago`).padStart(9)}  {w.components.join(', ')}
            </Text>
          ))}
        </Box>
      ) : null}
      {selected?.lastError ? (
        <Box marginTop={1} flexDirection="column">
          <Text {...(color && selected.lastError.isNew ? { color: 'yellow' } : {})} wrap="truncate">
            last error of {selected.id}, {formatAge(selected.lastError.ageSecs)} ago
            {selected.lastError.host ? ` on ${selected.lastError.host}${selected.lastError.port ? `:${selected.lastError.port}` : ''}` : ''}:{' '}
            {state.showError ? '' : firstLine(selected.lastError.message)}
          </Text>
          {state.showError ? <Text>{selected.lastError.message}</Text> : null}
        </Box>
      ) : null}
      {state.confirm ? (
        <Text bold={color} {...(color ? { color: 'yellow' } : {})}>
          {state.confirm.activate
            ? `Activate "${s.name}"? Its spouts start emitting again. y/N`
            : `Deactivate "${s.name}"? Its spouts stop emitting; it stays deployed. y/N`}
        </Text>
      ) : null}
      {state.notice ? <Text {...(color ? { color: state.notice.error ? 'red' : 'green' } : {})}>{state.notice.text}</Text> : null}
      <Text {...dim}>
        q quit · s sort · t window · w workers · e full error · ↑/↓ select{switchHint(s.status)}
      </Text>
    </Box>
  );
}

export interface TopAppProps {
  readonly watch: TopWatch;
  readonly intervalSecs: number;
  readonly color: boolean;
  readonly onQuit: () => void;
  /** Whether stdin is a terminal that can send keys (raw mode); without one the view only shows. @default true */
  readonly keys?: boolean;
  /** The clock; tests give their own. */
  readonly clock?: () => number;
}

/**
 * Subscribes to a watch and redraws TopView. While answers come in time, a redraw per answer is all it takes;
 * a one-second tick (the countdown, the age of a late answer) runs only while the connection is lost or the
 * answer is late, so a healthy view costs one redraw per interval.
 */
export function TopApp({ watch, intervalSecs, color, onQuit, keys = true, clock = Date.now }: TopAppProps) {
  const [state, setState] = useState<TopViewState>({
    frame: watch.first,
    window: watch.first.window,
    sort: 'name',
    showWorkers: false,
    showError: false,
    selected: 0,
    retry: null,
    confirm: null,
    notice: null,
  });
  const [now, setNow] = useState(clock());
  // What the tick needs to know, without redrawing to find out.
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    const tick = setInterval(() => {
      const at = clock();
      const { retry, frame } = latest.current;
      // Late: no answer for an interval and a second more.
      if (retry || at - frame.snapshot.atMs > intervalSecs * 1000 + 1000) setNow(at);
    }, 1000);
    const onFrame: TopEvents['frame'] = (frame) => {
      setState((s) => ({ ...s, frame, retry: null }));
      setNow(clock());
    };
    const onRetrying: TopEvents['retrying'] = (retry) => setState((s) => ({ ...s, retry }));
    const onReconnected: TopEvents['reconnected'] = () => setState((s) => ({ ...s, retry: null }));
    const unsubscribe = subscribe(watch.events, { frame: onFrame, retrying: onRetrying, reconnected: onReconnected });
    return () => {
      clearInterval(tick);
      unsubscribe();
    };
  }, [watch, clock, intervalSecs]);
  // The question lives in a ref too: a "y" typed before the question's render commits still answers it.
  const asking = useRef<TopViewState['confirm']>(null);
  const switchActive = (activate: boolean): void => {
    const name = `"${watch.name}"`;
    const [doing, done] = activate ? ['Activating', 'Activated'] : ['Deactivating', 'Deactivated'];
    const show = (text: string, error: boolean) => setState((s) => ({ ...s, notice: { text, error } }));
    show(`${doing} ${name}...`, false);
    watch.setActive(activate).then(
      () => show(`✓ ${done} ${name}.`, false),
      (error: unknown) => show(`${doing} ${name} failed: ${error instanceof Error ? error.message : String(error)}`, true),
    );
  };
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onQuit();
    // A question waits: y answers it, any other key (q included) only cancels it.
    const confirm = asking.current;
    if (confirm) {
      asking.current = null;
      if (input === 'y' || input === 'Y') {
        setState((s) => ({ ...s, confirm: null }));
        switchActive(confirm.activate);
      } else setState((s) => ({ ...s, confirm: null, notice: { text: 'Cancelled: nothing was changed.', error: false } }));
      return;
    }
    if (latest.current.notice) setState((s) => ({ ...s, notice: null }));
    if (input === 'q') onQuit();
    else if (input === 'a') {
      const status = latest.current.frame.snapshot.status;
      const question = switchFor(status);
      if (question) {
        asking.current = question;
        setState((s) => ({ ...s, confirm: question }));
      } else setState((s) => ({ ...s, notice: { text: `"${watch.name}" is ${status}: only an active or inactive topology can be switched.`, error: true } }));
    } else if (input === 's') setState((s) => ({ ...s, sort: nextSort(s.sort), selected: 0 }));
    else if (input === 't') setState((s) => ({ ...s, window: nextWindow(s.window) }));
    else if (input === 'w') setState((s) => ({ ...s, showWorkers: !s.showWorkers }));
    else if (input === 'e') setState((s) => ({ ...s, showError: !s.showError }));
    else if (key.downArrow) setState((s) => ({ ...s, selected: Math.min(s.selected + 1, s.frame.components.length - 1) }));
    else if (key.upArrow) setState((s) => ({ ...s, selected: Math.max(0, s.selected - 1) }));
  }, { isActive: keys });
  return <TopView state={state} now={now} intervalSecs={intervalSecs} color={color} />;
}

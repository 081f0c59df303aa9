// The pure part of `stp top`: rates, latencies and capacity over Storm's windows as the Storm UI computes them,
// steady between the workers' reports; the reports seen, the sparkline, errors, workers and sorting.
import { executorCounters, WINDOWS, type ExecutorCounters, type StatsWindow } from '../../lib/nimbus/executor-stats.js';
import { boltStats, storm } from '../../lib/nimbus/generated.js';
import { HISTORY_REPORTS, nextFrame, nextSort, sortRows, withWindow, type TopFrame } from '../../lib/top/frame.js';
import { nextWindow, parseWindow, reportLine, windowLabel } from '../../lib/top/report.js';
import type { ExecutorReport, TopSnapshot } from '../../lib/top/snapshot.js';
import { sparkline } from '../../lib/top/sparkline.js';

type Counts = Partial<Omit<ExecutorCounters, 'component' | 'kind' | 'taskStart' | 'taskEnd'>>;

/**
 * An executor as its worker last reported it: `counts` all time (with its uptime, host...), and per window what
 * `windows` says; a window not given counted as much as all time (a worker up for less than that window).
 */
const executor = (component: string, kind: 'spout' | 'bolt', taskStart: number, counts: Counts = {}, windows: Partial<Record<StatsWindow, Counts>> = {}): ExecutorReport => {
  const base: ExecutorCounters = {
    component,
    kind,
    taskStart,
    taskEnd: taskStart,
    host: 'w1',
    port: 6700,
    uptimeSecs: 100,
    emitted: 0,
    transferred: 0,
    acked: 0,
    failed: 0,
    executed: 0,
    completeMsTotal: 0,
    executeMsTotal: 0,
    processMsTotal: 0,
    ...counts,
  };
  return { ...base, windows: Object.fromEntries(WINDOWS.map((w) => [w, { ...base, ...windows[w] }])) as Record<StatsWindow, ExecutorCounters> };
};

const snapshot = (atMs: number, executors: ExecutorReport[], errors: TopSnapshot['errors'] = {}): TopSnapshot => ({
  atMs,
  id: 'wc-1-1700000000',
  name: 'wc',
  status: 'ACTIVE',
  uptimeSecs: 100,
  stormVersion: '2.6.0',
  executors,
  errors,
  slotsTotal: 4,
  slotsUsed: 1,
});

describe('nextFrame', () => {
  it('has rates, latencies and capacity over the window from the first answer, as Storm UI computes them', () => {
    // Up 1000 s: the 10-minute window covers 600 s of it, all time 1000 s.
    const words = executor('words', 'spout', 1, { uptimeSecs: 1000, emitted: 90_000, transferred: 90_000, acked: 89_000, failed: 10, completeMsTotal: 89_000 * 20 }, {
      '600': { emitted: 60_000, transferred: 60_000, acked: 59_400, failed: 6, completeMsTotal: 59_400 * 10 },
    });
    // Executor 2 spent 540 s of the last 600 executing (capacity 0.9), executor 3 60 s.
    const count2 = executor('count', 'bolt', 2, { uptimeSecs: 1000, executed: 500_000, executeMsTotal: 600_000, processMsTotal: 700_000 }, { '600': { executed: 270_000, executeMsTotal: 540_000, processMsTotal: 810_000 } });
    const count3 = executor('count', 'bolt', 3, { uptimeSecs: 1000, host: 'w2', executed: 50_000, executeMsTotal: 100_000, processMsTotal: 150_000 }, { '600': { executed: 30_000, executeMsTotal: 60_000, processMsTotal: 90_000 } });
    const frame = nextFrame(undefined, snapshot(0, [words, count2, count3, executor('__acker', 'bolt', 4, { executed: 5 })]));
    expect(frame.window).toBe('600');
    expect(frame.intervalSecs).toBeNull();
    expect(frame.components.map((c) => c.id)).toEqual(['words', 'count']);
    const [spout, bolt] = frame.components;
    expect(spout).toMatchObject({ emittedPerSec: 100, transferredPerSec: 100, ackedPerSec: 99, failedPerSec: 0.01, completeLatencyMs: 10, capacity: null, failing: true, history: [] });
    expect(bolt).toMatchObject({ executors: 2, tasks: 2, executedPerSec: 500, executeLatencyMs: 2, processLatencyMs: 3, busy: true, failing: false });
    expect(bolt!.capacity).toBeCloseTo(0.9);
    // All time: over each executor's uptime.
    const allTime = withWindow(frame, ':all-time');
    expect(allTime.components[0]).toMatchObject({ emittedPerSec: 90, completeLatencyMs: 20 });
    expect(allTime.components[1]).toMatchObject({ executedPerSec: 550, executeLatencyMs: 700_000 / 550_000 });
    expect(allTime.components[1]!.capacity).toBeCloseTo(0.6);
    expect(frame.workers).toBe(2);
    expect(frame.workerRows).toEqual([
      { host: 'w1', port: 6700, uptimeSecs: 100, executors: 3, components: ['count', 'words'], reportSeenAtMs: null },
      { host: 'w2', port: 6700, uptimeSecs: 1000, executors: 1, components: ['count'], reportSeenAtMs: null },
    ]);
  });

  it('keeps the same rates while Nimbus holds the same report, however often it is asked', () => {
    const report = (uptimeSecs: number, emitted: number) => [executor('words', 'spout', 1, { uptimeSecs, emitted }, { '600': { emitted: 600 * 50 } })];
    let frame = nextFrame(undefined, snapshot(0, report(3600, 180_000)));
    const rates: (number | null)[] = [];
    // Asked every 5 s; the worker reports every 60 s (Storm's executor.metrics.frequency.secs).
    for (let t = 5; t <= 180; t += 5) {
      frame = nextFrame(frame, snapshot(t * 1000, report(3600 + Math.floor(t / 60) * 60, 180_000 + Math.floor(t / 60) * 3000)));
      rates.push(frame.components[0]!.emittedPerSec);
    }
    expect(new Set(rates)).toEqual(new Set([50]));
    // The reports: seen at 60, 120 and 180 s, one a minute; the sparkline has a bar per report.
    expect(frame.reports).toEqual({ lastSeenAtMs: 180_000, firstAnswerAtMs: 0, everySecs: 60 });
    expect(frame.components[0]!.history).toEqual([50, 50, 50]);
    expect(frame.workerRows[0]!.reportSeenAtMs).toBe(180_000);
  });

  it('draws a bar per report from the counts between reports, and counts a restarted worker from zero', () => {
    let frame: TopFrame = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { uptimeSecs: 100, emitted: 5000 })]));
    for (let i = 1; i <= 12; i++) frame = nextFrame(frame, snapshot(i * 2000, [executor('words', 'spout', 1, { uptimeSecs: 100 + i * 2, emitted: 5000 + i * 20 })]));
    expect(frame.components[0]!.history).toEqual(Array.from({ length: HISTORY_REPORTS }, () => 10));
    // The worker died and came back: its counters and uptime start again.
    frame = nextFrame(frame, snapshot(26_000, [executor('words', 'spout', 1, { uptimeSecs: 2, emitted: 30 })]));
    expect(frame.components[0]!.history.at(-1)).toBe(15);
    expect(frame.components[0]!.emittedPerSec).toBe(15);
  });

  it('has no rates before an executor has reported stats', () => {
    const frame = nextFrame(undefined, snapshot(0, [{ ...executor('words', 'spout', 1, { uptimeSecs: 0 }), kind: undefined }]));
    expect(frame.components[0]).toMatchObject({ emittedPerSec: null, ackedPerSec: null, completeLatencyMs: null, capacity: null });
  });

  it('starts over when the topology was resubmitted under the same name', () => {
    const first = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { emitted: 5000 })]));
    const again = nextFrame(first, { ...snapshot(2000, [executor('words', 'spout', 1, { emitted: 10, uptimeSecs: 5 })]), id: 'wc-2-1700000100' });
    expect(again.intervalSecs).toBeNull();
    expect(again.reports.firstAnswerAtMs).toBe(2000);
    expect(again.components[0]!.emittedPerSec).toBe(2);
  });

  it('reports the last error with its age, new when it came after the previous answer', () => {
    const old = { message: 'java.lang.RuntimeException: first\n\tat x', timeSecs: 1000, host: 'w1', port: 6700 };
    const first = nextFrame(undefined, snapshot(1_010_000, [executor('count', 'bolt', 1)], { count: [old] }));
    expect(first.components[0]!.lastError).toEqual({ ...old, ageSecs: 10, isNew: false });
    const same = nextFrame(first, snapshot(1_012_000, [executor('count', 'bolt', 1)], { count: [old] }));
    expect(same.components[0]!.lastError).toMatchObject({ ageSecs: 12, isNew: false });
    const newer = { message: 'boom', timeSecs: 1011 };
    const next = nextFrame(same, snapshot(1_014_000, [executor('count', 'bolt', 1)], { count: [old, newer] }));
    expect(next.components[0]!.lastError).toEqual({ ...newer, ageSecs: 3, isNew: true });
    // Another window keeps the errors as they were.
    expect(withWindow(next, '10800').components[0]!.lastError).toEqual({ ...newer, ageSecs: 3, isNew: true });
  });

  it('sorts by throughput, capacity and failures; s cycles the keys', () => {
    const frame = nextFrame(undefined, snapshot(0, [
      executor('a', 'bolt', 1, { executed: 1000, executeMsTotal: 90_000, failed: 100 }),
      executor('b', 'bolt', 2, { executed: 10_000, executeMsTotal: 10_000 }),
      executor('s', 'spout', 3, { emitted: 5000, failed: 500 }),
    ]));
    expect(frame.components.map((c) => c.id)).toEqual(['s', 'a', 'b']);
    expect(sortRows(frame.components, 'throughput').map((c) => c.id)).toEqual(['b', 's', 'a']);
    expect(sortRows(frame.components, 'capacity').map((c) => c.id)).toEqual(['a', 'b', 's']);
    expect(sortRows(frame.components, 'failed').map((c) => c.id)).toEqual(['s', 'a', 'b']);
    expect([nextSort('name'), nextSort('throughput'), nextSort('capacity'), nextSort('failed')]).toEqual(['throughput', 'capacity', 'failed', 'name']);
  });
});

describe('windows and report ages', () => {
  it('names the windows, cycles them, parses --window, and says how fresh the numbers are', () => {
    expect(WINDOWS.map(windowLabel)).toEqual(['the last 10 min', 'the last 3 h', 'the last day', 'all time']);
    expect(WINDOWS.map(nextWindow)).toEqual(['10800', '86400', ':all-time', '600']);
    expect(['10m', '3h', '1d', 'all', '600', ':all-time', '5m'].map(parseWindow)).toEqual(['600', '10800', '86400', ':all-time', '600', ':all-time', undefined]);
    const first = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { uptimeSecs: 100 })]));
    expect(reportLine(first, 8000)).toBe('workers reported >8s ago');
    const seen = nextFrame(first, snapshot(5000, [executor('words', 'spout', 1, { uptimeSecs: 160 })]));
    expect(reportLine(seen, 17_000)).toBe('workers reported 12s ago, every ~1m');
  });
});

describe('sparkline', () => {
  it('scales to the peak and pads on the left', () => {
    expect(sparkline([0, 5, 10], 5)).toBe('  ▁▅█');
    expect(sparkline([0, 0], 2)).toBe('▁▁');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▆█');
  });
});

describe('executorCounters', () => {
  it('sums the user streams of one window and weights averages by their counts', () => {
    const windows = <T,>(value: T) => ({ ':all-time': value, '600': value });
    const input = (componentId: string, streamId: string) => new storm.GlobalStreamId({ componentId, streamId });
    const byInput = (a: number, b: number, tick: number) =>
      windows(new Map([[input('split', 'default'), a], [input('split', 'other'), b], [input('__system', '__tick'), tick]]));
    const summary = new storm.ExecutorSummary({
      executor_info: new storm.ExecutorInfo({ task_start: 3, task_end: 4 }),
      component_id: 'count',
      host: 'w1',
      port: 6701,
      uptime_secs: 9,
      stats: new storm.ExecutorStats({
        emitted: windows({ default: 10, __ack_ack: 99 }),
        transferred: windows({ default: 10 }),
        rate: 20,
        specific: new storm.ExecutorSpecificStats({
          bolt: boltStats({
            acked: new Map(Object.entries(byInput(30, 10, 5))),
            failed: new Map(Object.entries(byInput(1, 0, 0))),
            executed: new Map(Object.entries(byInput(30, 10, 5))),
            execute_ms_avg: new Map(Object.entries(byInput(1, 3, 100))),
            process_ms_avg: new Map(Object.entries(byInput(2, 2, 100))),
          }),
        }),
      } as unknown as ConstructorParameters<typeof storm.ExecutorStats>[0]),
    });
    expect(executorCounters(summary)).toEqual({
      component: 'count',
      kind: 'bolt',
      taskStart: 3,
      taskEnd: 4,
      host: 'w1',
      port: 6701,
      uptimeSecs: 9,
      emitted: 10,
      transferred: 10,
      acked: 40,
      failed: 1,
      executed: 40,
      completeMsTotal: 0,
      executeMsTotal: 30 * 1 + 10 * 3,
      processMsTotal: 80,
    });
  });
});

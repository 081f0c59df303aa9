// The pure part of `stp top`: rates from differences of all-time counters, capacity as the Storm UI computes
// it, latencies, errors, workers, sorting and the sparkline.
import type { ExecutorCounters } from '../../lib/nimbus/executor-stats.js';
import { executorCounters } from '../../lib/nimbus/executor-stats.js';
import { boltStats, storm } from '../../lib/nimbus/generated.js';
import { nextFrame, nextSort, sortRows, type TopFrame } from '../../lib/top/frame.js';
import type { TopSnapshot } from '../../lib/top/snapshot.js';
import { sparkline } from '../../lib/top/sparkline.js';

const executor = (component: string, kind: 'spout' | 'bolt', taskStart: number, counters: Partial<ExecutorCounters> = {}): ExecutorCounters => ({
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
  ...counters,
});

const snapshot = (atMs: number, executors: ExecutorCounters[], errors: TopSnapshot['errors'] = {}): TopSnapshot => ({
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
  it('has no rates or capacity at first, and all-time latencies', () => {
    const frame = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { emitted: 1000, acked: 100, completeMsTotal: 500 }), executor('count', 'bolt', 2, { executed: 10, executeMsTotal: 20, processMsTotal: 40 })]));
    const [words, count] = frame.components;
    expect(frame.intervalSecs).toBeNull();
    expect(words).toMatchObject({ id: 'words', kind: 'spout', emittedPerSec: null, completeLatencyMs: 5, capacity: null, history: [] });
    expect(count).toMatchObject({ id: 'count', kind: 'bolt', executedPerSec: null, executeLatencyMs: 2, processLatencyMs: 4, capacity: null, busy: false });
  });

  it('computes rates, interval latencies and capacity from two snapshots', () => {
    const first = nextFrame(undefined, snapshot(0, [
      executor('words', 'spout', 1, { emitted: 1000, transferred: 1000, acked: 900, completeMsTotal: 900 * 10 }),
      executor('count', 'bolt', 2, { executed: 1000, executeMsTotal: 1000 * 1, processMsTotal: 1000 * 2 }),
      executor('count', 'bolt', 3, { host: 'w2', executed: 1000, executeMsTotal: 1000, processMsTotal: 2000 }),
      executor('__acker', 'bolt', 4, { executed: 5 }),
    ]));
    // 2 s later: words emitted 400 more; count's executor 2 executed 900 tuples of 2 ms (1.8 s of 2 s: 0.9).
    const second = nextFrame(first, snapshot(2000, [
      executor('words', 'spout', 1, { emitted: 1400, transferred: 1400, acked: 1300, failed: 4, completeMsTotal: 900 * 10 + 400 * 20 }),
      executor('count', 'bolt', 2, { executed: 1900, executeMsTotal: 1000 + 900 * 2, processMsTotal: 2000 + 900 * 3 }),
      executor('count', 'bolt', 3, { host: 'w2', executed: 1100, executeMsTotal: 1000 + 100 * 2, processMsTotal: 2000 + 100 * 3 }),
      executor('__acker', 'bolt', 4, { executed: 50 }),
    ]));
    expect(second.intervalSecs).toBe(2);
    expect(second.components.map((c) => c.id)).toEqual(['words', 'count']);
    const [words, count] = second.components;
    expect(words).toMatchObject({ emittedPerSec: 200, transferredPerSec: 200, ackedPerSec: 200, failedPerSec: 2, completeLatencyMs: 20, failing: true, history: [200] });
    expect(count).toMatchObject({ executors: 2, tasks: 2, executedPerSec: 500, executeLatencyMs: 2, processLatencyMs: 3, busy: true, failing: false });
    expect(count!.capacity).toBeCloseTo(0.9);
    expect(second.workers).toBe(2);
    expect(second.workerRows).toEqual([
      { host: 'w1', port: 6700, uptimeSecs: 100, executors: 3, components: ['count', 'words'] },
      { host: 'w2', port: 6700, uptimeSecs: 100, executors: 1, components: ['count'] },
    ]);
  });

  it('counts a restarted executor from zero and keeps a minute of history', () => {
    let frame: TopFrame = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { emitted: 5000 })]));
    for (let i = 1; i <= 40; i++) frame = nextFrame(frame, snapshot(i * 2000, [executor('words', 'spout', 1, { emitted: 5000 + i * 20 })]));
    expect(frame.components[0]!.history).toHaveLength(30);
    expect(frame.components[0]!.emittedPerSec).toBe(10);
    // The worker died and came back: its counters start again.
    frame = nextFrame(frame, snapshot(82_000, [executor('words', 'spout', 1, { emitted: 30, uptimeSecs: 1 })]));
    expect(frame.components[0]!.emittedPerSec).toBe(15);
  });

  it('starts over when the topology was resubmitted under the same name', () => {
    const first = nextFrame(undefined, snapshot(0, [executor('words', 'spout', 1, { emitted: 5000 })]));
    const again = nextFrame(first, { ...snapshot(2000, [executor('words', 'spout', 1, { emitted: 10 })]), id: 'wc-2-1700000100' });
    expect(again.intervalSecs).toBeNull();
    expect(again.components[0]!.emittedPerSec).toBeNull();
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
  });

  it('sorts by throughput, capacity and failures; s cycles the keys', () => {
    const first = nextFrame(undefined, snapshot(0, [executor('a', 'bolt', 1), executor('b', 'bolt', 2), executor('s', 'spout', 3)]));
    const second = nextFrame(first, snapshot(1000, [
      executor('a', 'bolt', 1, { executed: 10, executeMsTotal: 900, failed: 1 }),
      executor('b', 'bolt', 2, { executed: 100, executeMsTotal: 100 }),
      executor('s', 'spout', 3, { emitted: 50, failed: 5 }),
    ]));
    expect(second.components.map((c) => c.id)).toEqual(['s', 'a', 'b']);
    expect(sortRows(second.components, 'throughput').map((c) => c.id)).toEqual(['b', 's', 'a']);
    expect(sortRows(second.components, 'capacity').map((c) => c.id)).toEqual(['a', 'b', 's']);
    expect(sortRows(second.components, 'failed').map((c) => c.id)).toEqual(['s', 'a', 'b']);
    expect([nextSort('name'), nextSort('throughput'), nextSort('capacity'), nextSort('failed')]).toEqual(['throughput', 'capacity', 'failed', 'name']);
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

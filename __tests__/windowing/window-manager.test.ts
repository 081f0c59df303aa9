// The window manager against Storm's WindowManager written out as Storm writes it (one queue of event objects,
// expired ones removed in place by the scan's iterator, new events told apart by the previous window's set), on
// the same policies, for every window kind: thousands of events (event time out of order within the lag,
// watermarks, timers, failed tuples removed), and the windows and expiries must be the same, in the same order.
import type { EvictionPolicy } from '../../lib/windowing/eviction.js';
import type { EventQueries, StartTimer, TriggerHandler, TriggerPolicy } from '../../lib/windowing/triggers.js';
import { WindowManager, type BuiltWindow, type WindowListener } from '../../lib/windowing/window-manager.js';
import { windowConfig } from '../../lib/windowing/window-spec.js';
import { windowPolicies } from '../../lib/windowing/windows.js';

interface StormEvent {
  readonly item: number;
  readonly ts: number;
}

/** Storm's WindowManager (add, compactWindow, scanEvents, onTrigger), with a plain array for its queue. */
class StormWindowManager implements TriggerHandler, EventQueries {
  queue: StormEvent[] = [];
  expiredEvents: number[] = [];
  prevWindowEvents = new Set<StormEvent>();
  eventsSinceLastExpiry = 0;
  eviction!: EvictionPolicy;
  trigger!: TriggerPolicy;

  constructor(private readonly listener: WindowListener<number>) {}

  add(item: number, ts: number): void {
    this.queue.push({ item, ts });
    this.eviction.track();
    this.trigger.track();
    this.compactWindow();
  }

  watermark(ts: number): void {
    this.trigger.watermark(ts);
    this.compactWindow();
  }

  remove(drop: (item: number) => boolean): void {
    this.queue = this.queue.filter((e) => !drop(e.item));
  }

  compactWindow(): void {
    if (++this.eventsSinceLastExpiry >= 100) this.scanEvents(false);
  }

  scanEvents(fullScan: boolean): StormEvent[] {
    const eventsToExpire: number[] = [];
    const eventsToProcess: StormEvent[] = [];
    for (let i = 0; i < this.queue.length; i++) {
      const event = this.queue[i]!;
      const action = this.eviction.evict(event.ts);
      if (action === 'expire') {
        eventsToExpire.push(event.item);
        this.queue.splice(i--, 1);
      } else if (!fullScan || action === 'stop') {
        break;
      } else if (action === 'process') {
        eventsToProcess.push(event);
      }
    }
    this.expiredEvents.push(...eventsToExpire);
    this.eventsSinceLastExpiry = 0;
    if (eventsToExpire.length > 0) this.listener.onExpiry(eventsToExpire);
    return eventsToProcess;
  }

  onTrigger(): boolean {
    const windowEvents = this.scanEvents(true);
    const expired = [...this.expiredEvents];
    this.expiredEvents = [];
    const events: number[] = [];
    const newEvents: number[] = [];
    for (const event of windowEvents) {
      events.push(event.item);
      if (!this.prevWindowEvents.has(event)) newEvents.push(event.item);
    }
    this.prevWindowEvents.clear();
    if (events.length > 0) {
      for (const event of windowEvents) this.prevWindowEvents.add(event);
      this.listener.onActivation({ items: events, newItems: newEvents, expiredItems: expired, end: this.eviction.context?.referenceTime ?? 0 });
    }
    this.trigger.reset();
    return events.length > 0;
  }

  eventCount(ts: number): number {
    return this.queue.filter((e) => e.ts <= ts).length;
  }

  earliestTs(startTs: number, endTs: number): number {
    return Math.min(Infinity, ...this.queue.filter((e) => e.ts > startTs && e.ts <= endTs).map((e) => e.ts));
  }

  slidingCountTimestamps(startTs: number, endTs: number, slide: number): number[] {
    const found: number[] = [];
    let count = 0;
    let max = -Infinity;
    for (const e of this.queue) {
      if (e.ts > startTs && e.ts <= endTs) {
        max = Math.max(max, e.ts);
        if (++count % slide === 0) found.push(max);
      }
    }
    return found;
  }
}

type Manager = WindowManager<number> | StormWindowManager;

/** Everything a manager told its listener, in order. */
function recording(): { record: unknown[]; listener: WindowListener<number> } {
  const record: unknown[] = [];
  return {
    record,
    listener: {
      onExpiry: (items) => record.push(['expired', [...items]]),
      onActivation: (w: BuiltWindow<number>) => record.push(['window', [...w.items], [...w.newItems], [...w.expiredItems], w.end]),
    },
  };
}

/** A small deterministic random source (xorshift), so a failure replays. */
function random(seed: number): (below: number) => number {
  let x = seed;
  return (below) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % below;
  };
}

const kinds: [string, unknown][] = [
  ['count 7 / count 3', { length: { count: 7 }, slide: { count: 3 } }],
  ['count 7 / 50 ms', { length: { count: 7 }, slide: { ms: 50 } }],
  ['200 ms / count 5', { length: { ms: 200 }, slide: { count: 5 } }],
  ['200 ms / 50 ms', { length: { ms: 200 }, slide: { ms: 50 } }],
  ['tumbling count 4', { tumbling: { count: 4 } }],
  ['tumbling 100 ms', { tumbling: { ms: 100 } }],
];
const EVENTS = 3000;
const LAG = 40;

/** Feeds both managers the same events (times, watermarks, timers, removals) and returns what each reported. */
function run(declaration: unknown, eventTime: boolean, seed: number): [unknown[], unknown[]] {
  const window = eventTime ? { ...(declaration as object), timestampField: 'ts', lag: { ms: LAG } } : declaration;
  const config = windowConfig(window, 'test', ['n', 'ts']);
  let now = 0;
  const timers: { due: number; every: number; fire: () => void }[] = [];
  const startTimer: StartTimer = (every, fire) => {
    timers.push({ due: now + every, every, fire });
    return () => {};
  };
  const ours = recording();
  const storms = recording();
  const managers: Manager[] = [new WindowManager<number>(ours.listener), new StormWindowManager(storms.listener)];
  for (const manager of managers) {
    const { eviction, trigger } = windowPolicies(config, manager, () => now, startTimer);
    manager.eviction = eviction;
    manager.trigger = trigger;
    trigger.start();
  }
  const next = random(seed);
  let watermark = 0;
  let newest = 0;
  for (let i = 0; i < EVENTS; i++) {
    if (eventTime) {
      const ts = i * 10 + next(2 * LAG);
      if (ts < watermark) continue; // late: the watermark generator keeps it out of the windows
      newest = Math.max(newest, ts);
      for (const manager of managers) manager.add(i, ts);
      if (next(8) === 0 && newest - LAG > watermark) {
        watermark = newest - LAG;
        for (const manager of managers) manager.watermark(watermark);
      }
    } else {
      now += next(25);
      // A tuple may come in the millisecond its timer fires, before it: the window, which ends 1 ms earlier, keeps it.
      const first = next(3) === 0;
      if (first) for (const manager of managers) manager.add(i, now);
      // Timers in time order, each firing the same trigger of each manager (they were started in manager order).
      for (;;) {
        const due = timers.filter((t) => t.due <= now).sort((a, b) => a.due - b.due)[0];
        if (due === undefined) break;
        due.due += due.every;
        due.fire();
      }
      if (!first) for (const manager of managers) manager.add(i, now);
    }
    // A processWindow that threw: its tuples were failed and leave the windows.
    if (i % 700 === 699) for (const manager of managers) manager.remove((item) => item % 5 === 0);
  }
  expect((managers[0] as WindowManager<number>).size).toBe((managers[1] as StormWindowManager).queue.length);
  return [ours.record, storms.record];
}

describe.each([false, true])('event time: %s', (eventTime) => {
  it.each(kinds)('%s: the same windows and expiries as Storm, in the same order', (_name, declaration) => {
    for (const seed of [1, 2024]) {
      const [ours, storms] = run(declaration, eventTime, seed);
      expect(storms.filter((r) => (r as unknown[])[0] === 'window').length).toBeGreaterThan(20);
      expect(ours).toEqual(storms);
    }
  });
});

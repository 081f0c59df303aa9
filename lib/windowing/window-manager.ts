// The events a windowed bolt holds and the windows it builds from them, as Storm's WindowManager does: every new
// event goes to the eviction and trigger policies; a trigger scans the whole queue with the eviction policy (the
// window is what it processes, what it expires has left every window); every 100 events a short scan from the
// oldest end expires what has fallen out already, so the queue stays as small as the windows need.
// The queue is three parallel arrays (item, timestamp, last trigger) rather than one object per event: a held
// event costs no allocation, and a window that is the whole queue is one slice of it.
import type { Action, EvictionPolicy } from './eviction.js';
import type { EventQueries, TriggerHandler, TriggerPolicy } from './triggers.js';

/** Every this many events (and watermarks), expired events are dropped without waiting for a trigger. */
export const COMPACT_EVERY = 100;

/** One window, as the manager hands it on. */
export interface BuiltWindow<T> {
  /** Every event in the window, oldest first. */
  readonly items: T[];
  /** Those that were not in the previous window. */
  readonly newItems: T[];
  /** Those that left every window since the previous one (already handed to `onExpiry`). */
  readonly expiredItems: T[];
  /** The eviction policy's reference time: now, or the watermark window's end. */
  readonly end: number;
}

export interface WindowListener<T> {
  /** Events that left every window (a tuple is acked here). */
  onExpiry(items: T[]): void;
  /** A window that holds at least one event. */
  onActivation(window: BuiltWindow<T>): void;
}

export class WindowManager<T> implements TriggerHandler, EventQueries {
  // The queue, oldest first from `#head`; slots before it are dropped events waiting to be reclaimed.
  #items: T[] = [];
  #ts: number[] = [];
  /** The number of the last trigger whose window held each event (to tell new events apart); -1 for none. */
  #lastTrigger: number[] = [];
  #head = 0;
  /** Expired since the last trigger. */
  #expired: T[] = [];
  #sinceCompaction = 0;
  /** Triggers so far (an event in trigger n-1's window is not new in trigger n's). */
  #triggers = 1;
  eviction!: EvictionPolicy;
  trigger!: TriggerPolicy;

  constructor(private readonly listener: WindowListener<T>) {}

  /** The events held (in some window now, or waiting for a later one). */
  get size(): number {
    return this.#items.length - this.#head;
  }

  add(item: T, ts: number): void {
    this.#items.push(item);
    this.#ts.push(ts);
    this.#lastTrigger.push(-1);
    this.eviction.track();
    this.trigger.track();
    this.#compact();
  }

  /** A watermark: event-time triggers fire every window it has passed. */
  watermark(ts: number): void {
    this.trigger.watermark(ts);
    this.#compact();
  }

  onTrigger(): boolean {
    const window = this.#scan(true);
    const expiredItems = this.#expired;
    this.#expired = [];
    const previous = this.#triggers - 1;
    const now = this.#triggers++;
    const items = this.#items;
    const lastTrigger = this.#lastTrigger;
    const newItems: T[] = [];
    let windowItems: T[];
    if (window === WHOLE_QUEUE) {
      windowItems = items.slice(this.#head);
      for (let i = this.#head; i < items.length; i++) {
        if (lastTrigger[i] !== previous) newItems.push(items[i]!);
        lastTrigger[i] = now;
      }
    } else {
      windowItems = new Array<T>(window.length);
      for (let w = 0; w < window.length; w++) {
        const i = window[w]!;
        windowItems[w] = items[i]!;
        if (lastTrigger[i] !== previous) newItems.push(items[i]!);
        lastTrigger[i] = now;
      }
    }
    this.#reclaim();
    if (windowItems.length > 0) this.listener.onActivation({ items: windowItems, newItems, expiredItems, end: this.eviction.context?.referenceTime ?? 0 });
    this.trigger.reset();
    return windowItems.length > 0;
  }

  /** Drops the events `drop` says (their tuples were failed), without expiring them. */
  remove(drop: (item: T) => boolean): void {
    let write = 0;
    for (let read = this.#head; read < this.#items.length; read++) {
      if (drop(this.#items[read]!)) continue;
      this.#move(read, write++);
    }
    this.#truncate(write);
    this.#head = 0;
  }

  shutdown(): void {
    this.trigger.shutdown();
  }

  eventCount(ts: number): number {
    let count = 0;
    for (let i = this.#head; i < this.#ts.length; i++) if (this.#ts[i]! <= ts) count++;
    return count;
  }

  earliestTs(startTs: number, endTs: number): number {
    let min = Infinity;
    for (let i = this.#head; i < this.#ts.length; i++) {
      const ts = this.#ts[i]!;
      if (ts > startTs && ts <= endTs && ts < min) min = ts;
    }
    return min;
  }

  slidingCountTimestamps(startTs: number, endTs: number, slide: number): number[] {
    const found: number[] = [];
    let count = 0;
    let max = -Infinity;
    for (let i = this.#head; i < this.#ts.length; i++) {
      const ts = this.#ts[i]!;
      if (ts > startTs && ts <= endTs) {
        if (ts > max) max = ts;
        if (++count % slide === 0) found.push(max);
      }
    }
    return found;
  }

  #compact(): void {
    if (++this.#sinceCompaction >= COMPACT_EVERY) {
      this.#scan(false);
      this.#reclaim();
    }
  }

  /**
   * Asks the eviction policy about each event from the oldest. Expired ones leave the queue; a full scan goes on
   * past the others and returns the window (the queue positions of the events it processes, or WHOLE_QUEUE), a
   * short one stops at the first it keeps.
   */
  #scan(full: boolean): readonly number[] {
    this.#sinceCompaction = 0;
    const items = this.#items;
    const timestamps = this.#ts;
    const eviction = this.eviction;
    const expired: T[] = [];
    let window: readonly number[] = NO_EVENTS;
    let read = this.#head;
    // The oldest events expire first: drop them by moving the head.
    let action: Action = 'stop';
    while (read < items.length) {
      action = eviction.evict(timestamps[read]!);
      if (action !== 'expire') break;
      expired.push(items[read]!);
      read++;
    }
    this.#head = read;
    if (full && read < items.length && action !== 'stop') {
      if (action === 'process' && eviction.processesAllAfterFirst) {
        // The policy would answer `process` for every later event: the window is the rest of the queue.
        window = WHOLE_QUEUE;
      } else {
        // Past the head, an expired event is dropped by moving the later ones down over it.
        const positions: number[] = [];
        let write = read;
        for (; read < items.length; read++) {
          if (read > this.#head) {
            action = eviction.evict(timestamps[read]!);
            if (action === 'stop') break;
          }
          if (action === 'expire') {
            expired.push(items[read]!);
            continue;
          }
          if (action === 'process') positions.push(write);
          this.#move(read, write++);
        }
        for (; read < items.length; read++) this.#move(read, write++);
        this.#truncate(write);
        window = positions;
      }
    }
    if (expired.length > 0) {
      if (this.#expired.length === 0) this.#expired = expired.slice();
      else for (const item of expired) this.#expired.push(item);
      this.listener.onExpiry(expired);
    }
    return window;
  }

  #move(from: number, to: number): void {
    if (from === to) return;
    this.#items[to] = this.#items[from]!;
    this.#ts[to] = this.#ts[from]!;
    this.#lastTrigger[to] = this.#lastTrigger[from]!;
  }

  #truncate(length: number): void {
    this.#items.length = length;
    this.#ts.length = length;
    this.#lastTrigger.length = length;
  }

  /** Gives the slots before the head back once they are most of the array (after a scan's positions are used). */
  #reclaim(): void {
    const head = this.#head;
    if (head > 1024 && head * 2 > this.#items.length) {
      this.#items = this.#items.slice(head);
      this.#ts = this.#ts.slice(head);
      this.#lastTrigger = this.#lastTrigger.slice(head);
      this.#head = 0;
    }
  }
}

/** A scan that processed nothing. */
const NO_EVENTS: readonly number[] = [];
/** A scan that processed every event from the head on. */
const WHOLE_QUEUE: readonly number[] = [];

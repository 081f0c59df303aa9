// The events a windowed bolt holds and the windows it builds from them, as Storm's WindowManager does: every new
// event goes to the eviction and trigger policies; a trigger scans the whole queue with the eviction policy (the
// window is what it processes, what it expires has left every window); every 100 events a short scan from the
// oldest end expires what has fallen out already, so the queue stays as small as the windows need.
import type { Action, EvictionPolicy, WindowEvent } from './eviction.js';
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
  /** Oldest first from `#head`; slots before it are dropped events waiting to be reclaimed. */
  #events: WindowEvent<T>[] = [];
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
    return this.#events.length - this.#head;
  }

  add(item: T, ts: number): void {
    this.#events.push({ item, ts, lastTrigger: -1 });
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
    const items: T[] = new Array<T>(window.length);
    const newItems: T[] = [];
    for (let i = 0; i < window.length; i++) {
      const event = window[i]!;
      items[i] = event.item;
      if (event.lastTrigger !== previous) newItems.push(event.item);
      event.lastTrigger = now;
    }
    if (items.length > 0) this.listener.onActivation({ items, newItems, expiredItems, end: this.eviction.context?.referenceTime ?? 0 });
    this.trigger.reset();
    return items.length > 0;
  }

  /** Drops the events `drop` says (their tuples were failed), without expiring them. */
  remove(drop: (item: T) => boolean): void {
    const kept = this.#events.slice(this.#head).filter((e) => !drop(e.item));
    this.#events = kept;
    this.#head = 0;
  }

  shutdown(): void {
    this.trigger.shutdown();
  }

  eventCount(ts: number): number {
    let count = 0;
    for (let i = this.#head; i < this.#events.length; i++) if (this.#events[i]!.ts <= ts) count++;
    return count;
  }

  earliestTs(startTs: number, endTs: number): number {
    let min = Infinity;
    for (let i = this.#head; i < this.#events.length; i++) {
      const ts = this.#events[i]!.ts;
      if (ts > startTs && ts <= endTs && ts < min) min = ts;
    }
    return min;
  }

  slidingCountTimestamps(startTs: number, endTs: number, slide: number): number[] {
    const found: number[] = [];
    let count = 0;
    let max = -Infinity;
    for (let i = this.#head; i < this.#events.length; i++) {
      const ts = this.#events[i]!.ts;
      if (ts > startTs && ts <= endTs) {
        if (ts > max) max = ts;
        if (++count % slide === 0) found.push(max);
      }
    }
    return found;
  }

  #compact(): void {
    if (++this.#sinceCompaction >= COMPACT_EVERY) this.#scan(false);
  }

  /**
   * Asks the eviction policy about each event from the oldest. Expired ones leave the queue; a full scan goes on
   * past the others and returns the window (the events it processes), a short one stops at the first it keeps.
   */
  #scan(full: boolean): WindowEvent<T>[] {
    this.#sinceCompaction = 0;
    const events = this.#events;
    const expired: T[] = [];
    const window: WindowEvent<T>[] = [];
    let read = this.#head;
    // The oldest events expire first: drop them by moving the head.
    let action: Action = 'stop';
    while (read < events.length) {
      action = this.eviction.evict(events[read]!);
      if (action !== 'expire') break;
      expired.push(events[read]!.item);
      read++;
    }
    this.#head = read;
    if (full && read < events.length && action !== 'stop') {
      // Past the head, an expired event is dropped by moving the later ones down over it.
      let write = read;
      for (; read < events.length; read++) {
        const event = events[read]!;
        if (read > this.#head) {
          action = this.eviction.evict(event);
          if (action === 'stop') break;
        }
        if (action === 'expire') {
          expired.push(event.item);
          continue;
        }
        if (action === 'process') window.push(event);
        events[write++] = event;
      }
      for (; read < events.length; read++) events[write++] = events[read]!;
      events.length = write;
    }
    this.#reclaim();
    if (expired.length > 0) {
      for (const item of expired) this.#expired.push(item);
      this.listener.onExpiry(expired);
    }
    return window;
  }

  /** Gives the slots before the head back once they are most of the array. */
  #reclaim(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
  }
}

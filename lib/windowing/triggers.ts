// Trigger policies: when a window is handed to the bolt. The four Storm has (org.apache.storm.windowing.*TriggerPolicy):
// every N tuples or every T ms on the clock (processing time), or, on each watermark, every window that the
// watermark has passed, by count or by time (event time).
import type { EvictionPolicy } from './eviction.js';

/** What a trigger fires: builds one window from the events and hands it on; false when it held nothing. */
export interface TriggerHandler {
  onTrigger(): boolean;
}

/** Starts a repeating timer whose callbacks run as the component's serial work; returns its stop. */
export type StartTimer = (everyMs: number, fire: () => void) => () => void;

/** The queries the event-time triggers make of the events the window holds. */
export interface EventQueries {
  /** Events whose timestamp is at or before `ts`. */
  eventCount(ts: number): number;
  /** The earliest timestamp in (startTs, endTs], or Infinity. */
  earliestTs(startTs: number, endTs: number): number;
  /** In arrival order, the running max timestamp at every `slide`-th event with a timestamp in (startTs, endTs]. */
  slidingCountTimestamps(startTs: number, endTs: number, slide: number): number[];
}

export interface TriggerPolicy {
  /** Sees every new event. */
  track(): void;
  /** Sees every watermark (event-time triggers only act on these). */
  watermark(ts: number): void;
  /** After each window. */
  reset(): void;
  start(): void;
  shutdown(): void;
}

/** Every `count` events (processing time). */
export class CountTrigger implements TriggerPolicy {
  #seen = 0;
  #started = false;

  constructor(
    readonly count: number,
    private readonly handler: TriggerHandler,
    private readonly eviction: EvictionPolicy,
    private readonly now: () => number,
  ) {}

  track(): void {
    if (this.#started && ++this.#seen >= this.count) {
      this.eviction.setContext({ referenceTime: this.now() });
      this.handler.onTrigger();
    }
  }

  watermark(): void {}

  reset(): void {
    this.#seen = 0;
  }

  start(): void {
    this.#started = true;
  }

  shutdown(): void {}
}

/** Every `slideMs` on the clock (processing time); the window ends 1 ms before the timer fired. */
export class TimeTrigger implements TriggerPolicy {
  #stop: (() => void) | undefined;

  constructor(
    readonly slideMs: number,
    private readonly handler: TriggerHandler,
    private readonly eviction: EvictionPolicy,
    private readonly now: () => number,
    private readonly startTimer: StartTimer,
  ) {}

  track(): void {}
  watermark(): void {}
  reset(): void {}

  start(): void {
    this.#stop = this.startTimer(this.slideMs, () => {
      // A tuple may arrive in the same millisecond as the trigger: it belongs to the next window.
      this.eviction.setContext({ referenceTime: this.now() - 1, slidingInterval: this.slideMs });
      this.handler.onTrigger();
    });
  }

  shutdown(): void {
    this.#stop?.();
  }
}

/** On each watermark, every `slideMs`-aligned window that ends at or before it (event time). */
export class WatermarkTimeTrigger implements TriggerPolicy {
  #nextWindowEnd = 0;
  #started = false;

  constructor(
    readonly slideMs: number,
    private readonly handler: TriggerHandler,
    private readonly eviction: EvictionPolicy,
    private readonly events: EventQueries,
  ) {}

  track(): void {}

  watermark(ts: number): void {
    if (!this.#started) return;
    let end = this.#nextWindowEnd;
    while (end <= ts) {
      this.eviction.setContext({ referenceTime: end, currentCount: this.events.eventCount(end) });
      if (this.handler.onTrigger()) {
        end += this.slideMs;
        continue;
      }
      // Nothing in that window: jump to the window of the next event, aligned to the slide.
      const next = this.events.earliestTs(end, ts);
      if (next === Infinity) break;
      end = next % this.slideMs === 0 ? next : next + (this.slideMs - (next % this.slideMs));
    }
    this.#nextWindowEnd = end;
  }

  reset(): void {}

  start(): void {
    this.#started = true;
  }

  shutdown(): void {}
}

/** On each watermark, one window per `count` events with timestamps up to it (event time). */
export class WatermarkCountTrigger implements TriggerPolicy {
  #lastProcessedTs = 0;
  #started = false;

  constructor(
    readonly count: number,
    private readonly handler: TriggerHandler,
    private readonly eviction: EvictionPolicy,
    private readonly events: EventQueries,
  ) {}

  track(): void {}

  watermark(ts: number): void {
    if (!this.#started) return;
    const ends = ts > this.#lastProcessedTs ? this.events.slidingCountTimestamps(this.#lastProcessedTs, ts, this.count) : [];
    for (const end of ends) {
      this.eviction.setContext({ referenceTime: end, slidingCount: this.count });
      this.handler.onTrigger();
      this.#lastProcessedTs = end;
    }
  }

  reset(): void {}

  start(): void {
    this.#started = true;
  }

  shutdown(): void {}
}

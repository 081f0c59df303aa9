// Eviction policies: which events a window scan expires, hands to the window, keeps for a later window, or stops
// at. The four Storm has (org.apache.storm.windowing.*EvictionPolicy), with the same decisions: by count or by
// time, on the clock (processing time) or on watermarks (event time).

/** What a scan does with one event. */
/**
 * - `expire`: leaves every window (it is acked);
 * - `process`: in the window being built;
 * - `keep`: not in this window, maybe a later one (a timestamp ahead of the reference time);
 * - `stop`: ends the scan.
 */
export type Action = 'expire' | 'process' | 'keep' | 'stop';

/** What a trigger tells the eviction policy before a scan (Storm's EvictionContext). */
export interface EvictionContext {
  /** The window's end: now, or the watermark's window end. */
  readonly referenceTime: number;
  /** Watermark triggers: the events at or before referenceTime. */
  readonly currentCount?: number;
  /** Watermark count triggers: the slide. */
  readonly slidingCount?: number;
  /** Processing-time triggers: the slide in ms. */
  readonly slidingInterval?: number;
}

export interface EvictionPolicy {
  /** Decides about one held event, given its timestamp (arrival time, or event time), oldest first. */
  evict(ts: number): Action;
  /**
   * Once a scan's first kept event is `process`, every later one is too, with no change to the policy (the count
   * policy): the window manager takes the rest of the queue as the window without asking about each event.
   */
  readonly processesAllAfterFirst: boolean;
  /** Sees every new event (not watermarks). */
  track(): void;
  readonly context: EvictionContext | undefined;
  setContext(context: EvictionContext): void;
}

/** Keeps the last `threshold` events (processing time). */
export class CountEviction implements EvictionPolicy {
  #count = 0;
  context: EvictionContext | undefined;
  // evict() decrements only on `expire`: after its first `process`, it answers `process` until the scan ends.
  readonly processesAllAfterFirst = true;

  constructor(readonly threshold: number) {}

  evict(): Action {
    if (this.#count > this.threshold) {
      this.#count--;
      return 'expire';
    }
    return 'process';
  }

  track(): void {
    this.#count++;
  }

  setContext(context: EvictionContext): void {
    this.context = context;
  }
}

/** Keeps the events of the last `lengthMs` before the reference time (processing time). */
export class TimeEviction implements EvictionPolicy {
  context: EvictionContext | undefined;
  readonly processesAllAfterFirst = false;
  /** How far the last trigger ran late: the window stretches by it so that no event is skipped. */
  protected delta = 0;

  constructor(
    readonly lengthMs: number,
    protected readonly now: () => number,
  ) {}

  evict(ts: number): Action {
    const reference = this.context?.referenceTime ?? this.now();
    const age = reference - ts;
    if (age >= this.lengthMs + this.delta) return 'expire';
    if (age < 0) return 'keep';
    return 'process';
  }

  track(): void {}

  setContext(context: EvictionContext): void {
    const previous = this.context;
    this.context = context;
    if (context.slidingInterval !== undefined) {
      // The first window takes everything; later ones stretch by how late their trigger ran.
      this.delta = previous === undefined ? Number.MAX_SAFE_INTEGER : context.referenceTime - previous.referenceTime - context.slidingInterval;
    }
  }
}

/** Event time by count: the last `threshold` events at or before the watermark's window end. */
export class WatermarkCountEviction implements EvictionPolicy {
  #count = 0;
  #processed = 0;
  context: EvictionContext | undefined;
  readonly processesAllAfterFirst = false;

  constructor(readonly threshold: number) {}

  evict(ts: number): Action {
    // Before the first watermark nothing is decided (a compaction scan may ask).
    if (this.context === undefined) return 'stop';
    if (ts <= this.context.referenceTime && this.#processed < this.#count) {
      if (this.#count > this.threshold) {
        this.#count--;
        return 'expire';
      }
      this.#processed++;
      return 'process';
    }
    return 'keep';
  }

  track(): void {}

  setContext(context: EvictionContext): void {
    this.context = context;
    this.#count = context.currentCount ?? this.#processed + (context.slidingCount ?? 0);
    this.#processed = 0;
  }
}

/** Event time by duration: the events in (end - length, end]; a scan stops at events more than `lag` ahead. */
export class WatermarkTimeEviction extends TimeEviction {
  constructor(
    lengthMs: number,
    readonly lagMs: number,
  ) {
    super(lengthMs, () => 0);
  }

  override evict(ts: number): Action {
    if (this.context === undefined) return 'stop';
    const age = this.context.referenceTime - ts;
    if (age < -this.lagMs) return 'stop';
    if (age < 0) return 'keep';
    return super.evict(ts);
  }
}

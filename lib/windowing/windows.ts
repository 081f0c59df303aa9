// One bolt task's windowing, assembled from its WindowConfig as Storm's WindowedBoltExecutor assembles it: the
// eviction policy from the length, the trigger policy from the slide (watermark-driven ones for event time), and
// a watermark generator for event time. Whatever runs it (WindowedBolt, or a bolt built on it) feeds tuples in,
// starts the timers, and receives windows and expiries through a WindowListener.
import type { WindowClock } from './clock.js';
import { CountEviction, TimeEviction, WatermarkCountEviction, WatermarkTimeEviction, type EvictionPolicy } from './eviction.js';
import { CountTrigger, TimeTrigger, WatermarkCountTrigger, WatermarkTimeTrigger, type EventQueries, type StartTimer, type TriggerHandler, type TriggerPolicy } from './triggers.js';
import { WatermarkGenerator } from './watermarks.js';
import { WindowManager, type WindowListener } from './window-manager.js';
import type { WindowConfig } from './window-spec.js';

export class Windows<T> {
  readonly manager: WindowManager<T>;
  /** Event time only. */
  readonly watermarks: WatermarkGenerator | undefined;
  readonly #stops: (() => void)[] = [];
  /** Processing time with a duration length: the eviction policy reads each item's arrival time. */
  readonly #stamped: boolean;

  constructor(
    readonly config: WindowConfig,
    listener: WindowListener<T>,
    private readonly clock: WindowClock,
    /** Event time: how many input streams the watermark waits for (0: the ones seen). */
    inputStreams: number,
    /** Starts a timer whose callbacks run as the component's serial work (they change the windows). */
    private readonly startTimer: StartTimer,
  ) {
    const manager = new WindowManager<T>(listener);
    const eventTime = config.timestampField !== undefined;
    const timer: StartTimer = (ms, fire) => {
      const stop = this.startTimer(ms, fire);
      this.#stops.push(stop);
      return stop;
    };
    const { eviction, trigger } = windowPolicies(config, manager, () => clock.now(), timer);
    manager.eviction = eviction;
    manager.trigger = trigger;
    this.manager = manager;
    this.#stamped = !eventTime && config.length.unit !== 'count';
    this.watermarks = eventTime ? new WatermarkGenerator(config.lagMs, inputStreams) : undefined;
  }

  /** Starts the trigger policy and, for event time, the watermark timer (which calls `onWatermark` after each one). */
  start(onWatermark: () => void = () => {}): void {
    this.manager.trigger.start();
    const watermarks = this.watermarks;
    if (watermarks) {
      this.#stops.push(
        this.startTimer(this.config.watermarkIntervalMs, () => {
          this.advanceWatermark();
          onWatermark();
        }),
      );
    }
  }

  /** Processing time: adds an item stamped now (only a duration length reads the stamp). */
  add(item: T): void {
    this.manager.add(item, this.#stamped ? this.clock.now() : 0);
  }

  /** Event time: adds an item with its timestamp, or returns false when it is late (behind the watermark). */
  addTimed(item: T, stream: string, ts: number): boolean {
    if (!this.watermarks!.track(stream, ts)) return false;
    this.manager.add(item, ts);
    return true;
  }

  /** Event time: computes the watermark and, when it moved, fires the windows it passed. */
  advanceWatermark(): void {
    const watermark = this.watermarks!.next();
    if (watermark !== undefined) this.manager.watermark(watermark);
  }

  /** Event time: a watermark given from outside (the test kit). False when it is not ahead of the last one. */
  forceWatermark(ts: number): boolean {
    if (!this.watermarks!.force(ts)) return false;
    this.manager.watermark(ts);
    return true;
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.manager.shutdown();
  }
}

/**
 * The eviction policy from the window's length and the trigger policy from its slide (the watermark-driven ones
 * for event time), as Storm's WindowedBoltExecutor picks them; `manager` is what the trigger fires and queries.
 */
export function windowPolicies(
  config: WindowConfig,
  manager: TriggerHandler & EventQueries,
  now: () => number,
  startTimer: StartTimer,
): { eviction: EvictionPolicy; trigger: TriggerPolicy } {
  const eventTime = config.timestampField !== undefined;
  const { length, slide } = config;
  const eviction: EvictionPolicy =
    length.unit === 'count'
      ? eventTime
        ? new WatermarkCountEviction(length.value)
        : new CountEviction(length.value)
      : eventTime
        ? new WatermarkTimeEviction(length.value, config.lagMs)
        : new TimeEviction(length.value, now);
  const trigger: TriggerPolicy =
    slide.unit === 'count'
      ? eventTime
        ? new WatermarkCountTrigger(slide.value, manager, eviction, manager)
        : new CountTrigger(slide.value, manager, eviction, now)
      : eventTime
        ? new WatermarkTimeTrigger(slide.value, manager, eviction, manager)
        : new TimeTrigger(slide.value, manager, eviction, now, startTimer);
  return { eviction, trigger };
}

// The test kit for windowed bolts: a WindowedBolt run in-process on a clock the test controls. `advance(ms)` moves
// time (processing-time windows fire, event-time watermarks are computed on their interval), `watermark(ts)`
// hands the bolt a watermark directly, and `windows` records every window processWindow received (until `clear()`).
import { WATERMARK, WINDOW_CLOCK, type TupleWindow, type WindowedBolt } from '../components/windowed-bolt.js';
import { attach, BoltHarness, type HarnessOptions } from './component-harness.js';
import { ManualClock } from './manual-clock.js';

export interface WindowedHarnessOptions extends HarnessOptions {
  /** Where the clock starts (ms since the epoch); default 0. */
  readonly startTime?: number;
}

type WindowOf<B> = B extends { processWindow(window: infer W): unknown } ? W : TupleWindow;

export class WindowedBoltHarness<B extends WindowedBolt<never>> extends BoltHarness<B> {
  /** Every window processWindow received, in order (since the last `clear()`). */
  windows: WindowOf<B>[] = [];

  constructor(
    bolt: B,
    readonly clock: ManualClock,
  ) {
    super(bolt);
  }

  /** The clock (ms). */
  get now(): number {
    return this.clock.now();
  }

  /** Forgets what the bolt did, its windows too. */
  override clear(): void {
    super.clear();
    this.windows = [];
  }

  /** Moves the clock forward `ms`, firing every timer due on the way (window triggers, watermarks) in time order. */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms, () => this.settle());
  }

  /** Event time: a watermark at `ts` (ms), as if the bolt's generator had made it: every window it passed fires. */
  async watermark(ts: number): Promise<void> {
    await this.bolt[WATERMARK](ts);
    await this.settle();
  }
}

/** Creates the windowed bolt on a manual clock, hands it conf and context as a handshake would, and runs its `initialize`. */
export async function testWindowedBolt<B extends WindowedBolt<never>>(
  BoltClass: new () => B,
  options: WindowedHarnessOptions = {},
): Promise<WindowedBoltHarness<B>> {
  const clock = new ManualClock(options.startTime ?? 0);
  const bolt = new BoltClass();
  const harness = new WindowedBoltHarness(bolt, clock);
  const original = bolt.processWindow;
  bolt.processWindow = function (this: B, window) {
    harness.windows.push(window as WindowOf<B>);
    return original.call(this, window);
  };
  bolt[WINDOW_CLOCK] = clock;
  attach(bolt, harness, options);
  await bolt.initialize(bolt.conf, bolt.context);
  await harness.settle();
  return harness;
}

// A clock a test moves by hand: `advance(ms)` walks time forward and fires every timer that falls due on the way,
// in time order, waiting after each one for the work it started. A 5-minute window is tested in milliseconds.
import type { WindowClock } from '../windowing/clock.js';

interface Timer {
  due: number;
  readonly every: number;
  readonly fire: () => void;
  active: boolean;
}

export class ManualClock implements WindowClock {
  #now: number;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  every(ms: number, fire: () => void): () => void {
    const timer: Timer = { due: this.#now + ms, every: ms, fire, active: true };
    this.#timers.push(timer);
    return () => {
      timer.active = false;
    };
  }

  /** Moves the clock `ms` forward; each timer due on the way fires at its own time, then `settle` is awaited. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance(${ms}): time only moves forward`);
    const target = this.#now + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.#timers) if (timer.active && timer.due <= target && (next === undefined || timer.due < next.due)) next = timer;
      if (next === undefined) break;
      this.#now = next.due;
      next.due += next.every;
      next.fire();
      await settle();
    }
    this.#now = target;
  }
}

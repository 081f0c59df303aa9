// Time as a windowed bolt sees it: the wall clock and repeating timers in the component process (no tick tuples
// needed), or, in the test kit, a clock the test moves by hand.

export interface WindowClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fire` every `ms` until the returned stop is called. */
  every(ms: number, fire: () => void): () => void;
}

/** The wall clock; its timers do not keep the process alive (Storm's pipes do). */
export const systemClock: WindowClock = {
  now: () => Date.now(),
  every: (ms, fire) => {
    const timer = setInterval(fire, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

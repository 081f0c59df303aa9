// Watermarks for event time, as Storm's WaterMarkEventGenerator makes them: the newest timestamp seen on each
// input stream is tracked; on an interval, the watermark becomes the oldest of those minus the lag, once every
// input stream has sent something, and only ever moves forward. A tuple older than the last watermark is late.

export class WatermarkGenerator {
  /** Newest timestamp per input stream ("component\0stream"). */
  #newest = new Map<string, number>();
  #last = 0;

  constructor(
    readonly lagMs: number,
    /** How many input streams must have sent a tuple before a watermark is made; 0 when unknown (the ones seen). */
    private readonly inputStreams: number,
  ) {}

  /** The last watermark (0 before the first). */
  get last(): number {
    return this.#last;
  }

  /** Records a tuple's timestamp; false when it is late (behind the last watermark). */
  track(stream: string, ts: number): boolean {
    const newest = this.#newest.get(stream);
    if (newest === undefined || ts > newest) this.#newest.set(stream, ts);
    return ts >= this.#last;
  }

  /** The new watermark when it moved forward, else undefined. */
  next(): number | undefined {
    if (this.#newest.size === 0 || this.#newest.size < this.inputStreams) return undefined;
    let min = Infinity;
    for (const ts of this.#newest.values()) if (ts < min) min = ts;
    const watermark = min - this.lagMs;
    if (watermark <= this.#last) return undefined;
    this.#last = watermark;
    return watermark;
  }

  /** A watermark given from outside (the test kit's): moves the last one forward, never back. */
  force(ts: number): boolean {
    if (ts <= this.#last) return false;
    this.#last = ts;
    return true;
  }
}

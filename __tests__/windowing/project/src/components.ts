// The components of the windowing engine tests: a reliable spout of numbered tuples stamped with the time, one
// windowed bolt per window kind (each emits one summary per window), and a sink.
import { Bolt, ReliableSpout, WindowedBolt, type Tuple, type TupleWindow } from 'storm-ts';

/** Numbered tuples ['n', 'ts'] at conf `test.rate` per second (default as fast as Storm asks). */
export class NumberSpout extends ReliableSpout.define({ outputs: { default: ['n', 'ts'] }, types: { n: Number, ts: Number } }) {
  #n = 0;
  #nextAt = 0;

  override nextTuple(): void {
    const rate = Number(this.conf['test.rate'] ?? 0);
    const now = Date.now();
    if (rate > 0) {
      if (now < this.#nextAt) return;
      this.#nextAt = Math.max(this.#nextAt + 1000 / rate, now - 100);
    }
    const n = this.context.taskId * 10_000_000 + ++this.#n;
    this.emit([n, now], { id: String(n) });
  }
}

const summaryOutputs = { default: ['size', 'newCount', 'expiredCount', 'start', 'end', 'first', 'last'], late: ['n', 'ts'] } as const;

function summary(window: TupleWindow<[number, number]>): [number, number, number, number | null, number, number, number] {
  const ns = window.tuples.map((t) => t.values[0]);
  return [ns.length, window.newTuples.length, window.expiredTuples.length, window.start ?? null, window.end, Math.min(...ns), Math.max(...ns)];
}

const base = { reads: ['n', 'ts'], outputs: summaryOutputs, types: { n: Number, ts: Number } } as const;

export class CountSliding extends WindowedBolt.define({ ...base, window: { length: { count: 20 }, slide: { count: 10 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class CountTumbling extends WindowedBolt.define({ ...base, window: { tumbling: { count: 10 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class TimeSliding extends WindowedBolt.define({ ...base, window: { length: { ms: 1000 }, slide: { ms: 500 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class TimeTumbling extends WindowedBolt.define({ ...base, window: { tumbling: { ms: 500 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class CountLengthTimeSlide extends WindowedBolt.define({ ...base, window: { length: { count: 15 }, slide: { ms: 500 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class TimeLengthCountSlide extends WindowedBolt.define({ ...base, window: { length: { ms: 1000 }, slide: { count: 10 } } }) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class EventTimeSliding extends WindowedBolt.define({
  ...base,
  window: { length: { ms: 1000 }, slide: { ms: 500 }, timestampField: 'ts', lag: { ms: 100 }, watermarkInterval: { ms: 200 }, lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}
export class EventCountTumbling extends WindowedBolt.define({
  ...base,
  window: { tumbling: { count: 10 }, timestampField: 'ts', watermarkInterval: { ms: 200 }, lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    this.emit(summary(window));
  }
}

/** Receives the summaries; acks them. */
export class Sink extends Bolt.define({}) {
  override process(_tuple: Tuple): void {}
}

// Windowed bolts for the windowing tests: each emits, per window, the values of its tuples, the new and the
// expired ones (so a test sees exactly what processWindow received) and the window's start and end.
import { WindowedBolt, type TupleWindow } from 'storm-ts';

const outputs = { default: ['all', 'new', 'expired', 'start', 'end'] } as const;

type Row = [string, number];
const names = (tuples: readonly { values: readonly unknown[] }[]): string => tuples.map((t) => String(t.values[0])).join(',');

/** One summary tuple per window: the names of its tuples, new ones, expired ones, then start and end. */
function summary(window: TupleWindow<readonly unknown[]>): [string, string, string, number | null, number] {
  return [names(window.tuples), names(window.newTuples), names(window.expiredTuples), window.start ?? null, window.end];
}


export class CountSliding extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { length: { count: 3 }, slide: { count: 2 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

export class CountTumbling extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { tumbling: { count: 3 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

export class TimeSliding extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { length: { seconds: 3 }, slide: { ms: 1000 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

export class TimeTumbling extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { tumbling: { ms: 1000 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

export class CountLengthTimeSlide extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { length: { count: 2 }, slide: { ms: 1000 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

export class TimeLengthCountSlide extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { length: { ms: 1000 }, slide: { count: 2 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    this.emit(summary(window));
  }
}

/** Async: each window waits a little (a real timer) before it emits. */
export class SlowCountTumbling extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { tumbling: { count: 2 } } }) {
  override async processWindow(window: TupleWindow<[string]>): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.emit(summary(window));
  }
}

/** Throws on a window that holds "boom". */
export class Exploding extends WindowedBolt.define({ reads: ['name'], outputs, types: { name: String }, window: { tumbling: { count: 2 } } }) {
  override processWindow(window: TupleWindow<[string]>): void {
    if (window.tuples.some((t) => t.values[0] === 'boom')) throw new Error('boom in the window');
    this.emit(summary(window));
  }
}

const eventOutputs = { ...outputs, late: ['name', 'ts'] } as const;

export class EventTimeSliding extends WindowedBolt.define({
  reads: ['name', 'ts'],
  outputs: eventOutputs,
  types: { name: String, ts: Number },
  window: { length: { ms: 2000 }, slide: { ms: 1000 }, timestampField: 'ts', lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<Row>): void {
    this.emit(summary(window));
  }
}

export class EventCountSliding extends WindowedBolt.define({
  reads: ['name', 'ts'],
  outputs: eventOutputs,
  types: { name: String, ts: Number },
  window: { length: { count: 3 }, slide: { count: 2 }, timestampField: 'ts', lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<Row>): void {
    this.emit(summary(window));
  }
}

export class EventCountLengthTimeSlide extends WindowedBolt.define({
  reads: ['name', 'ts'],
  outputs: eventOutputs,
  types: { name: String, ts: Number },
  window: { length: { count: 2 }, slide: { ms: 1000 }, timestampField: 'ts', lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<Row>): void {
    this.emit(summary(window));
  }
}

export class EventTimeLengthCountSlide extends WindowedBolt.define({
  reads: ['name', 'ts'],
  outputs: eventOutputs,
  types: { name: String, ts: Number },
  window: { length: { ms: 1000 }, slide: { count: 2 }, timestampField: 'ts', lateStream: 'late' },
}) {
  override processWindow(window: TupleWindow<Row>): void {
    this.emit(summary(window));
  }
}

/** Event time with a lag of 500 ms and no late stream: late tuples are acked and counted. */
export class EventTimeNoLateStream extends WindowedBolt.define({
  reads: ['name', 'ts'],
  outputs,
  types: { name: String, ts: Number },
  window: { tumbling: { ms: 1000 }, timestampField: 'ts', lag: { ms: 500 }, watermarkInterval: { ms: 200 } },
}) {
  override processWindow(window: TupleWindow<Row>): void {
    this.emit(summary(window));
  }
}

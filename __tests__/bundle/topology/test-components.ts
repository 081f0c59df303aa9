// Components that exercise the protocol's corners in the conformance tests.
import { BatchingBolt, Bolt, Spout, WindowedBolt, type Tuple, type TupleWindow } from 'storm-ts';

/** Throws on the word "boom" (line numbers matter: the tests look for this file's line in the stack trace). */
export class FailingBolt extends Bolt.define({ outputs: { default: ['word'] } }) {
  override process(tuple: Tuple): void {
    if (tuple.values[0] === 'boom') throw new Error('boom in process');
    this.emit([tuple.values[0]]);
  }

  override initialize(): void {
    this.keepAliveOnError = this.conf['test.keep_alive'] === true;
  }
}

/** Writes to stdout with console.log on every tuple: must end up in the log, not on the protocol. */
export class LoudBolt extends Bolt.define({ outputs: { default: ['word'] } }) {
  override process(tuple: Tuple): void {
    console.log('loud says', tuple.values[0]);
    process.stdout.write('raw stdout write\n');
    this.emit([tuple.values[0]]);
  }
}

/** Awaits slow I/O (conf test.delay_ms) before acking: heartbeats must still be answered meanwhile. */
export class SlowBolt extends Bolt.define({ outputs: { default: ['word'] } }) {
  override async process(tuple: Tuple): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Number(this.conf['test.delay_ms'] ?? 500)));
    this.emit([tuple.values[0]]);
  }
}

/** Emits with needTaskIds and echoes the ids it got back on stream 'ids'. */
export class TaskIdsBolt extends Bolt.define({ outputs: { default: ['word'], ids: ['ids'] } }) {
  override async process(tuple: Tuple): Promise<void> {
    const ids = await this.emit([tuple.values[0]], { needTaskIds: true });
    this.emit([ids], { stream: 'ids' });
  }
}

/** Counts ticks and emits the count on each. */
export class TickBolt extends Bolt.define({ outputs: { default: ['ticks'] } }) {
  #ticks = 0;
  override process(): void {}
  override processTick(): void {
    this.emit([++this.#ticks]);
  }
}

/** Sums numbers per key, flushed by ticks. */
export class SumBatches extends BatchingBolt.define({ reads: ['key', 'n'], outputs: { default: ['key', 'sum'] }, types: { key: String, n: Number } }) {
  override secsBetweenBatches = 2;
  override groupKey(tuple: Tuple<[string, number]>): string {
    return tuple.values[0];
  }
  override processBatch(key: unknown, tuples: Tuple<[string, number]>[]): void {
    if (key === 'bad') throw new Error('bad batch');
    this.emit([String(key), tuples.reduce((sum, t) => sum + t.values[1], 0)]);
  }
}

/** An async nextTuple that emits after a delay: the sync must still come after the emit. */
export class AsyncSpout extends Spout.define({ outputs: { default: ['word'] } }) {
  #n = 0;
  override async nextTuple(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.emit([`w${++this.#n}`], { id: this.#n });
  }
}

/** Emits with needTaskIds inside its turn and reports the ids in a second emit. */
export class NeedIdsSpout extends Spout.define({ outputs: { default: ['word'], ids: ['ids'] } }) {
  override async nextTuple(): Promise<void> {
    const ids = await this.emit(['x'], { needTaskIds: true });
    this.emit([ids], { stream: 'ids' });
  }
}

const joined = (window: TupleWindow): string => window.tuples.map((t) => String(t.values[0])).join(',');

/** A tumbling window of 2 tuples; processWindow first awaits conf test.delay_ms (heartbeats must be answered meanwhile). */
export class PairWindows extends WindowedBolt.define({ outputs: { default: ['words'] }, window: { tumbling: { count: 2 } } }) {
  override async processWindow(window: TupleWindow): Promise<void> {
    const delay = Number(this.conf['test.delay_ms'] ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.emit([joined(window)]);
  }
}

/** A tumbling window of 300 ms on the clock: it fires with no tick tuple. */
export class ClockWindows extends WindowedBolt.define({ outputs: { default: ['words'] }, window: { tumbling: { ms: 300 } } }) {
  override processWindow(window: TupleWindow): void {
    this.emit([joined(window)]);
  }
}

/** Emits conf test.fanout tuples (default 20,000) per input, as a tokenizer or an explode step does. */
export class FanOutBolt extends Bolt.define({ outputs: { default: ['word', 'i'] } }) {
  override process(tuple: Tuple): void {
    const n = Number(this.conf['test.fanout'] ?? 20_000);
    for (let i = 0; i < n; i++) this.emit([tuple.values[0], i]);
  }
}

/** Throws in its constructor (line numbers matter: the tests look for this file's line in the stack trace). */
export class ThrowingConstructorBolt extends Bolt.define({ outputs: { default: ['word'] } }) {
  constructor() {
    super();
    throw new Error('ctor boom');
  }

  override process(tuple: Tuple): void {
    this.emit([tuple.values[0]]);
  }
}

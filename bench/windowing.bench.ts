// Windowed bolts: CPU per tuple of a WindowedBolt against a plain Bolt doing the same aggregation by hand (holding
// the tuples, acking each when it leaves the window, anchoring each sum to the window's tuples), in-process through
// the test kit's harness (same channel for both, no pipes), in interleaved rounds; and heap per held tuple.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Bolt, WindowedBolt, type Tuple, type TupleWindow } from '../lib/index.js';
import { testBolt, testWindowedBolt } from '../lib/testing/index.js';
import { median, type Bench, type BenchRow } from './harness.js';

const TUPLES = 200_000;
const ROUNDS = Number(process.env['STP_BENCH_ROUNDS'] ?? 7);
const HELD = 100_000;

const sum = (tuples: readonly Tuple<[number]>[]): number => tuples.reduce((s, t) => s + t.values[0], 0);

class CountWindowed extends WindowedBolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number }, window: { length: { count: 1000 }, slide: { count: 100 } } }) {
  override processWindow(window: TupleWindow<[number]>): void {
    this.emit([sum(window.tuples)]);
  }
}

class CountByHand extends Bolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number } }) {
  override autoAck = false;
  readonly #held: Tuple<[number]>[] = [];
  #since = 0;
  override process(tuple: Tuple<[number]>): void {
    this.#held.push(tuple);
    if (++this.#since < 100) return;
    this.#since = 0;
    while (this.#held.length > 1000) this.ack(this.#held.shift()!);
    this.emit([sum(this.#held)], { anchors: this.#held });
  }
}

class TimeWindowed extends WindowedBolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number }, window: { length: { seconds: 10 }, slide: { seconds: 1 } } }) {
  override processWindow(window: TupleWindow<[number]>): void {
    this.emit([sum(window.tuples)]);
  }
}

class TimeByHand extends Bolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number } }) {
  override autoAck = false;
  readonly #held: { tuple: Tuple<[number]>; at: number }[] = [];
  now = 0;
  override process(tuple: Tuple<[number]>): void {
    this.#held.push({ tuple, at: this.now });
  }
  /** What a timer does every second. */
  slide(): void {
    while (this.#held.length > 0 && this.now - this.#held[0]!.at >= 10_000) this.ack(this.#held.shift()!.tuple);
    const tuples = this.#held.map((h) => h.tuple);
    if (tuples.length > 0) this.emit([sum(tuples)], { anchors: tuples });
  }
}

class Holder extends WindowedBolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number }, window: { tumbling: { count: 1_000_000 } } }) {
  override processWindow(): void {}
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function timed(run: () => Promise<void>): Promise<number> {
  const start = cpuMs();
  await run();
  return ((cpuMs() - start) * 1e6) / TUPLES; // ns per tuple
}

async function countWindowed(): Promise<number> {
  const h = await testWindowedBolt(CountWindowed);
  return timed(async () => {
    for (let i = 0; i < TUPLES; i++) {
      await h.feed([i]);
      if (i % 1000 === 0) h.clear();
    }
  });
}

async function countByHand(): Promise<number> {
  const h = await testBolt(CountByHand);
  return timed(async () => {
    for (let i = 0; i < TUPLES; i++) {
      await h.feed([i]);
      if (i % 1000 === 0) h.clear();
    }
  });
}

// 1,000 tuples a second of clock: the windows hold 10,000 tuples.
async function timeWindowed(): Promise<number> {
  const h = await testWindowedBolt(TimeWindowed);
  return timed(async () => {
    for (let i = 0; i < TUPLES; i++) {
      await h.feed([i]);
      await h.advance(1);
      if (i % 1000 === 0) h.clear();
    }
  });
}

async function timeByHand(): Promise<number> {
  const h = await testBolt(TimeByHand);
  return timed(async () => {
    for (let i = 0; i < TUPLES; i++) {
      await h.feed([i]);
      h.bolt.now++;
      if (h.bolt.now % 1000 === 0) h.bolt.slide();
      if (i % 1000 === 0) h.clear();
    }
  });
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Heap per tuple the window holds, above the Tuple objects themselves (which a hand-written bolt holds too). */
async function heldBytes(): Promise<number> {
  const h = await testWindowedBolt(Holder);
  const feedAll = async (keep: Tuple[]): Promise<void> => {
    for (let i = 0; i < HELD; i++) keep.push(await h.feed([i]));
    h.clear();
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  const plain: Tuple[] = [];
  for (let i = 0; i < HELD; i++) plain.push({ id: `p${i}`, values: [i] } as unknown as Tuple);
  gc();
  const tuplesOnly = process.memoryUsage().heapUsed - before;
  const held: Tuple[] = [];
  await feedAll(held);
  gc();
  const withWindow = process.memoryUsage().heapUsed - before - tuplesOnly;
  if (h.bolt.heldTuples !== HELD || plain.length !== HELD) throw new Error('the window does not hold every tuple');
  // The fed tuples are kept by `held` too; what the window adds is its queue slots and the pending id.
  const perTupleObject = tuplesOnly / HELD;
  return withWindow / HELD - perTupleObject;
}

const bench: Bench = {
  id: 'windowing',
  title: 'Windowed bolts',
  method: `CPU per tuple (process.cpuUsage, median of ${ROUNDS} interleaved rounds of ${TUPLES.toLocaleString('en-US')} tuples; the ratio is the median of each round's ratio) of a WindowedBolt and of a plain Bolt that does the same by hand (holds the tuples, acks each when it leaves the window, anchors each sum to the window), both in-process through the test kit, whose records (emits, acks, windows) are cleared every 1,000 tuples; the duration window runs on the test kit's clock, 1,000 tuples a second (the hand-written one counts time itself). Heap per held tuple: ${HELD.toLocaleString('en-US')} tuples in one window, above the Tuple objects themselves.`,
  async run(): Promise<BenchRow[]> {
    const samples = { cw: [] as number[], ch: [] as number[], tw: [] as number[], th: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      samples.ch.push(await countByHand());
      samples.cw.push(await countWindowed());
      samples.th.push(await timeByHand());
      samples.tw.push(await timeWindowed());
    }
    const [cw, ch, tw, th] = [median(samples.cw), median(samples.ch), median(samples.tw), median(samples.th)];
    // Each round's two figures were measured one after the other: their ratio is the least disturbed by the load.
    const ratio = (subject: number[], baseline: number[]): number => median(subject.map((value, round) => value / baseline[round]!));
    return [
      { name: 'count window 1,000 / slide 100 (hand-written Bolt)', value: ch, unit: 'ns/tuple' },
      { name: 'count window 1,000 / slide 100 (WindowedBolt)', value: cw, unit: 'ns/tuple', ratio: { value: ratio(samples.cw, samples.ch), of: 'the hand-written Bolt', goal: '<= 1.5x' } },
      { name: '10 s window / 1 s slide (hand-written Bolt)', value: th, unit: 'ns/tuple' },
      { name: '10 s window / 1 s slide (WindowedBolt)', value: tw, unit: 'ns/tuple', ratio: { value: ratio(samples.tw, samples.th), of: 'the hand-written Bolt' } },
      { name: 'heap per held tuple, above the Tuple object', value: await heldBytes(), unit: 'bytes (goal: <= 1,024)' },
    ];
  },
};

export default bench;

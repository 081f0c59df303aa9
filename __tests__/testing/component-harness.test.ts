import { BatchingBolt, Bolt, Spout, type Tuple } from 'storm-ts';
import { testBolt, testSpout } from 'storm-ts/testing';
import { WordCounter } from '../../examples/wordcount/src/bolts/count.js';
import { WordSpout } from '../../examples/wordcount/src/spouts/words.js';

class Splitter extends Bolt.define({ reads: ['sentence'], outputs: { default: ['word'] }, types: { sentence: String, word: String } }) {
  override async process(tuple: Tuple<[string]>): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5)); // slow I/O: feed() must wait for it
    const words = tuple.values[0].split(' ').filter(Boolean);
    if (words.length === 0) throw new Error('empty sentence');
    for (const word of words) this.emit([word]);
  }
}

class Summer extends BatchingBolt.define({ reads: ['key', 'n'], outputs: { default: ['key', 'sum'] }, types: { key: String, n: Number } }) {
  override secsBetweenBatches = 2;
  override groupKey(tuple: Tuple<[string, number]>): string {
    return tuple.values[0];
  }
  override processBatch(key: unknown, tuples: Tuple<[string, number]>[]): void {
    this.emit([String(key), tuples.reduce((sum, t) => sum + t.values[1], 0)]);
  }
}

describe('testBolt', () => {
  it('records anchored emits and the auto-ack of each fed tuple', async () => {
    const counter = await testBolt(WordCounter);
    const first = await counter.feed(['storm']);
    const second = await counter.feed(['storm']);
    expect(counter.emitted).toEqual([
      { stream: 'default', values: ['storm', 1], anchors: [first.id] },
      { stream: 'default', values: ['storm', 2], anchors: [second.id] },
    ]);
    expect(counter.acked).toEqual([first.id, second.id]);
    expect(counter.failed).toEqual([]);
  });

  it('waits for an async process and auto-fails a tuple whose process throws', async () => {
    const splitter = await testBolt(Splitter);
    const ok = await splitter.feed(['a b']);
    expect(splitter.emitted.map((e) => e.values)).toEqual([['a'], ['b']]);
    await expect(splitter.feed([''], { id: 'bad' })).rejects.toThrow(/process\(\) failed for tuple bad.*empty sentence/s);
    expect(splitter.acked).toEqual([ok.id]);
    expect(splitter.failed).toEqual(['bad']);
  });

  it('drives a BatchingBolt with ticks and acks the whole batch', async () => {
    const summer = await testBolt(Summer, { conf: { 'topology.tick.tuple.freq.secs': 1 } });
    const a1 = await summer.feed(['a', 1]);
    const b1 = await summer.feed(['b', 5]);
    const a2 = await summer.feed(['a', 2]);
    await summer.tick(1);
    expect(summer.emitted).toEqual([]);
    const tick = await summer.tick(1);
    expect(summer.emitted).toEqual([
      { stream: 'default', values: ['a', 3], anchors: [a1.id, a2.id] },
      { stream: 'default', values: ['b', 5], anchors: [b1.id] },
    ]);
    expect(summer.acked).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id, tick.id]));
  });

  it('records logs, and says when a BatchingBolt is missing its tick frequency', async () => {
    const summer = await testBolt(Summer);
    expect(summer.logs).toEqual([{ level: 'warn', message: expect.stringContaining("'topology.tick.tuple.freq.secs' is not set") }]);
  });
});

describe('the test kit refuses the emits Storm refuses', () => {
  class Router extends Bolt.define({ outputs: { default: ['word'], ctl: { fields: ['task'], direct: true } } }) {
    override process(tuple: Tuple): void {
      const loose = this as unknown as { emit(values: unknown[], options: object): void }; // as plain JS or `as any` may
      if (tuple.values[0] === 'direct') loose.emit(['w'], { directTask: 2 });
      else loose.emit([2], { stream: 'ctl' });
    }
  }

  it.each([
    ['direct', "emit on stream 'default' has directTask 2, but the stream is declared regular ([word]), not direct"],
    ['regular', "emit on stream 'ctl' has no directTask, but the stream is declared direct ({ fields: [task], direct: true })"],
  ])('a %s emit to the wrong kind of stream throws, fails the tuple and records no emit', async (how, message) => {
    const bolt = await testBolt(Router);
    await expect(bolt.feed([how])).rejects.toThrow(message);
    expect(bolt.emitted).toEqual([]);
    expect(bolt.failed).toHaveLength(1);
  });

  it('a spout emit with directTask on a regular stream throws and records no emit', async () => {
    class Plain extends Spout.define({ outputs: { default: ['n'] } }) {
      override nextTuple(): void {
        (this as unknown as { emit(values: unknown[], options: object): void }).emit([1], { directTask: 4 });
      }
    }
    const spout = await testSpout(Plain);
    await expect(spout.next()).rejects.toThrow(
      "component 'plain' (Plain): emit on stream 'default' has directTask 4, but the stream is declared regular ([n]), not direct",
    );
    expect(spout.emitted).toEqual([]);
  });
});

describe('testSpout', () => {
  it('runs next turns and records reliable emits', async () => {
    const spout = await testSpout(WordSpout, { taskId: 7 });
    const emitted = await spout.next(3);
    expect(emitted).toHaveLength(3);
    expect(emitted.map((e) => e.id)).toEqual(['7-1', '7-2', '7-3']);
    for (const e of emitted) expect(typeof e.values[0]).toBe('string');
  });

  it('re-emits a failed tuple (ReliableSpout)', async () => {
    const spout = await testSpout(WordSpout);
    const [first] = await spout.next();
    spout.clear();
    await spout.fail(first!.id!);
    await spout.next();
    expect(spout.emitted[0]).toEqual({ ...first, anchors: [] });
  });

  it('hands needTaskIds emits the task ids the test chooses', async () => {
    class Asker extends Spout.define({ outputs: { default: ['n'] } }) {
      seen: number[][] = [];
      override async nextTuple(): Promise<void> {
        this.seen.push(await this.emit([1], { needTaskIds: true }));
      }
    }
    const spout = await testSpout(Asker, { taskIdsFor: () => [4, 9] });
    await spout.next();
    expect(spout.spout.seen).toEqual([[4, 9]]);
  });
});

// The types `define()` gives: emit's values and streams from `outputs` + `types`, tuple.values from `reads`.
// tsc checks this file in `npm test` (an unused @ts-expect-error fails it); jest checks the runtime side.
import { expectTypeOf } from 'expect-type';
import { Bolt, Spout, BatchingBolt, ReliableSpout, Tuple, field } from '../../lib/index.js';

class Counter extends Bolt.define({
  reads: ['word'],
  outputs: { default: ['word', 'count'], totals: { fields: ['total'], direct: true } },
  types: { word: String, count: Number, total: field<bigint>() },
}) {
  process(tuple: Tuple<[string]>): void {
    const [word] = tuple.values;
    expectTypeOf(word).toEqualTypeOf<string>();
    this.emit([word, 1]);
    this.emit([10n], { stream: 'totals', directTask: 3 });
    // @ts-expect-error totals is declared direct: it needs directTask
    this.emit([10n], { stream: 'totals' });
    // @ts-expect-error default is declared regular: no directTask
    this.emit([word, 1], { directTask: 3 });
    // @ts-expect-error count is a number
    this.emit([word, 'one']);
    // @ts-expect-error one value too few for ['word', 'count']
    this.emit([word]);
    // @ts-expect-error 'totalz' is not a declared stream
    this.emit([1n], { stream: 'totalz' });
    // @ts-expect-error totals carries a bigint
    this.emit([1], { stream: 'totals' });
  }
}

class Words extends Spout.define({ outputs: { words: ['word'] }, types: { word: String } }) {
  async nextTuple(): Promise<void> {
    this.emit(['a'], { stream: 'words', id: 1 });
    expectTypeOf(this.emit(['a'], { stream: 'words', needTaskIds: true })).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(this.emit(['a'], { stream: 'words' })).toEqualTypeOf<void>();
    // @ts-expect-error no default stream is declared: name one
    this.emit(['a']);
  }
}

class Loose extends Bolt {
  process(tuple: Tuple): void {
    expectTypeOf(tuple.values).toEqualTypeOf<unknown[]>();
    this.emit([1, 'two', 3], { stream: 'anything' });
    this.emit([1], { stream: 'anything', directTask: 2 });
  }
}

class Batch extends BatchingBolt.define({ reads: ['n'], types: { n: Number }, outputs: { default: ['sum'] } }) {
  processBatch(_key: unknown, tuples: Tuple<[number]>[]): void {
    this.emit([tuples.reduce((s, t) => s + t.values[0], 0)]);
  }
}

class Retry extends ReliableSpout.define({ outputs: { default: ['n'] }, types: { n: Number } }) {
  nextTuple(): void {
    this.emit([1]);
    // @ts-expect-error n is a number
    this.emit(['1']);
  }
}

describe('define()', () => {
  it('carries the declaration as a static, read by the builder', () => {
    expect(Counter.declaration.reads).toEqual(['word']);
    expectTypeOf(Counter.declaration.outputs.default).toEqualTypeOf<readonly ['word', 'count']>();
    expect(Words.declaration.outputs).toEqual({ words: ['word'] });
    expect(Loose.declaration).toEqual({});
    expect(Batch.declaration.reads).toEqual(['n']);
  });

  it('keeps the class hierarchy: a defined class is still a Bolt / Spout', () => {
    expect(Counter.prototype).toBeInstanceOf(Bolt);
    expect(Batch.prototype).toBeInstanceOf(BatchingBolt);
    expect(Batch.prototype).toBeInstanceOf(Bolt);
    expect(Retry.prototype).toBeInstanceOf(ReliableSpout);
    expect(Retry.prototype).toBeInstanceOf(Spout);
  });
});

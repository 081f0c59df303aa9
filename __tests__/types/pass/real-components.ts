// The builder with the real base classes of lib/components: define() keeps the declaration's literal types.
import { Bolt, Spout, topology, type Tuple } from '../../../lib/index.js';

class Lines extends Spout.define({ outputs: { default: ['line'], stats: { fields: ['n'], direct: true } }, types: { line: String } }) {
  override nextTuple(): void {
    this.emit(['a b c']);
  }
}

class Split extends Bolt.define({ reads: ['line'], outputs: { default: ['word'] }, types: { line: String, word: String } }) {
  override process(tuple: Tuple<[string]>): void {
    for (const word of tuple.values[0].split(' ')) this.emit([word]);
  }
}

class Stats extends Bolt.define({}) {
  override process(): void {}
}

export default topology('lines')
  .spout('lines', Lines)
  .bolt('split', Split, { p: 2 })
  .shuffle('lines')
  .bolt('stats', Stats)
  .direct('lines', 'stats')
  .fields('split', ['word']);

// @ts-expect-error a Bolt subclass is not a spout
topology('x').spout('split', Split);
// @ts-expect-error Split reads 'line', which the 'word' stream does not carry
topology('x').spout('lines', Lines).bolt('split', Split).bolt('again', Split).shuffle('split');

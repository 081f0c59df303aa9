// The components the state benchmark runs: one reliable spout of [id, word] and the same count three ways (a Map
// in a plain Bolt, a StatefulBolt's state, the same with dedupe on the id), so the topologies differ only in how
// the counts are kept.
import { Bolt, ReliableSpout, StatefulBolt, type Tuple } from '../../lib/index.js';

const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];

export class IdWords extends ReliableSpout.define({ outputs: { default: ['id', 'word'] }, types: { id: String, word: String } }) {
  #emitted = 0;
  override nextTuple(): void {
    const n = ++this.#emitted;
    this.emit([`${this.context.taskId}-${n}`, WORDS[Math.floor(Math.random() * WORDS.length)]!], { id: n });
  }
}

export class PlainCount extends Bolt.define({ reads: ['id', 'word'], types: { id: String, word: String } }) {
  readonly #counts = new Map<string, number>();
  override process(tuple: Tuple<[string, string]>): void {
    const word = tuple.values[1];
    this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
  }
}

export class StateCount extends StatefulBolt.define({ reads: ['id', 'word'], types: { id: String, word: String }, state: { key: String, value: Number } }) {
  override process(tuple: Tuple<[string, string]>): void {
    const word = tuple.values[1];
    this.state.put(word, this.state.get(word, 0) + 1);
  }
}

export class DedupeCount extends StatefulBolt.define({
  reads: ['id', 'word'],
  types: { id: String, word: String },
  state: { key: String, value: Number },
  dedupe: { field: 'id', horizon: 100_000 },
}) {
  override process(tuple: Tuple<[string, string]>): void {
    const word = tuple.values[1];
    this.state.put(word, this.state.get(word, 0) + 1);
  }
}

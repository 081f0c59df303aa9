// Emits sentences for the Python splitter, reliably.
import { Spout } from 'storm-ts';

const SENTENCES = [
  'the quick brown fox jumps over the lazy dog',
  'storm processes streams in real time',
  'typescript and python share one topology',
];

export class SentenceSpout extends Spout.define({ outputs: { default: ['sentence'] }, types: { sentence: String } }) {
  #next = 0;

  override nextTuple(): void {
    const n = this.#next++;
    this.emit([SENTENCES[n % SENTENCES.length]!], { id: n });
  }
}

// Emits random words, reliably: every tuple carries an id, and ReliableSpout emits a failed one again.
import { ReliableSpout } from 'storm-ts';

const WORDS = ['apple', 'banana', 'cherry', 'storm', 'stream', 'typescript'];

export class WordSpout extends ReliableSpout.define({
  outputs: { default: ['word'] },
  types: { word: String },
}) {
  #emitted = 0;

  override nextTuple(): void {
    const word = WORDS[Math.floor(Math.random() * WORDS.length)]!;
    this.emit([word], { id: `${this.context.taskId}-${++this.#emitted}` });
  }
}

// Emits random words on the default stream ['word'], reliably: each tuple carries an id, and a failed one is
// emitted again (ReliableSpout) until it has failed three times.
import { ReliableSpout } from 'storm-ts';

const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];

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

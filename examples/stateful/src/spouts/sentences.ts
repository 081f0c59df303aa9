// Emits numbered sentences ['id', 'sentence'], reliably and without ever giving up (a failed one is emitted again
// until it is acked). Sentence n is always the same words, so a test can count what the spout sent.
import { ReliableSpout } from 'storm-ts';

const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];

/** The words of sentence n (1, 2, ...): two to four of them, picked by n alone. */
export function sentenceWords(n: number): string[] {
  const words: string[] = [];
  let x = n * 2654435761;
  for (let i = 0; i < 2 + (n % 3); i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    words.push(WORDS[x % WORDS.length]!);
  }
  return words;
}

export class SentenceSpout extends ReliableSpout.define({
  outputs: { default: ['id', 'sentence'] },
  types: { id: String, sentence: String },
}) {
  override maxFails = Infinity;
  #emitted = 0;

  override nextTuple(): void {
    const n = ++this.#emitted;
    this.emit([`s${n}`, sentenceWords(n).join(' ')], { id: n });
  }
}

// Emits numbered sentences ['id', 'sentence'], reliably and without ever giving up (a failed one is emitted again
// until it is acked). Sentence n is always the same words, so a test can count what the spouts sent:
// - with p tasks, task i (0-based) emits sentences i + 1, i + 1 + p, i + 1 + 2p, ...: together they emit 1, 2, 3, ...
//   exactly once each, whatever their speeds;
// - `sentences.total` (conf) stops them after sentence N: the run's sentences are then exactly 1..N;
// - each `next` emits up to BATCH sentences: every spout command is a round trip to the process (Storm's
//   ShellSpout), and Storm checks topology.max.spout.pending before each `next`, not each emit.
import { ReliableSpout, type ComponentContext, type Conf } from 'storm-ts';

const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];
/** How many sentences one `next` emits at most. */
const BATCH = 10;
export const SENTENCES_TOTAL = 'sentences.total';

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
  #next = 1;
  #step = 1;
  #last = Infinity;

  override initialize(conf: Conf, context: ComponentContext): void {
    const tasks = context.componentTasks(context.componentId);
    this.#next = tasks.indexOf(context.taskId) + 1;
    this.#step = tasks.length;
    const total = conf[SENTENCES_TOTAL];
    if (total === undefined) return;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 1) {
      throw new Error(`${SENTENCES_TOTAL} must be a whole number >= 1, got ${JSON.stringify(total)}`);
    }
    this.#last = total;
  }

  override nextTuple(): void {
    for (let i = 0; i < BATCH && this.#next <= this.#last; i++) {
      const n = this.#next;
      this.#next += this.#step;
      this.emit([`s${n}`, sentenceWords(n).join(' ')], { id: n });
    }
  }
}

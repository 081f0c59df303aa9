// Words with the time they happened (`ts`, ms since the epoch), as events from the outside world arrive: most a
// little out of order (up to a second behind), and one in a hundred far behind (8 s), too late for its window.
// Reliable: a failed tuple (a window task that died) is emitted again with its original timestamp.
import { ReliableSpout } from 'storm-ts';

const WORDS = ['apple', 'banana', 'cherry', 'dog', 'elephant', 'fig', 'grape', 'storm', 'stream', 'typescript'];
/** Tuples per second per spout task: the windows hold every tuple of the last 30 s, so the rate stays modest. */
const RATE = 50;

export class TimedWordSpout extends ReliableSpout.define({
  outputs: { default: ['word', 'ts'] },
  types: { word: String, ts: Number },
}) {
  #emitted = 0;
  #nextAt = 0;

  override nextTuple(): void {
    const now = Date.now();
    if (now < this.#nextAt) return;
    this.#nextAt = Math.max(this.#nextAt + 1000 / RATE, now - 1000);
    const n = ++this.#emitted;
    // Skewed towards the first words, so that the top three are stable enough to read.
    const word = WORDS[Math.floor(Math.random() ** 2 * WORDS.length)]!;
    const behind = n % 100 === 0 ? 8000 : Math.floor(Math.random() * 1000);
    this.emit([word, now - behind], { id: `${this.context.taskId}-${n}` });
  }
}

// Emits 0, 1, 2, ... reliably.
import { Spout } from 'storm-ts';

export class NumberSpout extends Spout.define({ outputs: { default: ['n'] }, types: { n: Number } }) {
  #next = 0;

  override nextTuple(): void {
    const n = this.#next++;
    this.emit([n], { id: n });
  }
}

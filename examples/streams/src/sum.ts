// Keeps a running sum of what it reads and emits it.
import { Bolt, type Tuple } from 'storm-ts';

export class Summer extends Bolt.define({ reads: ['n'], outputs: { default: ['sum'] }, types: { n: Number, sum: Number } }) {
  #sum = 0;

  override process(tuple: Tuple<[number]>): void {
    this.#sum += tuple.values[0];
    this.emit([this.#sum]);
  }
}

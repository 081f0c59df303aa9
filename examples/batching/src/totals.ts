// Adds up the batch counts per word and logs the totals as they change.
import { Bolt, type Tuple } from 'storm-ts';

export class Totals extends Bolt.define({ reads: ['word', 'count'], types: { word: String, count: Number } }) {
  readonly totals = new Map<string, number>();

  override process(tuple: Tuple<[string, number]>): void {
    const [word, count] = tuple.values;
    const total = (this.totals.get(word) ?? 0) + count;
    this.totals.set(word, total);
    this.log(`${word}: +${count} = ${total}`);
  }
}

// Counts the words the Python bolt emits.
import { Bolt, type Tuple } from 'stp';

export class WordCounter extends Bolt.define({ reads: ['word'], outputs: { default: ['word', 'count'] }, types: { word: String, count: Number } }) {
  readonly counts = new Map<string, number>();

  override process(tuple: Tuple<[string]>): void {
    const [word] = tuple.values;
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    this.emit([word, count]);
  }
}

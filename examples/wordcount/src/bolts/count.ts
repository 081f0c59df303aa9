// Counts words and emits ['word', 'count'] anchored to the input (autoAnchor), which is acked when process returns.
import { Bolt, type Tuple } from 'storm-ts';

export class WordCounter extends Bolt.define({
  reads: ['word'],
  outputs: { default: ['word', 'count'] },
  types: { word: String, count: Number },
}) {
  readonly counts = new Map<string, number>();

  override process(tuple: Tuple<[string]>): void {
    const [word] = tuple.values;
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    this.emit([word, count]);
    if (count % 1000 === 0) this.log(`counted ${word} ${count} times`);
  }
}

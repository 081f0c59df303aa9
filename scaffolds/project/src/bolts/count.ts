// Counts words. Emits are anchored to the input and the input is acked when process() returns (streamparse's
// auto_anchor / auto_ack, both on by default).
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
    if (count % 100 === 0) this.log(`counted ${word} ${count} times`);
  }
}

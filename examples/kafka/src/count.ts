// Counts the words a Kafka topic carries.
import { Bolt, type Tuple } from 'storm-ts';

export class KafkaWordCounter extends Bolt.define({ reads: ['word', 'offset'], outputs: { default: ['word', 'count'] }, types: { word: String, offset: Number, count: Number } }) {
  readonly counts = new Map<string, number>();

  override process(tuple: Tuple<[string, number]>): void {
    const [word] = tuple.values;
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    this.emit([word, count]);
  }
}

// A BatchingBolt (streamparse's): words are grouped by word as they arrive and each group is counted once every
// two seconds, driven by tick tuples; the whole batch is acked after processBatch returns.
import { BatchingBolt, type Tuple } from 'storm-ts';

export class BatchCounter extends BatchingBolt.define({
  reads: ['word'],
  outputs: { default: ['word', 'count'] },
  types: { word: String, count: Number },
}) {
  override secsBetweenBatches = 2;

  override groupKey(tuple: Tuple<[string]>): string {
    return tuple.values[0];
  }

  override processBatch(word: unknown, tuples: Tuple<[string]>[]): void {
    this.emit([String(word), tuples.length]);
  }
}

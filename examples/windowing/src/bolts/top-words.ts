// The top three words of the last 30 seconds, every 5 seconds, by the time the words happened (event time): a
// sliding window of 30 s that slides by 5 s, over the `ts` field, with 2 s of lag allowed. Words later than that
// go out on the `late` stream, as they were read. Each ranking is anchored to every word of its window, and a word
// is acked once it has left its last window.
import { WindowedBolt, type TupleWindow } from 'storm-ts';

const TOP = 3;

export class TopWords extends WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['rank', 'word', 'count', 'windowEnd'], late: ['word', 'ts'] },
  types: { word: String, ts: Number, rank: Number, count: Number, windowEnd: Number },
  window: {
    length: { seconds: 30 },
    slide: { seconds: 5 },
    timestampField: 'ts',
    lag: { seconds: 2 },
    lateStream: 'late',
  },
}) {
  override processWindow(window: TupleWindow<[string, number]>): void {
    const counts = new Map<string, number>();
    for (const { values: [word] } of window.tuples) counts.set(word, (counts.get(word) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP);
    top.forEach(([word, count], i) => this.emit([i + 1, word, count, window.end]));
  }
}

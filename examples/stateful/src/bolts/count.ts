// Word counts kept in the bolt's state, which Storm's checkpoints save: a task that dies and restarts goes on
// from the last committed counts instead of from zero.
// - WordCounter declares dedupe on the word's id: a replayed word that was already counted is acked without being
//   counted again (effectively once, within the last 100,000 ids of each task).
// - AtLeastOnceCounter is Storm's own guarantee: after a crash, words counted after the last commit are counted
//   again when they are replayed, so a count may be above the truth, never below.
import { StatefulBolt, type Tuple } from 'storm-ts';

export class WordCounter extends StatefulBolt.define({
  reads: ['id', 'word'],
  types: { id: String, word: String },
  state: { key: String, value: Number },
  dedupe: { field: 'id', horizon: 100_000 },
}) {
  override process(tuple: Tuple<[string, string]>): void {
    const [, word] = tuple.values;
    this.state.put(word, this.state.get(word, 0) + 1);
  }
}

export class AtLeastOnceCounter extends StatefulBolt.define({
  reads: ['word'],
  types: { word: String },
  state: { key: String, value: Number },
}) {
  override process(tuple: Tuple<[string]>): void {
    const [word] = tuple.values;
    this.state.put(word, this.state.get(word, 0) + 1);
  }
}

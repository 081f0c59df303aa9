// A StatefulWindowedBolt: `this.state` typed from state, the window's tuples typed from reads and types.
import { StatefulWindowedBolt, type TupleWindow } from '../../../lib/index.js';

export class Totals extends StatefulWindowedBolt.define({
  reads: ['seq', 'word'],
  types: { seq: Number, word: String },
  outputs: { default: ['word', 'count'] },
  window: { length: { count: 20 }, slide: { count: 10 } },
  state: { key: String, value: Number },
  messageIdField: 'seq',
}) {
  override processWindow(window: TupleWindow<[number, string]>): void {
    for (const tuple of window.tuples) {
      const [seq, word] = tuple.values;
      const count: number = this.state.get(word, 0) + 1;
      this.state.put(word, count);
      this.emit([word, count + seq * 0]);
    }
  }

  override initState(): void {
    const before: number | undefined = this.state.get('x');
    // @ts-expect-error a value of the wrong type
    this.state.put('x', 'one');
    void before;
  }
}

// A StatefulWindowedBolt for the tests: tumbling windows of 5 numbered tuples ('n' is the message id); the state
// counts the windows and the tuples they held, and each window's summary goes out.
import { StatefulWindowedBolt, type TupleWindow } from 'storm-ts';

export class WindowTotals extends StatefulWindowedBolt.define({
  reads: ['n', 'ts'],
  types: { n: Number, ts: Number },
  outputs: { default: ['windows', 'size', 'first', 'last', 'tuples'] },
  window: { tumbling: { count: 5 } },
  state: { key: String, value: Number },
  messageIdField: 'n',
}) {
  override processWindow(window: TupleWindow<[number, number]>): void {
    const windows = this.state.get('windows', 0) + 1;
    const tuples = this.state.get('tuples', 0) + window.tuples.length;
    this.state.put('windows', windows);
    this.state.put('tuples', tuples);
    const ns = window.tuples.map((t) => t.values[0]);
    this.emit([windows, ns.length, Math.min(...ns), Math.max(...ns), tuples]);
  }
}

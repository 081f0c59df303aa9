// Issue 23's topology: a reliable spout of a fixed number of lines, a bolt that explodes each line into
// conf `test.fanout` tuples (a tokenizer or an explode step), and a sink slower than the bolt feeding it.
import { Bolt, ReliableSpout, type Tuple } from 'storm-ts';

/** Emits conf `test.lines` lines with ids, then nothing (replays of failed ones come from ReliableSpout). */
export class Lines extends ReliableSpout.define({ outputs: { default: ['line'] }, types: { line: String } }) {
  #n = 0;

  override nextTuple(): void {
    if (this.#n >= Number(this.conf['test.lines'] ?? 10)) return;
    const n = ++this.#n;
    this.emit([`line-${this.context.taskId}-${n}`], { id: String(n) });
  }
}

/** Emits conf `test.fanout` tuples per input, anchored (acked for you once all are emitted). */
export class Explode extends Bolt.define({ reads: ['line'], outputs: { default: ['line', 'i'] }, types: { line: String, i: Number } }) {
  override process(tuple: Tuple<[string]>): void {
    const n = Number(this.conf['test.fanout'] ?? 20_000);
    for (let i = 0; i < n; i++) this.emit([tuple.values[0], i]);
  }
}

/** Spends conf `test.spinUs` microseconds of CPU on every tuple: slower than the bolt that feeds it. */
export class SlowSink extends Bolt.define({}) {
  override process(): void {
    const until = performance.now() + Number(this.conf['test.spinUs'] ?? 20) / 1000;
    while (performance.now() < until);
  }
}

// Logs each ranking and each late word: what a dashboard or a store would receive.
import { Bolt, type Tuple } from 'storm-ts';

export class Report extends Bolt.define({}) {
  override process(tuple: Tuple): void {
    if (tuple.stream === 'late') {
      const [word, ts] = tuple.values as [string, number];
      this.log(`late: ${word} from ${Date.now() - ts} ms ago`);
    } else {
      const [rank, word, count, windowEnd] = tuple.values as [number, string, number, number];
      this.log(`#${rank} ${word} (${count}) in the 30 s to ${new Date(windowEnd).toISOString()}`);
    }
  }
}

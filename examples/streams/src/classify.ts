// Splits one stream into several: even numbers on 'even', odd ones on 'odd', and every number also directly to
// the 'shards' task that owns it (n mod the number of shard tasks), on the direct stream 'shards'.
import { Bolt, type Tuple } from 'storm-ts';

export class Classifier extends Bolt.define({
  reads: ['n'],
  outputs: { even: ['n'], odd: ['n'], shards: { fields: ['n'], direct: true } },
  types: { n: Number },
}) {
  #shardTasks: number[] = [];

  override initialize(): void {
    this.#shardTasks = this.context.componentTasks('shard');
  }

  override process(tuple: Tuple<[number]>): void {
    const [n] = tuple.values;
    this.emit([n], { stream: n % 2 === 0 ? 'even' : 'odd' });
    const owner = this.#shardTasks[n % this.#shardTasks.length];
    if (owner !== undefined) this.emit([n], { stream: 'shards', directTask: owner });
  }
}

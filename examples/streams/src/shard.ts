// Receives numbers by direct grouping and checks each one was meant for this task.
import { Bolt, type Tuple } from 'storm-ts';

export class Shard extends Bolt.define({ reads: ['n'], types: { n: Number } }) {
  override process(tuple: Tuple<[number]>): void {
    const tasks = this.context.componentTasks(this.context.componentId);
    const [n] = tuple.values;
    if (tasks[n % tasks.length] !== this.context.taskId) throw new Error(`number ${n} reached shard task ${this.context.taskId}`);
  }
}

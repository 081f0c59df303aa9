// dedupe's memory: the ids of the inputs a task applied, the last `horizon` of them, kept as a state of their own
// (ids as keys, an increasing sequence number as values) in the task's namespace, so they are prepared, committed
// and rolled back in the same transactions as the values they protect. A replayed input whose id is here was
// applied after the last commit that its ack waited for, or before it: either way it is not applied again.
import { KeyValueState } from './key-value-state.js';

/** The ids' prefix in the store: user keys are JSON and never start with it. */
export const APPLIED_ID_PREFIX = '~';

export class AppliedIds {
  readonly state = new KeyValueState<string, number>(() => undefined, APPLIED_ID_PREFIX);
  /** Ids in the order they were applied, with their sequence number; `#head` is the oldest still counted. */
  #order: [string, number][] = [];
  #head = 0;
  #next = 0;

  constructor(readonly horizon: number) {}

  has(id: string): boolean {
    return this.state.get(id) !== undefined;
  }

  add(id: string): void {
    const seq = this.#next++;
    this.state.put(id, seq);
    this.#order.push([id, seq]);
    while (this.#order.length - this.#head > this.horizon) {
      const [oldest, oldSeq] = this.#order[this.#head++]!;
      // The same id applied again later (after a rollback) has a newer number: keep it.
      if (this.state.get(oldest) === oldSeq) this.state.delete(oldest);
    }
    if (this.#head > 4096 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  /** An input whose process() threw: it counts as not applied, so its replay runs. */
  forget(id: string): void {
    this.state.delete(id);
  }

  /** After a restore or a rollback: the order again from what the state holds. */
  reorder(): void {
    this.#order = [...this.state.entries()].sort((a, b) => a[1] - b[1]);
    this.#head = 0;
    this.#next = this.#order.length > 0 ? this.#order[this.#order.length - 1]![1] + 1 : 0;
  }
}

// BatchingBolt (streamparse's): tuples are grouped by `groupKey` as they arrive and each group is handed to
// `processBatch` every `secsBetweenBatches`, driven by tick tuples (set `topology.tick.tuple.freq.secs`).
// The whole batch is acked after `processBatch` returns, or failed when it throws; emits during `processBatch`
// are anchored to every tuple of the batch.
import { ATTACH, type Channel } from './channel.js';
import { ComponentCallbackError } from './callback-error.js';
import type { ComponentContext, Conf } from './context.js';
import type { ComponentDeclaration, DefinedComponent } from './declaration.js';
import { Bolt } from './bolt.js';
import type { Tuple } from './tuple.js';
import type { ReadValues, UndeclaredComponent } from './typing.js';

const TICK_FREQ = 'topology.tick.tuple.freq.secs';

export abstract class BatchingBolt<TDecl extends ComponentDeclaration = UndeclaredComponent> extends Bolt<TDecl> {
  static override define<const TDecl extends ComponentDeclaration>(declaration: TDecl): DefinedComponent<BatchingBolt<TDecl>, TDecl> {
    abstract class DeclaredBatchingBolt extends BatchingBolt<TDecl> {
      static override readonly declaration: TDecl = declaration;
    }
    return DeclaredBatchingBolt;
  }

  /** Seconds between flushes, counted from the tick tuples' frequency. */
  secsBetweenBatches = 2;

  #batches = new Map<unknown, Tuple<ReadValues<TDecl>>[]>();
  #secsSinceFlush = 0;

  /** The batch a tuple belongs to (compared with `===`, so use strings or numbers). Default: one batch. */
  groupKey(_tuple: Tuple<ReadValues<TDecl>>): unknown {
    return null;
  }

  /** Processes one batch; emits are anchored to all of its tuples. */
  abstract processBatch(key: unknown, tuples: Tuple<ReadValues<TDecl>>[]): void | Promise<void>;

  /** Adds the tuple to its batch. Do not override: override `groupKey` instead. */
  override process(tuple: Tuple<ReadValues<TDecl>>): void {
    const key = this.groupKey(tuple);
    const batch = this.#batches.get(key);
    if (batch) batch.push(tuple);
    else this.#batches.set(key, [tuple]);
  }

  /** Counts tick seconds and flushes every batch when `secsBetweenBatches` have passed. */
  override processTick(tick: Tuple<[number]>): void | Promise<void> {
    const freq = Number(tick.values[0]);
    this.#secsSinceFlush += Number.isFinite(freq) && freq > 0 ? freq : 1;
    if (this.#secsSinceFlush < this.secsBetweenBatches) return;
    this.#secsSinceFlush = 0;
    return this.flush();
  }

  /** Processes and clears every pending batch now, in arrival order of their first tuple. */
  async flush(): Promise<void> {
    const batches = [...this.#batches];
    this.#batches.clear();
    for (const [key, tuples] of batches) {
      await this.runTuples(tuples, () => this.processBatch(key, tuples), this.autoAck, `processBatch(${String(key)})`);
    }
  }

  override [ATTACH](channel: Channel, conf: Conf, context: ComponentContext): void {
    super[ATTACH](channel, conf, context);
    if (!(Number(conf[TICK_FREQ]) > 0)) {
      channel.log(
        'warn',
        `${this.constructor.name}: '${TICK_FREQ}' is not set (got ${JSON.stringify(conf[TICK_FREQ])}), so batches are never flushed; set it, e.g. to 1, in the topology or component conf`,
      );
    }
  }

  protected override receiveTuple(tuple: Tuple): void {
    try {
      this.process(tuple as Tuple<ReadValues<TDecl>>);
    } catch (error) {
      if (this.autoFail) this.fail(tuple);
      throw new ComponentCallbackError(`groupKey() failed for ${tuple.toString()}`, error);
    }
  }
}

// The checkpoint spout stp adds to a topology with stateful bolts (Storm's CheckpointSpout, as a multilang spout):
// one task that emits [txid, action] on `$checkpoint`, with the txid as message id, and moves its transaction on
// when the tuple tree is acked: PREPARE, then COMMIT, then (after topology.state.checkpoint.interval.ms) the next
// txid. A failed tree (a bolt that could not prepare, a timeout) starts recovery: ROLLBACK of a transaction still
// preparing (or COMMIT of one already committing), then INITSTATE, until acked. Its own transaction state is kept
// in the same store as the bolts' state, under `$checkpointspout-<task>`.
import type { ComponentContext, Conf } from '../components/context.js';
import { Spout } from '../components/spout.js';
import type { TupleId } from '../multilang/messages.js';
import {
  CHECKPOINT_FIELDS,
  CHECKPOINT_INTERVAL_KEY,
  CHECKPOINT_STREAM,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  MIN_CHECKPOINT_INTERVAL_MS,
  nextAction,
  nextTxState,
  type TxState,
} from './checkpoint.js';
import { encodeKey } from './key-value-state.js';
import type { StateStore } from './store.js';

/** Storm's key for the spout's transaction state. */
const TX_STATE_KEY = encodeKey('__state');

// Pure: topologies without state leave this class, and its store code, out of their bundles.
export class CheckpointSpout extends /* @__PURE__ */ Spout.define({ outputs: { $checkpoint: CHECKPOINT_FIELDS } }) {
  #store: StateStore | undefined;
  #tx: TxState = { txid: -1, phase: 'COMMITTED' };
  #intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
  #lastCheckpointAt = 0;
  #recovering = true;
  #recoveryStep = false;
  #checkpointStep = false;

  override async initialize(conf: Conf, context: ComponentContext): Promise<void> {
    const interval = Number(conf[CHECKPOINT_INTERVAL_KEY] ?? DEFAULT_CHECKPOINT_INTERVAL_MS);
    this.#intervalMs = Math.max(MIN_CHECKPOINT_INTERVAL_MS, Number.isFinite(interval) ? interval : DEFAULT_CHECKPOINT_INTERVAL_MS);
    // Storm sleeps a tenth of the interval when there is nothing to do.
    this.idleSleepMs = Math.floor(this.#intervalMs / 10);
    const { openStore, storeChoice } = await import('./provider.js');
    this.#store = await openStore(storeChoice(conf, `component '${context.componentId}'`), `${context.componentId}-${context.taskId}`);
    const saved = (await this.#store.load()).committed.get(TX_STATE_KEY);
    if (saved === undefined) await this.#save({ txid: -1, phase: 'COMMITTED' });
    else this.#tx = JSON.parse(saved) as TxState;
    this.log(`checkpoint interval ${this.#intervalMs} ms; transaction ${this.#tx.txid} ${this.#tx.phase}; store ${this.#store.where}`);
  }

  override async nextTuple(): Promise<void> {
    if (this.#recovering && !this.#recoveryStep) {
      this.#emit(nextAction(this.#tx, true));
      this.#recoveryStep = true;
    } else if (!this.#recovering && !this.#checkpointStep && (this.#tx.phase !== 'COMMITTED' || Date.now() - this.#lastCheckpointAt > this.#intervalMs)) {
      if (this.#tx.phase === 'COMMITTED') {
        if (!(await this.#save(nextTxState(this.#tx, false)))) return;
        this.#lastCheckpointAt = Date.now();
      }
      this.#emit(nextAction(this.#tx, false));
      this.#checkpointStep = true;
    }
  }

  override async ack(id: TupleId): Promise<void> {
    if (Number(id) === this.#tx.txid) {
      if (this.#recovering) {
        const next = nextTxState(this.#tx, true);
        if (next !== this.#tx) await this.#save(next);
        else this.#recovering = false;
      } else if (!(await this.#save(nextTxState(this.#tx, false)))) {
        // The store did not take the new phase: recover from the one it has.
        this.#recovering = true;
      }
    } else {
      this.log(`ack of txid ${String(id)} while the transaction is ${this.#tx.txid}; ignored`, 'warn');
    }
    this.#resetProgress();
  }

  override fail(_id: TupleId): void {
    this.#recovering = true;
    this.#resetProgress();
  }

  #emit(action: string): void {
    this.emit([this.#tx.txid, action], { stream: CHECKPOINT_STREAM, id: this.#tx.txid });
  }

  /** Saves the transaction state; false (and a warning) when the store is out of reach, so the step is retried. */
  async #save(tx: TxState): Promise<boolean> {
    try {
      await this.#store!.write(new Map([[TX_STATE_KEY, JSON.stringify(tx)]]));
    } catch (error) {
      this.log(`cannot save transaction ${tx.txid} ${tx.phase}: ${(error as Error).message}`, 'warn');
      return false;
    }
    this.#tx = tx;
    return true;
  }

  #resetProgress(): void {
    if (this.#recovering) this.#recoveryStep = false;
    else this.#checkpointStep = false;
  }
}

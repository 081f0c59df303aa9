// What every stateful bolt does with Storm's checkpoint protocol, as StatefulBoltExecutor does it around an
// IStatefulBolt (StatefulBolt and StatefulWindowedBolt both use it):
// - the task's states are loaded from the store at the first checkpoint; tuples that arrive before INITSTATE wait;
// - acks are held: a PREPARE moves them to the prepared transaction, its COMMIT sends them, a ROLLBACK fails them
//   (so the spout replays them);
// - a PREPARE that reaches a task whose state is not initialized (a restarted task) fails, which starts Storm's
//   recovery: ROLLBACK everywhere, then INITSTATE.
import type { ComponentContext, Conf } from '../components/context.js';
import type { Tuple } from '../components/tuple.js';
import type { CheckpointAction } from './checkpoint.js';
import { StateTransaction, type KeyValueState, type StateKey } from './key-value-state.js';

type AnyState = KeyValueState<StateKey, unknown>;

/** The bolt's public side the checkpoints use: its conf, context and Storm's hooks. */
export interface StatefulHooks {
  readonly conf: Conf;
  readonly context: ComponentContext;
  prePrepare(txid: number): void | Promise<void>;
  preCommit(txid: number): void | Promise<void>;
  preRollback(): void | Promise<void>;
  reportError(error: unknown, what?: string): void;
}

/** How the checkpoints reach Storm (Bolt's protected methods, as closures: Bolt.checkpointOutputs). */
export interface CheckpointOutputs {
  sendAck(id: string): void;
  failNow(tuple: Tuple | string): void;
  ackNow(tuple: Tuple): void;
  forwardCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): void;
}

/** What each kind of stateful bolt adds. */
export interface TaskParts {
  /** The task's states, made once; they share the task's namespace `<component>-<task>` in the store. */
  states(): readonly AnyState[];
  /** After the store was loaded (again, after a failure). */
  loaded?(): void;
  /** At the first INITSTATE: the user's initState, and what the bolt does before it takes tuples. */
  initState(): void | Promise<void>;
  /** After a ROLLBACK discarded what was not committed. */
  rolledBack?(): void;
  /** Handles a tuple that waited for INITSTATE. */
  receive(tuple: Tuple): void | Promise<void>;
}

export class CheckpointedTask {
  #transaction: StateTransaction | undefined;
  #loading: Promise<void> | undefined;
  #initialized = false;
  /** Tuples that arrived before INITSTATE. */
  #waiting: Tuple[] = [];
  /** Processed tuples whose acks wait for the next PREPARE, then for its COMMIT. */
  #acked: string[] = [];
  #prepared: string[] = [];

  constructor(
    private readonly bolt: StatefulHooks,
    private readonly out: CheckpointOutputs,
    private readonly parts: TaskParts,
  ) {}

  /** From INITSTATE on (until a failed INITSTATE). */
  get initialized(): boolean {
    return this.#initialized;
  }

  /** Keeps a tuple that arrived before INITSTATE; it is handed to `receive` once the state is initialized. */
  wait(tuple: Tuple): void {
    this.#waiting.push(tuple);
  }

  /** Holds the ack of a processed tuple until the checkpoint after it commits. */
  holdAck(id: string): void {
    this.#acked.push(id);
  }

  /** A checkpoint that arrived from every input task: prepare, commit, roll back or initialize; forward and ack it. */
  async handle(tuple: Tuple, action: CheckpointAction, txid: number): Promise<void> {
    const { bolt, out, parts } = this;
    let initialized = false;
    try {
      await this.#load();
      const transaction = this.#transaction!;
      switch (action) {
        case 'PREPARE':
          if (!this.#initialized) {
            // A task that restarted since the last INITSTATE: fail the checkpoint so that recovery runs.
            out.failNow(tuple);
            return;
          }
          await bolt.prePrepare(txid);
          await transaction.prepare(txid);
          this.#prepared.push(...this.#acked.splice(0));
          break;
        case 'COMMIT':
          await bolt.preCommit(txid);
          await transaction.commit(txid);
          for (const id of this.#prepared.splice(0)) out.sendAck(id);
          break;
        case 'ROLLBACK':
          await bolt.preRollback();
          for (const id of [...this.#prepared.splice(0), ...this.#acked.splice(0)]) out.failNow(id);
          await transaction.rollback();
          parts.rolledBack?.();
          break;
        case 'INITSTATE':
          if (!this.#initialized) {
            this.#initialized = true;
            initialized = true;
            await parts.initState();
          }
          break;
      }
    } catch (error) {
      if (initialized) this.#initialized = false;
      out.failNow(tuple);
      bolt.reportError(error, `${bolt.constructor.name}: checkpoint ${action} of txid ${txid} failed; Storm's recovery will retry it`);
      return;
    }
    out.forwardCheckpoint(tuple, action, txid);
    out.ackNow(tuple);
    if (initialized) for (const waiting of this.#waiting.splice(0)) await parts.receive(waiting);
  }

  /** Opens the store and loads this task's states, once (again after a failure). */
  #load(): Promise<void> {
    this.#loading ??= this.#open().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #open(): Promise<void> {
    const bolt = this.bolt;
    if (!this.#transaction) {
      const namespace = `${bolt.context.componentId}-${bolt.context.taskId}`;
      // Loaded here: a bundle without stateful bolts leaves the store code out.
      const { openStore, storeChoice } = await import('./provider.js');
      const store = await openStore(storeChoice(bolt.conf, `component '${bolt.context.componentId}'`), namespace);
      this.#transaction = new StateTransaction(store, this.parts.states());
    }
    await this.#transaction.load();
    this.parts.loaded?.();
  }
}

// StatefulBolt: a bolt with a typed key-value state (`this.state`) that Storm's checkpoint protocol saves, as
// Storm's StatefulBoltExecutor does for an IStatefulBolt:
// - tuples are processed as in any bolt (emits anchored to the input), but their acks are held: a PREPARE moves
//   them to the prepared transaction, its COMMIT sends them, a ROLLBACK fails them (so the spout replays them);
// - the state is loaded from the store at the first checkpoint; tuples that arrive before INITSTATE wait;
// - a PREPARE that reaches a bolt whose state is not initialized (a restarted task) fails, which starts Storm's
//   recovery: ROLLBACK everywhere, then INITSTATE.
// With `dedupe`, the ids of applied inputs are kept in the state too, and an input seen before is acked without
// running process() again.
import { Bolt } from '../components/bolt.js';
import type { ComponentDeclaration, DefinedComponent } from '../components/declaration.js';
import type { Tuple } from '../components/tuple.js';
import { AppliedIds } from './applied-ids.js';
import type { CheckpointAction } from './checkpoint.js';
import { checkStatefulDeclaration, valueChecker, type StatefulDeclaration, type StatefulChecks, type StateKeyOf, type StateValueOf } from './declaration.js';
import { KeyValueState, StateTransaction, type StateKey } from './key-value-state.js';

/** Bolt, without its static side: StatefulBolt.define takes a declaration with a state, which Bolt.define does not need. */
const StatefulBase: abstract new <TDecl extends ComponentDeclaration>() => Bolt<TDecl> = Bolt;

export abstract class StatefulBolt<TDecl extends StatefulDeclaration = StatefulDeclaration> extends StatefulBase<TDecl> {
  /** How the builder knows to add the checkpoint spout and streams. */
  static readonly stateful = true;

  /**
   * A base class typed from `declaration`: as Bolt.define, plus `state: { key, value }` (the types of
   * `this.state`) and optionally `dedupe: { field, horizon }`.
   */
  static define<const TDecl extends StatefulDeclaration>(
    declaration: TDecl & StatefulChecks<TDecl>,
  ): DefinedComponent<StatefulBolt<TDecl>, TDecl> {
    const decl: TDecl = declaration;
    checkStatefulDeclaration('a StatefulBolt', decl);
    abstract class DeclaredStatefulBolt extends StatefulBolt<TDecl> {
      static readonly declaration: TDecl = decl;
    }
    return DeclaredStatefulBolt;
  }

  #state: KeyValueState<StateKeyOf<TDecl>, StateValueOf<TDecl>> | undefined;
  #ids: AppliedIds | undefined;
  #transaction: StateTransaction | undefined;
  #loading: Promise<void> | undefined;
  #initialized = false;
  /** Tuples that arrived before INITSTATE. */
  #waiting: Tuple[] = [];
  /** Processed tuples whose acks wait for the next PREPARE, then for its COMMIT. */
  #acked: string[] = [];
  #prepared: string[] = [];
  /** Where each input's dedupe id sits in `tuple.values`. */
  #idIndex = -1;

  /** The state: from `initState()` on (Storm hands it to initState; here it is always `this.state`). */
  get state(): KeyValueState<StateKeyOf<TDecl>, StateValueOf<TDecl>> {
    if (!this.#state || !this.#initialized) {
      throw new Error(`${this.constructor.name}: this.state is only available from initState() on, once the checkpoint spout's INITSTATE arrived`);
    }
    return this.#state;
  }

  /** Called once the state was loaded from the store, before the first tuple is processed. May be async. */
  initState(): void | Promise<void> {}
  /** Called before the state is prepared for commit (Storm's prePrepare). */
  prePrepare(_txid: number): void | Promise<void> {}
  /** Called before the prepared state is committed (Storm's preCommit). */
  preCommit(_txid: number): void | Promise<void> {}
  /** Called before the state is rolled back to the last commit (Storm's preRollback). */
  preRollback(): void | Promise<void> {}

  /** @internal */
  protected override receiveTuple(tuple: Tuple): void | Promise<void> {
    if (!this.#initialized) {
      this.#waiting.push(tuple);
      return;
    }
    const ids = this.#ids;
    if (!ids) return super.receiveTuple(tuple);
    const id = String(tuple.values[this.#idIndex]);
    if (ids.has(id)) {
      // Applied before: acked with the next commit, like the tuples processed since the last one.
      this.ack(tuple);
      return;
    }
    ids.add(id);
    try {
      const result = super.receiveTuple(tuple);
      if (result) return result.catch((error: unknown) => this.#notApplied(ids, id, error));
    } catch (error) {
      this.#notApplied(ids, id, error);
    }
  }

  #notApplied(ids: AppliedIds, id: string, error: unknown): never {
    ids.forget(id);
    throw error;
  }

  /** @internal Holds the ack until the checkpoint after this tuple commits. */
  protected override settleAck(id: string): void {
    this.#acked.push(id);
  }

  /** @internal */
  protected override async handleCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): Promise<void> {
    let initialized = false;
    try {
      await this.#load();
      const transaction = this.#transaction!;
      switch (action) {
        case 'PREPARE':
          if (!this.#initialized) {
            // A task that restarted since the last INITSTATE: fail the checkpoint so that recovery runs.
            this.failNow(tuple);
            return;
          }
          await this.prePrepare(txid);
          await transaction.prepare(txid);
          this.#prepared.push(...this.#acked.splice(0));
          break;
        case 'COMMIT':
          await this.preCommit(txid);
          await transaction.commit(txid);
          for (const id of this.#prepared.splice(0)) this.channel.send({ command: 'ack', id });
          break;
        case 'ROLLBACK':
          await this.preRollback();
          for (const id of [...this.#prepared.splice(0), ...this.#acked.splice(0)]) this.failNow(id);
          await transaction.rollback();
          this.#ids?.reorder();
          break;
        case 'INITSTATE':
          if (!this.#initialized) {
            this.#initialized = true;
            initialized = true;
            await this.initState();
          }
          break;
      }
    } catch (error) {
      if (initialized) this.#initialized = false;
      this.failNow(tuple);
      this.reportError(error, `${this.constructor.name}: checkpoint ${action} of txid ${txid} failed; Storm's recovery will retry it`);
      return;
    }
    this.forwardCheckpoint(tuple, action, txid);
    this.ackNow(tuple);
    if (initialized) for (const waiting of this.#waiting.splice(0)) await this.receiveTuple(waiting);
  }

  /** Opens the store and loads this task's state, once (again after a failure). */
  #load(): Promise<void> {
    this.#loading ??= this.#open().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #open(): Promise<void> {
    const declaration = (this.constructor as unknown as { declaration: TDecl }).declaration;
    if (!this.#transaction) {
      const namespace = `${this.context.componentId}-${this.context.taskId}`;
      // Loaded here: a bundle without stateful bolts leaves the store code out.
      const { openStore, storeChoice } = await import('./provider.js');
      const store = await openStore(storeChoice(this.conf, `component '${this.context.componentId}'`), namespace);
      this.#state = new KeyValueState(valueChecker(declaration));
      const states: KeyValueState<StateKey, unknown>[] = [this.#state as unknown as KeyValueState<StateKey, unknown>];
      if (declaration.dedupe) {
        this.#ids = new AppliedIds(declaration.dedupe.horizon);
        this.#idIndex = (declaration.reads ?? []).indexOf(declaration.dedupe.field);
        states.push(this.#ids.state as unknown as KeyValueState<StateKey, unknown>);
      }
      this.#transaction = new StateTransaction(store, states);
    }
    await this.#transaction.load();
    this.#ids?.reorder();
  }
}

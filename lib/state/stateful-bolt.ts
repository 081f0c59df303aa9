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
import { CheckpointedTask } from './checkpointed-task.js';
import { checkStatefulDeclaration, valueChecker, type StatefulDeclaration, type StatefulChecks, type StateKeyOf, type StateValueOf } from './declaration.js';
import { KeyValueState, type StateKey } from './key-value-state.js';

type AnyState = KeyValueState<StateKey, unknown>;

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
  /** Where each input's dedupe id sits in `tuple.values`. */
  #idIndex = -1;
  readonly #task = new CheckpointedTask(this, this.checkpointOutputs(), {
    states: () => {
      const declaration = (this.constructor as unknown as { declaration: TDecl }).declaration;
      this.#state = new KeyValueState(valueChecker(declaration));
      const states: AnyState[] = [this.#state as unknown as AnyState];
      if (declaration.dedupe) {
        this.#ids = new AppliedIds(declaration.dedupe.horizon);
        this.#idIndex = (declaration.reads ?? []).indexOf(declaration.dedupe.field);
        states.push(this.#ids.state as unknown as AnyState);
      }
      return states;
    },
    loaded: () => this.#ids?.reorder(),
    rolledBack: () => this.#ids?.reorder(),
    initState: () => this.initState(),
    receive: (tuple) => this.receiveTuple(tuple),
  });

  /** The state: from `initState()` on (Storm hands it to initState; here it is always `this.state`). */
  get state(): KeyValueState<StateKeyOf<TDecl>, StateValueOf<TDecl>> {
    if (!this.#state || !this.#task.initialized) {
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
    if (!this.#task.initialized) {
      this.#task.wait(tuple);
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
    this.#task.holdAck(id);
  }

  /** @internal */
  protected override handleCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): Promise<void> {
    return this.#task.handle(tuple, action, txid);
  }
}

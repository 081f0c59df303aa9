// StatefulWindowedBolt: a WindowedBolt with a typed key-value state (`this.state`) saved by Storm's checkpoint
// protocol, as Storm's StatefulWindowedBoltExecutor (inside a StatefulBoltExecutor) runs an IStatefulWindowedBolt:
// - every input carries a message id (`messageIdField`, a number that grows per source task and stream);
// - besides the user's state, the task keeps per (source task, stream) the last id that expired and the last one a
//   window evaluated, updated after each window and committed in the same transactions as the user's state;
// - tuples are acked when they leave every window, and those acks are held until the next checkpoint commits;
// - after a restart (INITSTATE finds saved window state), a replayed tuple whose id <= lastExpired is acked and
//   dropped, one <= lastEvaluated goes back into the windows without firing them, and the first greater id ends
//   the recovery of its (task, stream); once every saved (task, stream) is out of recovery the triggers start and
//   the tuples held meanwhile are added. Windows are kept in memory only (not Storm's persistent windows).
import type { ComponentDeclaration, DefinedComponent } from '../components/declaration.js';
import type { Tuple } from '../components/tuple.js';
import { checkWindowDeclaration, WindowedBolt } from '../components/windowed-bolt.js';
import type { WindowChecks } from '../components/window-typing.js';
import type { NumberReadFieldProblem } from '../components/read-field-typing.js';
import type { StpTypeError } from '../topology/type-error.js';
import type { BuiltWindow } from '../windowing/window-manager.js';
import type { WindowDeclaration } from '../windowing/window-spec.js';
import { CHECKPOINT_STREAM, type CheckpointAction } from './checkpoint.js';
import { CheckpointedTask } from './checkpointed-task.js';
import { checkStatefulDeclaration, valueChecker, type StateDeclaration, type StatefulChecks, type StateKeyOf, type StateValueOf } from './declaration.js';
import { KeyValueState, type StateKey } from './key-value-state.js';

export interface StatefulWindowedDeclaration extends ComponentDeclaration {
  readonly window: WindowDeclaration;
  readonly state: StateDeclaration;
  /** A field of `reads`, typed Number: the input's message id (Storm's `topology.bolts.message.id.field.name`). */
  readonly messageIdField: string;
}

/** The last expired and last evaluated message ids of one (source task, stream); null for none yet. */
export interface WindowProgress {
  readonly lastExpired: number | null;
  readonly lastEvaluated: number | null;
}

/** The window progress's prefix in the store: user keys are JSON and never start with it. */
export const WINDOW_STATE_PREFIX = '~window:';

type AnyState = KeyValueState<StateKey, unknown>;
type AnyTuple = Tuple<readonly unknown[]>;

type IdFieldOf<D> = D extends { readonly messageIdField: infer F extends string } ? F : never;
type Call = 'StatefulWindowedBolt.define() failed';
type IdProblem<D, F extends string> = NumberReadFieldProblem<D, F, Call, 'messageIdField', 'an id that grows per source task and stream'>;

/** What `StatefulWindowedBolt.define(declaration)` requires beyond WindowedBolt's and StatefulBolt's checks. */
export type MessageIdChecks<D> = [IdFieldOf<D>] extends [never]
  ? { readonly messageIdField: string }
  : [IdProblem<D, IdFieldOf<D>>] extends [never]
    ? unknown
    : { readonly messageIdField: StpTypeError<IdProblem<D, IdFieldOf<D>>> };

/** WindowedBolt, without its static side: StatefulWindowedBolt.define takes a declaration with a state and a message id. */
const StatefulWindowedBase: abstract new <TDecl extends ComponentDeclaration>() => WindowedBolt<TDecl> = WindowedBolt;

export abstract class StatefulWindowedBolt<TDecl extends StatefulWindowedDeclaration = StatefulWindowedDeclaration> extends StatefulWindowedBase<TDecl> {
  /** How the builder knows to add the checkpoint spout and streams. */
  static readonly stateful = true;

  /**
   * A base class typed from `declaration`: as WindowedBolt.define, plus `state: { key, value }` (the types of
   * `this.state`) and `messageIdField` (a read field typed Number that grows per source task and stream).
   */
  static define<const TDecl extends StatefulWindowedDeclaration>(
    declaration: TDecl & WindowChecks<TDecl> & StatefulChecks<TDecl> & MessageIdChecks<TDecl>,
  ): DefinedComponent<StatefulWindowedBolt<TDecl>, TDecl> {
    const decl: TDecl = declaration;
    checkDeclaration(decl);
    abstract class DeclaredStatefulWindowedBolt extends StatefulWindowedBolt<TDecl> {
      static readonly declaration: TDecl = decl;
    }
    return DeclaredStatefulWindowedBolt;
  }

  #state: KeyValueState<StateKeyOf<TDecl>, StateValueOf<TDecl>> | undefined;
  readonly #progress = new KeyValueState<string, WindowProgress>(() => undefined, WINDOW_STATE_PREFIX);
  /** The saved progress of each (source task, stream) still recovering. */
  #recovering = new Map<string, WindowProgress>();
  /** Tuples held until the recovery ends. */
  #held: Tuple[] = [];
  #idIndex = -1;
  readonly #task = new CheckpointedTask(this, this.checkpointOutputs(), {
    states: () => {
      const declaration = (this.constructor as unknown as { declaration: TDecl }).declaration;
      this.#state = new KeyValueState(valueChecker(declaration));
      this.#idIndex = (declaration.reads ?? []).indexOf(declaration.messageIdField);
      return [this.#state as unknown as AnyState, this.#progress as unknown as AnyState];
    },
    initState: async () => {
      await this.initState();
      this.#startRecovery();
    },
    receive: (tuple) => this.receiveTuple(tuple),
  });

  /** The state: from `initState()` on (Storm hands it to initState; here it is always `this.state`). */
  get state(): KeyValueState<StateKeyOf<TDecl>, StateValueOf<TDecl>> {
    if (!this.#state || !this.#task.initialized) {
      throw new Error(`${this.constructor.name}: this.state is only available from initState() on, once the checkpoint spout's INITSTATE arrived`);
    }
    return this.#state;
  }

  /** Whether replayed tuples are still being matched against the saved window progress (the windows do not fire). */
  get recovering(): boolean {
    return this.#recovering.size > 0;
  }

  /** Called once the state was loaded from the store, before the first tuple is processed. May be async. */
  initState(): void | Promise<void> {}
  /** Called before the state is prepared for commit (Storm's prePrepare). */
  prePrepare(_txid: number): void | Promise<void> {}
  /** Called before the prepared state is committed (Storm's preCommit). */
  preCommit(_txid: number): void | Promise<void> {}
  /** Called before the state is rolled back to the last commit (Storm's preRollback). */
  preRollback(): void | Promise<void> {}

  /** @internal The triggers start once the state is initialized and the recovery is over. */
  protected override get defersWindows(): boolean {
    return true;
  }

  /** @internal */
  protected override receiveTuple(tuple: Tuple): void | Promise<void> {
    if (!this.#task.initialized) {
      this.#task.wait(tuple);
      return;
    }
    const id = tuple.values[this.#idIndex];
    if (typeof id !== 'number' || !Number.isFinite(id)) {
      this.fail(tuple);
      const field = (this.constructor as unknown as { declaration: TDecl }).declaration.messageIdField;
      this.reportError(new TypeError(`${tuple.toString()}: message id field '${field}' is ${JSON.stringify(id)}, not a number; the tuple was failed`));
      return;
    }
    if (this.#recovering.size === 0) return super.receiveTuple(tuple);
    const stream = taskStream(tuple);
    const saved = this.#recovering.get(stream);
    if (!saved) {
      this.#held.push(tuple);
      return;
    }
    if (saved.lastExpired !== null && id <= saved.lastExpired) {
      this.ack(tuple); // expired before the crash: its windows were processed and committed
      return;
    }
    if (saved.lastEvaluated !== null && id <= saved.lastEvaluated) return super.receiveTuple(tuple); // no trigger runs yet
    this.#held.push(tuple);
    this.#recovering.delete(stream);
    if (this.#recovering.size === 0) return this.#endRecovery();
  }

  async #endRecovery(): Promise<void> {
    this.startWindows();
    for (const tuple of this.#held.splice(0)) await super.receiveTuple(tuple);
  }

  /** @internal Holds the ack until the checkpoint after this tuple commits. */
  protected override settleAck(id: string): void {
    this.#task.holdAck(id);
  }

  /** @internal */
  protected override handleCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): Promise<void> {
    return this.#task.handle(tuple, action, txid);
  }

  /** @internal Records, per (source task, stream), the highest id that expired and the highest the window evaluated. */
  protected override windowProcessed(window: BuiltWindow<AnyTuple>): void {
    const updates = new Map<string, { lastExpired: number | null; lastEvaluated: number | null }>();
    const note = (tuples: readonly AnyTuple[], which: 'lastExpired' | 'lastEvaluated'): void => {
      for (const tuple of tuples) {
        const stream = taskStream(tuple);
        const id = tuple.values[this.#idIndex] as number;
        let update = updates.get(stream);
        if (!update) updates.set(stream, (update = { lastExpired: null, lastEvaluated: null }));
        update[which] = max(update[which], id);
      }
    };
    note(window.expiredItems, 'lastExpired');
    note(window.newItems, 'lastEvaluated');
    for (const [stream, update] of updates) {
      const current = this.#progress.get(stream);
      this.#progress.put(stream, {
        lastExpired: max(update.lastExpired, current?.lastExpired ?? null),
        lastEvaluated: max(update.lastEvaluated, current?.lastEvaluated ?? null),
      });
    }
  }

  /** After initState: the saved progress of each input (source task, stream) is what replays are matched against. */
  #startRecovery(): void {
    const recovering = new Map<string, WindowProgress>();
    const sources = this.context.raw['source->stream->fields'];
    if (sources) {
      for (const [component, streams] of Object.entries(sources)) {
        for (const stream of Object.keys(streams)) {
          if (stream === CHECKPOINT_STREAM) continue;
          for (const task of this.context.componentTasks(component)) {
            const key = taskStreamKey(task, component, stream);
            const saved = this.#progress.get(key);
            if (saved) recovering.set(key, saved);
          }
        }
      }
    } else {
      // Run without a handshake that names the sources (the test kit): every saved input.
      for (const [key, saved] of this.#progress) recovering.set(key, saved);
    }
    this.#recovering = recovering;
    if (recovering.size === 0) this.startWindows();
  }
}

function taskStreamKey(task: number, component: string | null, stream: string): string {
  return JSON.stringify([task, component, stream]);
}

function taskStream(tuple: AnyTuple): string {
  return taskStreamKey(tuple.task, tuple.component, tuple.stream);
}

function max(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** The checks the types make, at run time, for JavaScript users and `as` casts. */
function checkDeclaration(declaration: StatefulWindowedDeclaration): void {
  const where = 'StatefulWindowedBolt.define() failed';
  checkWindowDeclaration(declaration, where);
  checkStatefulDeclaration('a StatefulWindowedBolt', declaration);
  if ((declaration as { dedupe?: unknown }).dedupe !== undefined) {
    throw new TypeError(`${where}: dedupe is StatefulBolt's; a StatefulWindowedBolt has none (as Storm's IStatefulWindowedBolt)`);
  }
  const field = (declaration as { messageIdField?: unknown }).messageIdField;
  const reads = declaration.reads ?? [];
  if (typeof field !== 'string' || !reads.includes(field)) {
    throw new TypeError(`${where}: messageIdField ${JSON.stringify(field)} is not a field the bolt reads (reads: ${reads.map((r) => JSON.stringify(r)).join(', ') || 'none'})`);
  }
  if (declaration.types?.[field] !== Number) throw new TypeError(`${where}: messageIdField "${field}" must be typed Number in types`);
}

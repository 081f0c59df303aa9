// Bolts: tuples arrive asynchronously; the protocol loop (../multilang/component-loop.ts) hands each one here in
// order, answers heartbeats itself, and waits for `process` (sync or async) before the next tuple.
// As in streamparse: emits during `process` are anchored to the input (autoAnchor), the input is acked when
// `process` returns (autoAck) and failed when it throws (autoFail).
import type { EmitCommand } from '../multilang/messages.js';
import { CHECKPOINT_STREAM, CheckpointBarrier, readCheckpoint, type CheckpointAction } from '../state/checkpoint.js';
import type { CheckpointOutputs } from '../state/checkpointed-task.js';
import { ComponentCallbackError } from './callback-error.js';
import { isThenable } from './thenable.js';
import { Component } from './component.js';
import type { ComponentDeclaration, DefinedComponent } from './declaration.js';
import { Tuple } from './tuple.js';
import type { DefaultStream, DirectEmitValues, DirectTaskOf, EmitStream, ReadValues, UndeclaredComponent } from './typing.js';

export interface BoltEmitOptions<TStream extends string = string, TTask = number> {
  /** The stream; `default` when omitted. */
  readonly stream?: TStream;
  /** Input tuples (or their ids) to anchor to. Default: the tuple(s) being processed when autoAnchor is on; `[]` for none. */
  readonly anchors?: readonly (Tuple<readonly unknown[]> | string)[];
  /** Direct emit to this task: required on a stream declared direct, refused on any other. */
  readonly directTask?: TTask;
  /** Ask Storm for the receiving task ids (`emit` then returns a Promise of them). Costs a round trip. */
  readonly needTaskIds?: boolean;
}

/** @internal The loop's entry point into a bolt. */
export const RECEIVE = Symbol('stp.bolt.receive');

type AnyTuple = Tuple<readonly unknown[]>;

export abstract class Bolt<TDecl extends ComponentDeclaration = UndeclaredComponent> extends Component {
  /** A base class typed from `declaration`: `emit` from `outputs` (+ `types`), `tuple.values` from `reads`. */
  static define<const TDecl extends ComponentDeclaration>(declaration: TDecl): DefinedComponent<Bolt<TDecl>, TDecl> {
    abstract class DeclaredBolt extends Bolt<TDecl> {
      static override readonly declaration: TDecl = declaration;
    }
    return DeclaredBolt;
  }

  /** Ack each input after `process` returns (or its Promise resolves). */
  autoAck = true;
  /** Anchor emits made during `process` to the input tuple. */
  autoAnchor = true;
  /** Fail the input when `process` throws (or its Promise rejects). */
  autoFail = true;
  /** When `process` throws: report it and keep running, instead of exiting non-zero so that Storm restarts the process. */
  keepAliveOnError = false;

  /** Ids received and not yet acked or failed: Storm kills the worker on a repeated ack or a stale anchor. */
  #pending = new Set<string>();
  /** The tuple ids emits are anchored to by default (the ones being processed). */
  #current: readonly string[] = [];
  /** Counts `$checkpoint` tuples until every input task sent one (in a topology with stateful bolts). */
  #barrier: CheckpointBarrier | undefined;

  abstract process(tuple: Tuple<ReadValues<TDecl>>): void | Promise<void>;

  /** Called for tick tuples (`topology.tick.tuple.freq.secs`); ticks are always acked. `tuple.values[0]` is the frequency. */
  processTick(_tuple: Tuple<[number]>): void | Promise<void> {}

  emit<TStream extends EmitStream<TDecl> = DefaultStream<TDecl>, TTask extends number | undefined = undefined>(
    values: DirectEmitValues<TDecl, TStream, TTask>,
    options: BoltEmitOptions<TStream, DirectTaskOf<TDecl, TStream, TTask>> & { readonly needTaskIds: true },
  ): Promise<number[]>;
  emit<TStream extends EmitStream<TDecl> = DefaultStream<TDecl>, TTask extends number | undefined = undefined>(
    values: DirectEmitValues<TDecl, TStream, TTask>,
    options?: BoltEmitOptions<TStream, DirectTaskOf<TDecl, TStream, TTask>> & { readonly needTaskIds?: false },
  ): void;
  emit(values: unknown, loose: BoltEmitOptions<string, unknown> = {}): Promise<number[]> | void {
    const options = loose as BoltEmitOptions; // checkEmit refuses a directTask that is not a task id
    const stream = options.stream ?? 'default';
    this.checkEmit(values, stream, options.directTask);
    const anchors = options.anchors ? options.anchors.map((a) => this.#anchorId(a, stream)) : this.autoAnchor ? this.#current : [];
    const wantIds = options.needTaskIds === true && options.directTask === undefined;
    const channel = this.channel;
    const message: EmitCommand = { command: 'emit', tuple: values as unknown[], stream, anchors: anchors as string[], need_task_ids: wantIds };
    if (options.directTask !== undefined) message.task = options.directTask;
    channel.send(message);
    if (options.needTaskIds) return options.directTask !== undefined ? Promise.resolve([options.directTask]) : channel.nextTaskIds();
  }

  /** Tells Storm the tuple was processed. Each received tuple is acked or failed exactly once. */
  ack(tuple: AnyTuple | string): void {
    this.settleAck(this.#settle(tuple, 'ack'));
  }

  /** Tells Storm the tuple failed: the spout's `fail` is called for its tree. */
  fail(tuple: AnyTuple | string): void {
    this.channel.send({ command: 'fail', id: this.#settle(tuple, 'fail') });
  }

  /** Resets the tuple's timeout (slow processing that is still alive; Storm 1.1+). */
  resetTimeout(tuple: AnyTuple | string): void {
    this.channel.send({ command: 'reset_timeout', id: typeof tuple === 'string' ? tuple : tuple.id });
  }

  /** @internal Called by the protocol loop for every tuple except heartbeats, in arrival order. */
  [RECEIVE](tuple: Tuple): void | Promise<void> {
    this.#pending.add(tuple.id);
    if (tuple.isTick()) {
      return this.runTuples([tuple], () => this.processTick(tuple as unknown as Tuple<[number]>), true, 'processTick()');
    }
    if (tuple.stream === CHECKPOINT_STREAM) return this.receiveCheckpointTuple(tuple);
    return this.receiveTuple(tuple);
  }

  /** @internal A `$checkpoint` tuple: once it came from every input task, handle it; ack it either way. */
  protected receiveCheckpointTuple(tuple: Tuple): void | Promise<void> {
    const checkpoint = readCheckpoint(tuple.values);
    if (!checkpoint) {
      this.failNow(tuple);
      throw new ComponentCallbackError(`checkpoint ${tuple.toString()}`, new Error(`expected [txid, action] values, got ${JSON.stringify(tuple.values)}`));
    }
    this.#barrier ??= new CheckpointBarrier({
      sources: this.context.raw['source->stream->fields'],
      componentTasks: (id) => this.context.componentTasks(id),
    });
    const verdict = this.#barrier.arrive(checkpoint.action, checkpoint.txid);
    if (verdict !== 'act') {
      this.ackNow(tuple);
      return;
    }
    return this.handleCheckpoint(tuple, checkpoint.action, checkpoint.txid);
  }

  /**
   * @internal What a bolt does with a checkpoint that arrived from all its inputs. A plain bolt forwards it
   * (Storm's CheckpointTupleForwarder); StatefulBolt saves, commits or rolls back its state first.
   */
  protected handleCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): void | Promise<void> {
    this.forwardCheckpoint(tuple, action, txid);
    this.ackNow(tuple);
  }

  /** @internal Emits the checkpoint on this bolt's own `$checkpoint` stream, anchored to the one that arrived. */
  protected forwardCheckpoint(tuple: Tuple, action: CheckpointAction, txid: number): void {
    this.channel.send({ command: 'emit', tuple: [txid, action], stream: CHECKPOINT_STREAM, anchors: [tuple.id], need_task_ids: false });
  }

  /** @internal How a stateful bolt's checkpoints reach Storm (lib/state/checkpointed-task.ts). */
  protected checkpointOutputs(): CheckpointOutputs {
    return {
      sendAck: (id) => this.channel.send({ command: 'ack', id }),
      failNow: (tuple) => this.failNow(tuple),
      ackNow: (tuple) => this.ackNow(tuple),
      forwardCheckpoint: (tuple, action, txid) => this.forwardCheckpoint(tuple, action, txid),
    };
  }

  /** @internal Acks a received tuple at once (unless already settled), bypassing settleAck. */
  protected ackNow(tuple: AnyTuple): void {
    if (this.#pending.delete(tuple.id)) this.channel.send({ command: 'ack', id: tuple.id });
  }

  /** @internal Fails a tuple by id: a pending one, or one whose ack StatefulBolt held back until a commit. */
  protected failNow(tuple: AnyTuple | string): void {
    const id = typeof tuple === 'string' ? tuple : tuple.id;
    this.#pending.delete(id);
    this.channel.send({ command: 'fail', id });
  }

  /** @internal Sends the ack of a processed tuple; StatefulBolt holds it until the next checkpoint commits. */
  protected settleAck(id: string): void {
    this.channel.send({ command: 'ack', id });
  }

  /**
   * @internal How a plain bolt handles an input: process, then auto ack/fail. BatchingBolt changes this.
   * `runTuples` for one tuple, written out: this runs for every tuple, so it allocates only the anchor list.
   */
  protected receiveTuple(tuple: Tuple): void | Promise<void> {
    const previous = this.#current;
    this.#current = [tuple.id];
    let result: void | Promise<void>;
    try {
      result = this.process(tuple as Tuple<ReadValues<TDecl>>);
    } catch (error) {
      return this.#failed([tuple], previous, error, 'process()');
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        () => this.#done([tuple], previous, this.autoAck),
        (error: unknown) => this.#failed([tuple], previous, error, 'process()'),
      );
    }
    this.#current = previous;
    if (this.autoAck) this.#autoAck(tuple.id);
  }

  /**
   * @internal Runs `fn` with `tuples` as the default anchors; then acks them (when `ack`), or on an exception fails
   * them (autoFail) and throws a ComponentCallbackError naming them. Stays synchronous when `fn` is.
   */
  protected runTuples(tuples: readonly AnyTuple[], fn: () => void | Promise<void>, ack: boolean, what: string): void | Promise<void> {
    const previous = this.#current;
    this.#current = tuples.length === 1 ? [tuples[0]!.id] : tuples.map((t) => t.id);
    let result: void | Promise<void>;
    try {
      result = fn();
    } catch (error) {
      return this.#failed(tuples, previous, error, what);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        () => this.#done(tuples, previous, ack),
        (error: unknown) => this.#failed(tuples, previous, error, what),
      );
    }
    this.#done(tuples, previous, ack);
  }

  #done(tuples: readonly AnyTuple[], previous: readonly string[], ack: boolean): void {
    this.#current = previous;
    if (ack) for (const t of tuples) this.#autoAck(t.id);
  }

  /** Acks a tuple unless `process` already acked or failed it. */
  #autoAck(id: string): void {
    if (this.#pending.delete(id)) this.settleAck(id);
  }

  /** @internal Acks a tuple the bolt held (a window's), unless user code already acked or failed it. */
  protected ackIfPending(id: string): void {
    this.#autoAck(id);
  }

  /** @internal Whether a received tuple is still neither acked nor failed. */
  protected isPending(id: string): boolean {
    return this.#pending.has(id);
  }

  #failed(tuples: readonly AnyTuple[], previous: readonly string[], error: unknown, what: string): never {
    this.#current = previous;
    if (this.autoFail) for (const t of tuples) if (this.#pending.has(t.id)) this.fail(t);
    if (error instanceof ComponentCallbackError) throw error; // already names what failed (a batch inside a tick)
    const first = tuples[0];
    const which = tuples.length === 1 && first ? first.toString() : `${tuples.length} tuples`;
    throw new ComponentCallbackError(`${what} failed for ${which}`, error);
  }

  #settle(tuple: AnyTuple | string, how: 'ack' | 'fail'): string {
    const id = typeof tuple === 'string' ? tuple : tuple.id;
    if (!this.#pending.delete(id)) {
      throw new Error(
        `${this.constructor.name}: cannot ${how} tuple '${id}': it is not pending (already acked or failed, or never received). Storm kills the worker on such an ${how}; with autoAck on, do not ack in process().`,
      );
    }
    return id;
  }

  #anchorId(anchor: AnyTuple | string, stream: string): string {
    const id = typeof anchor === 'string' ? anchor : anchor.id;
    if (!this.#pending.has(id)) {
      throw new Error(
        `${this.constructor.name}: emit on stream '${stream}' anchors to tuple '${id}', which is not pending (already acked or failed, or never received); Storm kills the worker on such an anchor`,
      );
    }
    return id;
  }
}

// Spouts: Storm drives them in strict turns (next, ack, fail, activate, deactivate); each turn's emits are sent,
// then exactly one sync. The protocol loop (../multilang/component-loop.ts) runs the turns.
import type { EmitCommand, TupleId } from '../multilang/messages.js';
import { Component } from './component.js';
import type { ComponentDeclaration, DefinedComponent } from './declaration.js';
import type { DefaultStream, DirectEmitValues, DirectTaskOf, EmitStream, UndeclaredComponent } from './typing.js';

export interface SpoutEmitOptions<TStream extends string = string, TTask = number> {
  /** The stream; `default` when omitted. */
  readonly stream?: TStream;
  /** The message id: Storm tracks the tuple and later calls `ack(id)` or `fail(id)`. Omit for an unreliable emit. */
  readonly id?: TupleId;
  /** Direct emit to this task: required on a stream declared direct, refused on any other. */
  readonly directTask?: TTask;
  /** Ask Storm for the receiving task ids (`emit` then returns a Promise of them). Costs a round trip. */
  readonly needTaskIds?: boolean;
}

export abstract class Spout<TDecl extends ComponentDeclaration = UndeclaredComponent> extends Component {
  /** A base class whose `emit` is typed from `declaration`, e.g. `class Words extends Spout.define({ outputs: { default: ['word'] } })`. */
  static define<const TDecl extends ComponentDeclaration>(declaration: TDecl): DefinedComponent<Spout<TDecl>, TDecl> {
    abstract class DeclaredSpout extends Spout<TDecl> {
      static override readonly declaration: TDecl = declaration;
    }
    return DeclaredSpout;
  }

  /** Emit zero or more tuples. May be async; the turn (and its sync) ends when the returned Promise settles. */
  abstract nextTuple(): void | Promise<void>;
  /** The tuple emitted with this id was fully processed. */
  ack(_id: TupleId): void | Promise<void> {}
  /** The tuple emitted with this id failed or timed out. */
  fail(_id: TupleId): void | Promise<void> {}
  activate(): void | Promise<void> {}
  deactivate(): void | Promise<void> {}

  /** Milliseconds to wait before the sync of a `next` turn that emitted nothing, so that an idle spout does not spin. */
  idleSleepMs = 1;

  /** When an exception escapes `nextTuple`/`ack`/`fail`, report it and keep running instead of exiting. */
  keepAliveOnError = false;

  emit<TStream extends EmitStream<TDecl> = DefaultStream<TDecl>, TTask extends number | undefined = undefined>(
    values: DirectEmitValues<TDecl, TStream, TTask>,
    options: SpoutEmitOptions<TStream, DirectTaskOf<TDecl, TStream, TTask>> & { readonly needTaskIds: true },
  ): Promise<number[]>;
  emit<TStream extends EmitStream<TDecl> = DefaultStream<TDecl>, TTask extends number | undefined = undefined>(
    values: DirectEmitValues<TDecl, TStream, TTask>,
    options?: SpoutEmitOptions<TStream, DirectTaskOf<TDecl, TStream, TTask>> & { readonly needTaskIds?: false },
  ): void;
  emit(values: unknown, options: SpoutEmitOptions<string, unknown> = {}): Promise<number[]> | void {
    // checkEmit (in beforeEmit/sendEmit) refuses a directTask that is not a task id.
    return this.sendEmit(values, this.beforeEmit(values, options as SpoutEmitOptions));
  }

  /** @internal A hook for subclasses (ReliableSpout) to see or complete an emit before it is sent. */
  protected beforeEmit(_values: unknown, options: SpoutEmitOptions): SpoutEmitOptions {
    return options;
  }

  /** @internal Checks and sends one emit. */
  protected sendEmit(values: unknown, options: SpoutEmitOptions): Promise<number[]> | void {
    const stream = options.stream ?? 'default';
    this.checkEmit(values, stream, options.directTask);
    const channel = this.channel;
    const wantIds = options.needTaskIds === true && options.directTask === undefined;
    const message: EmitCommand = { command: 'emit', tuple: values as unknown[], stream };
    if (options.id !== undefined) message.id = options.id;
    if (options.directTask !== undefined) message.task = options.directTask;
    message.need_task_ids = wantIds;
    channel.send(message);
    if (options.needTaskIds) return options.directTask !== undefined ? Promise.resolve([options.directTask]) : channel.nextTaskIds();
  }
}

// ReliableSpout: remembers each tuple it emits by id, re-emits a failed one (same id, stream and values) up to
// `maxFails` times, then gives up on it; forgets acked ones. Subclasses that override ack/fail call super.
import type { TupleId } from '../multilang/messages.js';
import type { ComponentDeclaration, DefinedComponent } from './declaration.js';
import { Spout, type SpoutEmitOptions } from './spout.js';
import type { UndeclaredComponent } from './typing.js';

interface Sent {
  readonly values: readonly unknown[];
  readonly options: SpoutEmitOptions;
  fails: number;
}

export abstract class ReliableSpout<TDecl extends ComponentDeclaration = UndeclaredComponent> extends Spout<TDecl> {
  static override define<const TDecl extends ComponentDeclaration>(declaration: TDecl): DefinedComponent<ReliableSpout<TDecl>, TDecl> {
    abstract class DeclaredReliableSpout extends ReliableSpout<TDecl> {
      static override readonly declaration: TDecl = declaration;
    }
    return DeclaredReliableSpout;
  }

  /** How many times a tuple may fail before it is dropped (then `giveUp` is called). */
  maxFails = 3;

  #sent = new Map<TupleId, Sent>();
  #nextId = 0;

  /** Tuples emitted and not yet acked or given up. */
  get inFlight(): number {
    return this.#sent.size;
  }

  protected override beforeEmit(values: unknown, options: SpoutEmitOptions): SpoutEmitOptions {
    this.checkEmit(values, options.stream ?? 'default', options.directTask);
    // Reliable by definition: every emit gets an id, generated when the caller gives none.
    const id = options.id ?? `${this.context.taskId}-${++this.#nextId}`;
    const withId = { ...options, id };
    this.#sent.set(id, { values, options: withId, fails: 0 });
    return withId;
  }

  override ack(id: TupleId): void | Promise<void> {
    this.#sent.delete(id);
  }

  override fail(id: TupleId): void | Promise<void> {
    const sent = this.#sent.get(id);
    if (!sent) return;
    sent.fails += 1;
    if (sent.fails >= this.maxFails) {
      this.#sent.delete(id);
      return this.giveUp(id, sent.values);
    }
    this.sendEmit(sent.values, { ...sent.options, needTaskIds: false });
  }

  /** Called when a tuple failed `maxFails` times and is dropped. Default: log a warning. */
  giveUp(id: TupleId, values: readonly unknown[]): void | Promise<void> {
    this.log(`giving up on tuple ${JSON.stringify(id)} after ${this.maxFails} failures: ${JSON.stringify(values)}`, 'warn');
  }
}

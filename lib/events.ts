// Long operations (bundle, jar, upload, prepare, run) report progress as typed events and never print;
// the CLI renders them (Ink on a TTY, plain lines otherwise).
import { EventEmitter } from 'node:events';
import type * as TypedEmitterModule from 'typed-emitter';

/** An event map: event name -> listener signature. */
export type Events = TypedEmitterModule.EventMap;

/** A node EventEmitter whose `on`/`emit` are checked against the event map `E`. */
export type TypedEventEmitter<E extends Events> = TypedEmitterModule.default<E>;

export function createEmitter<E extends Events>(): TypedEventEmitter<E> {
  return new EventEmitter() as unknown as TypedEventEmitter<E>;
}

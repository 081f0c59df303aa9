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

/** Listeners for some of an emitter's events. */
export type Listeners<E extends Events> = { readonly [K in keyof E]?: E[K] };

/** Adds every listener in `listeners` and returns a function that removes them all again (for views' cleanup). */
export function subscribe<E extends Events>(emitter: TypedEventEmitter<E>, listeners: Listeners<E>): () => void {
  const added = (Object.keys(listeners) as (keyof E)[]).flatMap((event) => {
    const listener = listeners[event];
    return listener ? [[event, listener] as const] : [];
  });
  for (const [event, listener] of added) emitter.on(event, listener);
  return () => {
    for (const [event, listener] of added) emitter.off(event, listener);
  };
}

// Compile-time errors that read like sentences. A parameter typed `StpTypeError<'...'>` accepts no real value, so
// tsc reports the message itself at the argument that is wrong (the technique tRPC and kysely use).
declare const stpTypeError: unique symbol;

/**
 * A type no argument satisfies, which tsc prints with its message, e.g.
 * `parameter of type 'StpTypeError<"bolt() call failed: component id \"words\" is already used">'`.
 * It is an object type on purpose: tsc's inference does not look inside it, so the message is only computed when
 * a call is actually wrong (checks.ts relies on this to stay fast).
 */
export interface StpTypeError<TMessage extends string> {
  readonly [stpTypeError]: TMessage;
}

/**
 * `TValue` when there is no problem (`never`), else an StpTypeError carrying the problem's message.
 * @example Checked<'words', never> → 'words'; Checked<'words', 'id is taken'> → StpTypeError<'id is taken'>
 */
export type Checked<TValue, TProblem extends string> = [TProblem] extends [never] ? TValue : StpTypeError<TProblem>;

/** True when T is a union of several members (inference fell back to a constraint). */
export type IsUnion<T, TAll = T> = T extends unknown ? ([TAll] extends [T] ? false : true) : never;

type LastOf<U> =
  (U extends unknown ? (x: () => U) => void : never) extends (x: infer I) => void ? (I extends () => infer L ? L : never) : never;

/**
 * Quotes and joins a tuple of names for a message: `['word', 'count']` → `"word", "count"`.
 * Only ever evaluated on the error path, so its recursion costs nothing on correct code.
 */
export type QuoteList<T extends readonly unknown[]> = T extends readonly []
  ? 'nothing'
  : T extends readonly [infer H extends string]
    ? `"${H}"`
    : T extends readonly [infer H extends string, ...infer R]
      ? `"${H}", ${QuoteList<R>}`
      : string;

/** Quotes and joins a union of names (order as tsc holds it): `'a' | 'b'` → `"a", "b"`. Error path only. */
export type QuoteUnion<U extends string, TLast extends string = LastOf<U> & string> = [U] extends [never]
  ? 'nothing'
  : [Exclude<U, TLast>] extends [never]
    ? `"${TLast}"`
    : `${QuoteUnion<Exclude<U, TLast>>}, "${TLast}"`;

// The compile-time rules of the builder. Each `...Problem` type is `never` when a call is right and the message
// (method, fault, what is allowed) when it is wrong; builder parameters are `Checked<TArg, Problem>`, so tsc
// reports the sentence at the argument at fault. Inference only sees `TArg` (the true branch) and the opaque
// StpTypeError, never the messages, so correct code does not pay for them. validate.ts repeats every rule at
// run time.
import type {
  FieldNamesOf,
  FieldsAreFine,
  FieldTupleOf,
  FieldValueOf,
  IsDirectStream,
  LiteralIdsOf,
  OutputsOf,
  ReadsOf,
  SourceDeclaration,
  SourceIsFine,
  StreamIdsOf,
} from './declared.js';
import type { IsUnion, QuoteList, QuoteUnion } from './type-error.js';

/**
 * A new component id: unique, not reserved by Storm (`__`-prefixed), not empty.
 * @example IdProblem<'bolt', 'words', 'words' | 'count'> → 'bolt() call failed: component id "words" is already used'
 */
export type IdProblem<TMethod extends string, TId extends string, TIds extends string> = string extends TId
  ? never
  : TId extends LiteralIdsOf<TIds>
    ? `${TMethod}() call failed: component id "${TId}" is already used`
    : TId extends `__${string}`
      ? `${TMethod}() call failed: component id "${TId}" is reserved by Storm (ids starting with "__"); choose another`
      : TId extends ''
        ? `${TMethod}() call failed: a component id cannot be empty`
        : never;

/**
 * A topology name Nimbus accepts (`^[^/.:\\]+$`).
 * @example NameProblem<'word.count'> → 'topology() call failed: name "word.count" contains "."; ...'
 */
export type NameProblem<TName extends string> = string extends TName
  ? never
  : TName extends ''
    ? 'topology() call failed: the name cannot be empty'
    : TName extends `${string}${infer C extends '/' | '.' | ':' | '\\'}${string}`
      ? `topology() call failed: name "${TName}" contains "${C}"; Storm refuses "/", ".", ":" and "\\" in topology names`
      : never;

/** Streams whose ids Storm reserves. */
type ReservedStreams<O> = keyof O & `__${string}`;

/**
 * Outputs that declare no reserved stream id.
 * @example OutputsProblem<'spout', { __x: ['a'] }> → 'spout() call failed: stream id "__x" is reserved ...'
 */
export type OutputsProblem<TMethod extends string, TOutputs> = [ReservedStreams<TOutputs>] extends [never]
  ? never
  : `${TMethod}() call failed: stream id ${QuoteUnion<ReservedStreams<TOutputs> & string>} is reserved by Storm (ids starting with "__"); rename it`;

/** 'bolt' when a spout() is given a bolt class (it has process() but no nextTuple()), and the reverse. */
type WrongRole<TMethod extends string, TClass> = TClass extends abstract new (...args: never[]) => infer I
  ? TMethod extends 'spout'
    ? I extends { nextTuple: unknown } ? never : I extends { process: unknown } ? 'bolt' : never
    : I extends { process: unknown } ? never : I extends { nextTuple: unknown } ? 'spout' : never
  : never;

/** A component class of the right role whose declaration is acceptable. */
export type ClassProblem<TMethod extends string, TClass> = [WrongRole<TMethod, TClass>] extends [never]
  ? TClass extends { readonly declaration: infer D }
    ? OutputsProblem<TMethod, OutputsOf<D>>
    : never
  : `${TMethod}() call failed: the class is a ${WrongRole<TMethod, TClass>}; add it with .${WrongRole<TMethod, TClass>}()`;

type Plural<U, TOne extends string, TMany extends string> = IsUnion<U> extends true ? TMany : TOne;

type TypeName<T> = [T] extends [string] ? 'string' : [T] extends [number] ? 'number' : [T] extends [boolean] ? 'boolean' : 'another type';

/** Fields the reader declares a type for that the source emits with a different, declared type. */
type MismatchedFields<TSource, TReader, TStream extends string> = {
  [F in ReadsOf<TReader> & FieldNamesOf<TSource, TStream>]: unknown extends FieldValueOf<TSource, F>
    ? never
    : FieldValueOf<TSource, F> extends FieldValueOf<TReader, F>
      ? never
      : F;
}[ReadsOf<TReader> & FieldNamesOf<TSource, TStream>];

type Subscribe<TMethod extends string, TCur extends string, TSrc extends string, TStream extends string> =
  `${TMethod}() call failed: bolt "${TCur}" subscribing to stream "${TStream}" of "${TSrc}"`;

/**
 * The source of a grouping: not the bolt itself, declaring the stream, direct exactly when the grouping is
 * `direct`, and supplying every field the bolt reads (with compatible declared types). Being declared earlier is
 * the parameter's constraint (an unknown id gets tsc's plain "not assignable to '"words" | ...'" message).
 * A correct call is settled by a few key lookups (SourceIsFine); only the others look the source's declaration up.
 * @example SourceProblem<'shuffle', Ids, Keys, Entries, 'count', Reader, 'words', 'totals', false>
 *   → 'shuffle() call failed: "words" does not declare stream "totals"; it declares "default"'
 */
export type SourceProblem<
  TMethod extends string,
  TIds extends string,
  TKeys extends string,
  TEntries,
  TCur extends string,
  TReader,
  TSrc extends string,
  TStream extends string,
  TDirect extends boolean,
> =
  // TSrc is every id when inference fell back to the constraint (an unknown id, which tsc already reports) and
  // while tsc computes contextual types. Compared as one set, not member by member: that would cost k² per call.
  [TIds] extends [TSrc]
    ? never
    : [TSrc] extends [TCur]
      ? `${TMethod}() call failed: bolt "${TCur}" cannot subscribe to itself; name a component declared before it`
      : SourceIsFine<TKeys, TReader, TSrc, TStream, TDirect> extends true
        ? never
        : StreamProblem<TMethod, SourceDeclaration<TEntries, TSrc>, TReader, TCur, TSrc, TStream, TDirect>;

type StreamProblem<
  TMethod extends string,
  TSource,
  TReader,
  TCur extends string,
  TSrc extends string,
  TStream extends string,
  TDirect extends boolean,
> = [TStream] extends [StreamIdsOf<TSource>]
  ? [IsDirectStream<TSource, TStream>, TDirect] extends [false, true]
    ? `${Subscribe<TMethod, TCur, TSrc, TStream>}: a direct grouping needs a direct stream; declare it { fields: [...], direct: true }`
    : [IsDirectStream<TSource, TStream>, TDirect] extends [true, false]
      ? `${Subscribe<TMethod, TCur, TSrc, TStream>}: the stream is direct; subscribe to it with direct()`
      : [Exclude<ReadsOf<TReader>, FieldNamesOf<TSource, TStream>>] extends [never]
        ? [MismatchedFields<TSource, TReader, TStream>] extends [never]
          ? never
          : `${Subscribe<TMethod, TCur, TSrc, TStream>}: field ${QuoteUnion<MismatchedFields<TSource, TReader, TStream>>} is read as ${TypeName<FieldValueOf<TReader, MismatchedFields<TSource, TReader, TStream>>>} but emitted as ${TypeName<FieldValueOf<TSource, MismatchedFields<TSource, TReader, TStream>>>}`
        : `${Subscribe<TMethod, TCur, TSrc, TStream>}: the bolt reads ${QuoteUnion<Exclude<ReadsOf<TReader>, FieldNamesOf<TSource, TStream>>>}, which the stream does not carry; it carries ${QuoteList<FieldTupleOf<TSource, TStream>>}`
  : `${TMethod}() call failed: "${TSrc}" does not declare stream "${TStream}"; it declares ${QuoteUnion<StreamIdsOf<TSource>>}`;

/**
 * The fields of a fields grouping: at least one, each declared by the source on that stream.
 * @example FieldsProblem<['wrod'], Ids, Keys, Entries, 'words', 'default'>
 *   → 'fields() call failed: field "wrod" is not declared by "words" on stream "default"; it declares "word"'
 */
export type FieldsProblem<
  TFields extends readonly string[],
  TIds extends string,
  TKeys extends string,
  TEntries,
  TSrc extends string,
  TStream extends string,
> =
  [TIds] extends [TSrc]
    ? never // the source is already wrong (or not inferred yet); one error is enough
    : FieldsAreFine<TKeys, TFields, TSrc, TStream> extends true
      ? never
      : FieldsOfSourceProblem<TFields, SourceDeclaration<TEntries, TSrc>, TSrc, TStream>;

type FieldsOfSourceProblem<TFields extends readonly string[], TSource, TSrc extends string, TStream extends string> = [TStream] extends [
  StreamIdsOf<TSource>,
]
  ? TFields extends readonly []
    ? `fields() call failed: name at least one field of "${TSrc}" (it declares ${QuoteList<FieldTupleOf<TSource, TStream>>})`
    : [Exclude<TFields[number], FieldNamesOf<TSource, TStream>>] extends [never]
      ? never
      : `fields() call failed: ${Plural<Exclude<TFields[number], FieldNamesOf<TSource, TStream>>, 'field', 'fields'>} ${QuoteUnion<Exclude<TFields[number], FieldNamesOf<TSource, TStream>>>} ${Plural<Exclude<TFields[number], FieldNamesOf<TSource, TStream>>, 'is', 'are'>} not declared by "${TSrc}" on stream "${TStream}"; it declares ${QuoteList<FieldTupleOf<TSource, TStream>>}`
  : never; // the stream is wrong: the source argument reports it

/** A new component: IdProblem, or PendingProblem while the bolt added just before has no input yet. */
export type AddProblem<TMethod extends string, TId extends string, TIds extends string, TPending extends string> = [TPending] extends [never]
  ? IdProblem<TMethod, TId, TIds>
  : PendingProblem<TMethod, TPending>;

/**
 * A call other than a grouping right after a bolt: Storm refuses a bolt without an input.
 * @example PendingProblem<'bolt', 'count'> → 'bolt() call failed: bolt "count" has no input; subscribe it first ...'
 */
export type PendingProblem<TMethod extends string, TPending extends string> =
  `${TMethod}() call failed: bolt "${TPending}" has no input; subscribe it first (.shuffle(...), .fields(...), ...), right after .bolt()`;

/** Digits below each digit. */
interface DigitsBelow {
  '0': never;
  '1': '0';
  '2': '0' | '1';
  '3': '0' | '1' | '2';
  '4': '0' | '1' | '2' | '3';
  '5': '0' | '1' | '2' | '3' | '4';
  '6': '0' | '1' | '2' | '3' | '4' | '5';
  '7': '0' | '1' | '2' | '3' | '4' | '5' | '6';
  '8': '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7';
  '9': '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';
}

/** 'lt', 'eq' or 'gt' for two digit strings of the same length, digit by digit from the left. */
type CompareDigits<A extends string, B extends string> = A extends `${infer HA extends keyof DigitsBelow}${infer RA}`
  ? B extends `${infer HB extends keyof DigitsBelow}${infer RB}`
    ? HA extends HB
      ? CompareDigits<RA, RB>
      : HA extends DigitsBelow[HB]
        ? 'lt'
        : 'gt'
    : 'eq'
  : 'eq';

/** 'lt', 'eq' or 'gt' by length. */
type CompareLength<A extends string, B extends string> = A extends `${string}${infer RA}`
  ? B extends `${string}${infer RB}`
    ? CompareLength<RA, RB>
    : 'gt'
  : B extends ''
    ? 'eq'
    : 'lt';

/** True when whole numbers A < B, written as literals; false otherwise (also for computed `number`s). */
type Below<A extends number, B extends number> = `${A}` extends `${bigint}`
  ? `${B}` extends `${bigint}`
    ? `${A}${B}` extends `${string}-${string}`
      ? false
      : CompareLength<`${A}`, `${B}`> extends 'eq'
        ? CompareDigits<`${A}`, `${B}`> extends 'lt'
          ? true
          : false
        : CompareLength<`${A}`, `${B}`> extends 'lt'
          ? true
          : false
    : false
  : false;

/**
 * Literal `tasks` lower than literal `p`: Storm would run fewer executors than asked (numbers known only at run
 * time are left to validate.ts).
 * @example TasksProblem<'bolt', 'count', 4, 2> → 'bolt() call failed: "count" has tasks 2, fewer than p 4; ...'
 */
export type TasksProblem<TMethod extends string, TId extends string, TP extends number, TTasks extends number> = number extends TP | TTasks
  ? never
  : Below<TTasks, TP> extends true
    ? `${TMethod}() call failed: "${TId}" has tasks ${TTasks}, fewer than p ${TP}; Storm would run only ${TTasks} executor(s). Raise tasks or lower p`
    : never;

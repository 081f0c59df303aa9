// The compile-time rules of the builder. Each check returns the argument's own type when the call is right, and an
// StpTypeError naming the method, the fault and what is allowed when it is wrong, so tsc reports a sentence at the
// argument at fault. validate.ts repeats every rule at run time.
import type {
  DeclaredComponents,
  FieldNamesOf,
  FieldTupleOf,
  FieldValueOf,
  IsDirectStream,
  OutputsOf,
  ReadsOf,
  StreamIdsOf,
} from './declared.js';
import type { IsUnion, QuoteList, QuoteUnion, StpTypeError } from './type-error.js';

/**
 * A new component id: unique, not reserved by Storm (`__`-prefixed), not empty.
 * @example IdCheck<'bolt', 'words', { words: ... }> → StpTypeError<'bolt() call failed: component id "words" is already used'>
 */
export type IdCheck<TMethod extends string, TId extends string, TDecl extends DeclaredComponents> = string extends TId
  ? TId
  : TId extends keyof TDecl
    ? StpTypeError<`${TMethod}() call failed: component id "${TId}" is already used`>
    : TId extends `__${string}`
      ? StpTypeError<`${TMethod}() call failed: component id "${TId}" is reserved by Storm (ids starting with "__"); choose another`>
      : TId extends ''
        ? StpTypeError<`${TMethod}() call failed: a component id cannot be empty`>
        : TId;

/**
 * A topology name Nimbus accepts (`^[^/.:\\]+$`).
 * @example NameCheck<'word.count'> → StpTypeError<'topology() call failed: name "word.count" contains "."; ...'>
 */
export type NameCheck<TName extends string> = string extends TName
  ? TName
  : TName extends ''
    ? StpTypeError<'topology() call failed: the name cannot be empty'>
    : TName extends `${string}${infer C extends '/' | '.' | ':' | '\\'}${string}`
      ? StpTypeError<`topology() call failed: name "${TName}" contains "${C}"; Storm refuses "/", ".", ":" and "\\" in topology names`>
      : TName;

/** Streams whose ids Storm reserves. */
type ReservedStreams<O> = keyof O & `__${string}`;

/**
 * Outputs that declare no reserved stream id.
 * @example OutputsCheck<'spout', { __x: ['a'] }> → StpTypeError<'spout() call failed: stream id "__x" is reserved ...'>
 */
export type OutputsCheck<TMethod extends string, TOutputs, TValue = TOutputs> = [ReservedStreams<TOutputs>] extends [never]
  ? TValue
  : StpTypeError<`${TMethod}() call failed: stream id ${QuoteUnion<ReservedStreams<TOutputs> & string>} is reserved by Storm (ids starting with "__"); rename it`>;

/** 'bolt' when a spout() is given a bolt class (it has process() but no nextTuple()), and the reverse. */
type WrongRole<TMethod extends string, TClass> = TClass extends abstract new (...args: never[]) => infer I
  ? TMethod extends 'spout'
    ? I extends { nextTuple: unknown } ? never : I extends { process: unknown } ? 'bolt' : never
    : I extends { process: unknown } ? never : I extends { nextTuple: unknown } ? 'spout' : never
  : never;

/** A component class of the right role whose declaration is acceptable. */
export type ClassCheck<TMethod extends string, TClass> = [WrongRole<TMethod, TClass>] extends [never]
  ? TClass extends { readonly declaration: infer D }
    ? OutputsCheck<TMethod, OutputsOf<D>, TClass>
    : TClass
  : StpTypeError<`${TMethod}() call failed: the class is a ${WrongRole<TMethod, TClass>}; add it with .${WrongRole<TMethod, TClass>}()`>;

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
 * The source of a grouping: declared earlier, not the bolt itself, declaring the stream, direct exactly when the
 * grouping is `direct`, and supplying every field the bolt reads (with compatible declared types).
 * @example SourceCheck<'shuffle', Decl, 'count', 'words', 'totals', false>
 *   → StpTypeError<'shuffle() call failed: "words" does not declare stream "totals"; it declares "default"'>
 */
export type SourceCheck<
  TMethod extends string,
  TDecl extends DeclaredComponents,
  TCur extends string,
  TSrc extends string,
  TStream extends string,
  TDirect extends boolean,
> =
  IsUnion<TSrc> extends true
    ? Exclude<keyof TDecl & string, TCur> // an unknown id: let tsc list the ids that may be used
    : [TSrc] extends [TCur]
      ? StpTypeError<`${TMethod}() call failed: bolt "${TCur}" cannot subscribe to itself; name a component declared before it`>
      : [TStream] extends [StreamIdsOf<TDecl[TSrc]>]
        ? SourceStreamCheck<TMethod, TDecl, TCur, TSrc, TStream, TDirect>
        : StpTypeError<`${TMethod}() call failed: "${TSrc}" does not declare stream "${TStream}"; it declares ${QuoteUnion<StreamIdsOf<TDecl[TSrc]>>}`>;

type SourceStreamCheck<
  TMethod extends string,
  TDecl extends DeclaredComponents,
  TCur extends string,
  TSrc extends string,
  TStream extends string,
  TDirect extends boolean,
> = [IsDirectStream<TDecl[TSrc], TStream>, TDirect] extends [false, true]
  ? StpTypeError<`${Subscribe<TMethod, TCur, TSrc, TStream>}: a direct grouping needs a direct stream; declare it { fields: [...], direct: true }`>
  : [IsDirectStream<TDecl[TSrc], TStream>, TDirect] extends [true, false]
    ? StpTypeError<`${Subscribe<TMethod, TCur, TSrc, TStream>}: the stream is direct; subscribe to it with direct()`>
    : [Exclude<ReadsOf<TDecl[TCur]>, FieldNamesOf<TDecl[TSrc], TStream>>] extends [never]
      ? [MismatchedFields<TDecl[TSrc], TDecl[TCur], TStream>] extends [never]
        ? TSrc
        : StpTypeError<`${Subscribe<TMethod, TCur, TSrc, TStream>}: field ${QuoteUnion<MismatchedFields<TDecl[TSrc], TDecl[TCur], TStream>>} is read as ${TypeName<FieldValueOf<TDecl[TCur], MismatchedFields<TDecl[TSrc], TDecl[TCur], TStream>>>} but emitted as ${TypeName<FieldValueOf<TDecl[TSrc], MismatchedFields<TDecl[TSrc], TDecl[TCur], TStream>>>}`>
      : StpTypeError<`${Subscribe<TMethod, TCur, TSrc, TStream>}: the bolt reads ${QuoteUnion<Exclude<ReadsOf<TDecl[TCur]>, FieldNamesOf<TDecl[TSrc], TStream>>>}, which the stream does not carry; it carries ${QuoteList<FieldTupleOf<TDecl[TSrc], TStream>>}`>;

/**
 * The fields of a fields grouping: at least one, each declared by the source on that stream.
 * @example FieldsCheck<['wrod'], Decl, 'words', 'default'>
 *   → StpTypeError<'fields() call failed: field "wrod" is not declared by "words" on stream "default"; it declares "word"'>
 */
export type FieldsCheck<
  TFields extends readonly string[],
  TDecl extends DeclaredComponents,
  TSrc extends string,
  TStream extends string,
> =
  IsUnion<TSrc> extends true
    ? TFields // the source is already wrong; one error is enough
    : [TStream] extends [StreamIdsOf<TDecl[TSrc]>]
      ? TFields extends readonly []
        ? StpTypeError<`fields() call failed: name at least one field of "${TSrc}" (it declares ${QuoteList<FieldTupleOf<TDecl[TSrc], TStream>>})`>
        : [Exclude<TFields[number], FieldNamesOf<TDecl[TSrc], TStream>>] extends [never]
          ? TFields
          : StpTypeError<`fields() call failed: ${Plural<Exclude<TFields[number], FieldNamesOf<TDecl[TSrc], TStream>>, 'field', 'fields'>} ${QuoteUnion<Exclude<TFields[number], FieldNamesOf<TDecl[TSrc], TStream>>>} ${Plural<Exclude<TFields[number], FieldNamesOf<TDecl[TSrc], TStream>>, 'is', 'are'>} not declared by "${TSrc}" on stream "${TStream}"; it declares ${QuoteList<FieldTupleOf<TDecl[TSrc], TStream>>}`>
      : TFields;

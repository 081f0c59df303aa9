// What the typed builder remembers about the components added so far, in a form tsc checks in constant time.
//
// Why this shape: a builder type argument that tsc considers possibly generic (an object literal type, a mapped
// type) is instantiated again, member by member, every time a method's signature is instantiated. The old state,
// an intersection `{ words: D1 } & { count: D2 } & ...` of the classes' declarations, therefore cost O(n) per call
// and O(n²) per topology. The state now holds only types tsc knows to be non-generic (string literals, tuples
// and small interfaces over them), so passing it along costs nothing:
// - `TKeys`, a union of string keys, answers every question a correct call asks by one lookup in a sorted union:
//   `s/words/default` (stream declared), `d/words/control` (stream is direct), `f/words/default/word` (field
//   declared on the stream), `t/words/word` and `t/words/word/string` (the field's declared value type).
// - `TEntries`, a union of one `Entry` per component, keeps the declaration itself (stream order, field order,
//   value types). Only a call the keys cannot vouch for looks its source up there, which is O(n) but exact: a
//   wrong call (its message lists what is declared), a read whose value types are not the same built-in marker
//   on both sides (e.g. `field<Date>()`), and a name containing the key separator.
import type { FieldsOf, OutputsDeclaration, ValueOf } from '../components/declaration.js';

/** The separator inside keys. A name containing it is still checked exactly, through `TEntries`. */
type Sep = '/';

/** True (as a type, or `never`) for a name the keys cannot hold unambiguously. */
type HasSeparator<T extends string> = T extends `${string}${Sep}${string}` ? true : never;

/** The ids to keep unique (the builder keeps its ids as a union beside the declarations): none once an id
 * known only at run time (typed `string`) has been added. */
export type LiteralIdsOf<TIds extends string> = string extends TIds ? never : TIds;

/** `{ outputs: { default: ['word'] } }` → `{ default: ['word'] }`; `{}` when nothing is declared. */
export type OutputsOf<D> = D extends { readonly outputs: infer O extends OutputsDeclaration } ? O : {};

/** `{ types: { word: String } }` → `{ word: String }`; `{}` when nothing is declared. */
type TypesOf<D> = D extends { readonly types: infer T } ? T : {};

/**
 * The marker a built-in value type is declared with, by name; `custom` for `field<T>()` and anything else.
 * Two fields declared with the same built-in marker have the same value type (it mirrors ValueOf's branches).
 */
type MarkerName<M> = [M] extends [StringConstructor]
  ? 'string'
  : [M] extends [NumberConstructor]
    ? 'number'
    : [M] extends [BooleanConstructor]
      ? 'boolean'
      : [M] extends [ArrayConstructor]
        ? 'array'
        : [M] extends [ObjectConstructor]
          ? 'object'
          : 'custom';

/**
 * The keys of component `TId` with declaration `D`.
 * @example KeysOf<'words', { outputs: { default: ['word'] }, types: { word: String } }>
 *   → 's/words/default' | 'f/words/default/word' | 't/words/word' | 't/words/word/string'
 */
export type KeysOf<TId extends string, D> =
  // Each `[X] extends [unknown] ? ... : never` here only strips the alias name from the union it yields: a union
  // known by an alias name is one tsc keeps track of inside every union built from it, which made each new key
  // set cost a search per key for every step before it.
  [D] extends [unknown] ? StreamKeysOf<TId, OutputsOf<D>> | TypeKeysOf<TId, TypesOf<D>> : never;

type StreamKeysOf<TId extends string, O> = [O] extends [unknown]
  ? {
      [S in keyof O & string]:
        | `s${Sep}${TId}${Sep}${S}`
        | `f${Sep}${TId}${Sep}${S}${Sep}${FieldsOf<O[S]>[number] & string}`
        | (O[S] extends { readonly direct: true } ? `d${Sep}${TId}${Sep}${S}` : never);
    }[keyof O & string]
  : never;

type TypeKeysOf<TId extends string, T> = [T] extends [unknown]
  ? {
      [F in keyof T & string]:
        | `t${Sep}${TId}${Sep}${F}`
        | (MarkerName<T[F]> extends 'custom' ? never : `t${Sep}${TId}${Sep}${F}${Sep}${MarkerName<T[F]>}`);
    }[keyof T & string]
  : never;

/** One stream of an Entry. */
export interface StreamEntry<TStream extends string, TFields extends readonly string[], TDirect extends boolean> {
  readonly stream: TStream;
  readonly fields: TFields;
  readonly direct: TDirect;
}

/** One declared value type of an Entry: the field and its marker (`String`, `field<Date>()`, ...). */
export interface TypeEntry<TField extends string, TMarker> {
  readonly field: TField;
  readonly marker: TMarker;
}

/** A component's declaration as the builder keeps it: its streams and value types as unions of small entries. */
export interface Entry<TId extends string, TStreams, TTypes> {
  readonly id: TId;
  readonly streams: TStreams;
  readonly types: TTypes;
}

/**
 * The Entry of component `TId` with declaration `D`.
 * @example EntryOf<'words', { outputs: { default: ['word'] } }> → Entry<'words', StreamEntry<'default', readonly ['word'], false>, never>
 */
export type EntryOf<TId extends string, D> = {
  // Wrapped in a mapped type on purpose: an interface reference written directly as an alias's body (or under a
  // union or conditional there) with alias arguments becomes a deferred reference, which tsc treats as generic and
  // instantiates again at every later step.
  [K in TId]: Entry<K, StreamEntriesOf<OutputsOf<D>>, TypeEntriesOf<TypesOf<D>>>;
}[TId];

type StreamEntriesOf<O> = {
  [S in keyof O & string]: StreamEntry<S, FieldsOf<O[S]>, O[S] extends { readonly direct: true } ? true : false>;
}[keyof O & string];

type TypeEntriesOf<T> = { [F in keyof T & string]: TypeEntry<F, T[F]> }[keyof T & string];

type StreamIdOf<S> = S extends StreamEntry<infer TStream, readonly string[], boolean> ? TStream : never;
type FieldOfTypeEntry<T> = T extends TypeEntry<infer F, unknown> ? F : never;

/**
 * The declaration of source `TSrc`, rebuilt from its Entry in the form lib/components declares it, so that the
 * readers below see exactly what the class declared. O(n) in the number of components: error path only.
 */
export type SourceDeclaration<TEntries, TSrc extends string> = DeclarationOfEntry<Extract<TEntries, Entry<TSrc, unknown, unknown>>>;

type DeclarationOfEntry<E> = E extends Entry<string, infer TStreams, infer TTypes>
  ? {
      readonly outputs: {
        readonly [S in StreamIdOf<TStreams>]: Extract<TStreams, StreamEntry<S, readonly string[], boolean>> extends StreamEntry<
          string,
          infer TFields,
          infer TDirect
        >
          ? { readonly fields: TFields; readonly direct: TDirect }
          : never;
      };
      readonly types: {
        readonly [F in FieldOfTypeEntry<TTypes>]: Extract<TTypes, TypeEntry<F, unknown>> extends TypeEntry<string, infer M> ? M : never;
      };
    }
  : never;

/** The stream ids a component declares: `{ outputs: { default: [..], totals: [..] } }` → `'default' | 'totals'`. */
export type StreamIdsOf<D> = keyof OutputsOf<D> & string;

/** The field names of stream S as a tuple: → `readonly ['word', 'count']`; `readonly []` if S is undeclared. */
export type FieldTupleOf<D, S extends string> = S extends keyof OutputsOf<D> ? FieldsOf<OutputsOf<D>[S]> : readonly [];

/** The field names of stream S as a union: → `'word' | 'count'`. */
export type FieldNamesOf<D, S extends string> = FieldTupleOf<D, S>[number] & string;

/** Whether stream S is declared `{ fields, direct: true }`. */
export type IsDirectStream<D, S extends string> = S extends keyof OutputsOf<D>
  ? OutputsOf<D>[S] extends { readonly direct: true }
    ? true
    : false
  : false;

/** What a bolt reads: `{ reads: ['word'] }` → `'word'`; `never` when it states nothing. */
export type ReadsOf<D> = D extends { readonly reads: infer R extends readonly string[] } ? R[number] : never;

/** The value type a component declares for field F, or `unknown`. */
export type FieldValueOf<D, F extends string> = D extends { readonly types: infer T }
  ? F extends keyof T
    ? ValueOf<T[F]>
    : unknown
  : unknown;

/**
 * True when the keys show that source `TSrc` declares stream `TStream`, direct exactly when `TDirect`, carrying
 * every field bolt `TReader` reads, with no value type that could differ from the one the bolt reads.
 * Anything else (a fault, or a name containing the separator) is `false`: then the exact check decides.
 */
export type SourceIsFine<TKeys extends string, TReader, TSrc extends string, TStream extends string, TDirect extends boolean> =
  // None of these check types is a bare type parameter, so they need no `[...]` against distribution.
  HasSeparator<TSrc | TStream | ReadsOf<TReader>> extends never
    ? `s${Sep}${TSrc}${Sep}${TStream}` extends TKeys
      ? (`d${Sep}${TSrc}${Sep}${TStream}` extends TKeys ? true : false) extends TDirect
        ? `f${Sep}${TSrc}${Sep}${TStream}${Sep}${ReadsOf<TReader>}` extends TKeys
          ? ReadTypesAreFine<TKeys, TReader, TSrc>
          : false
        : false
      : false
    : false;

/** Fields the bolt reads and declares a value type for. */
type TypedReads<D> = ReadsOf<D> & keyof TypesOf<D> & string;

/** Each typed read is either untyped at the source or declared there with the same built-in marker. */
type ReadTypesAreFine<TKeys extends string, TReader, TSrc extends string> = false extends {
  [F in TypedReads<TReader>]: `t${Sep}${TSrc}${Sep}${F}` extends TKeys
    ? `t${Sep}${TSrc}${Sep}${F}${Sep}${MarkerName<TypesOf<TReader>[F]>}` extends TKeys
      ? true
      : false
    : true;
}[TypedReads<TReader>]
  ? false
  : true;

/** True when the keys show that every one of `TFields` (at least one) is declared by `TSrc` on `TStream`. */
export type FieldsAreFine<TKeys extends string, TFields extends readonly string[], TSrc extends string, TStream extends string> =
  HasSeparator<TSrc | TStream | TFields[number]> extends never
    ? TFields[number] extends never
      ? false
      : `f${Sep}${TSrc}${Sep}${TStream}${Sep}${TFields[number]}` extends TKeys
        ? true
        : false
    : false;

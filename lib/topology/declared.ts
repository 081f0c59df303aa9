// Type-level readers of what a component declares (lib/components/declaration.ts): its streams, their fields,
// whether a stream is direct, what a bolt reads and the value types of fields. Each is a single lookup so that
// the builder stays cheap to check however large the topology grows.
import type { ComponentDeclaration, FieldsOf, OutputsDeclaration, ValueOf } from '../components/declaration.js';

/** What the builder remembers about one component: its declaration (outputs, types, reads). */
export type Declared = ComponentDeclaration;

/**
 * Every component so far, by id: an intersection with one small object per component
 * (`{ readonly words: D1 } & { readonly count: D2 }`). Each builder return type spells the intersection out
 * (never through an alias, which tsc would nest one level per component).
 */
export type DeclaredComponents = object;

/** The ids to keep unique (the builder keeps its ids as a union beside the declarations): none once an id
 * known only at run time (typed `string`) has been added. */
export type LiteralIdsOf<TIds extends string> = string extends TIds ? never : TIds;

/** The declaration of component `TId`: `DeclOf<{ words: D }, 'words'>` → `D`. */
export type DeclOf<TDecl extends DeclaredComponents, TId extends string> = TDecl extends { readonly [K in TId]: infer D } ? D : never;

/** `{ outputs: { default: ['word'] } }` → `{ default: ['word'] }`; `{}` when nothing is declared. */
export type OutputsOf<D> = D extends { readonly outputs: infer O extends OutputsDeclaration } ? O : {};

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

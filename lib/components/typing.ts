// Type-level views of a declaration used by the base classes: which streams `emit` accepts, the values each one
// takes, and what `tuple.values` holds. Each is one lookup (no recursion) so that large topologies stay cheap.
import type { ComponentDeclaration, FieldsOf, OutputsDeclaration, ValuesOf } from './declaration.js';

/** The declaration of a class that did not call `define`: any stream, any values. */
export interface UndeclaredComponent extends ComponentDeclaration {
  readonly outputs: { readonly [stream: string]: readonly string[] };
}

/** `{ outputs: { default: ['word'] } }` → `{ default: ['word'] }`. */
export type DeclaredOutputs<D> = D extends { readonly outputs: infer O extends OutputsDeclaration } ? O : {};

/** The stream ids `emit` accepts. */
export type EmitStream<D> = keyof DeclaredOutputs<D> & string;

/** `'default'` when the class declares it, else `never` (then `emit` must name a stream). */
export type DefaultStream<D> = 'default' & EmitStream<D>;

type TypesOf<D> = D extends { readonly types: infer T } ? T : {};

/** The values `emit` takes on stream S: `['word', 'count']` with `{ count: Number }` → `[unknown, number]`. */
export type EmitValues<D, S extends string> = ValuesOf<FieldsOf<DeclaredOutputs<D>[S & keyof DeclaredOutputs<D>]>, TypesOf<D>>;

/** What `tuple.values` holds in a bolt: typed from `reads`, else `unknown[]`. */
export type ReadValues<D> = D extends { readonly reads: infer R extends readonly string[] } ? ValuesOf<R, TypesOf<D>> : unknown[];

// Type-level views of a declaration used by the base classes: which streams `emit` accepts, the values each one
// takes, and what `tuple.values` holds. Each is one lookup (no recursion) so that large topologies stay cheap.
import type { QuoteList, StpTypeError } from '../topology/type-error.js';
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

type FieldList<D, S extends string> = QuoteList<FieldsOf<DeclaredOutputs<D>[S & keyof DeclaredOutputs<D>]>>;

/**
 * How stream S is declared: `'direct'` (`{ fields, direct: true }`), `'regular'`, or `'unknown'` for a class
 * without `define()` (any stream, either kind: the runtime checks against what Storm sent).
 */
type StreamKind<D, S extends string> = string extends keyof DeclaredOutputs<D>
  ? 'unknown'
  : DeclaredOutputs<D>[S & keyof DeclaredOutputs<D>] extends { readonly direct: true }
    ? 'direct'
    : 'regular';

/**
 * What the `directTask` option takes on stream S: a task id unless the stream is declared regular (Storm kills the
 * worker on a direct emit to it). TTask is what the call passed, so a correct call sees its own type back.
 */
export type DirectTaskOf<D, S extends string, TTask> = StreamKind<D, S> extends 'regular'
  ? StpTypeError<`emit() call failed: stream "${S}" is declared regular (fields ${FieldList<D, S>}), not direct; drop directTask, or declare the stream { fields: [...], direct: true }`>
  : TTask;

/** The values of an emit on stream S, refused when S is declared direct and the call passes no `directTask`. */
export type DirectEmitValues<D, S extends string, TTask> = StreamKind<D, S> extends 'direct'
  ? [TTask] extends [number]
    ? EmitValues<D, S>
    : StpTypeError<`emit() call failed: stream "${S}" is declared direct ({ fields: [${FieldList<D, S>}], direct: true }); pass { directTask } naming the receiving task`>
  : EmitValues<D, S>;

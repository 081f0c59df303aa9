// What a component declares about itself, once, on its class: the streams it emits (with field names and,
// optionally, value types) and the fields it reads. The runtime (emit checks), the typed builder (edge checks) and
// the spec (StreamSpec) all read this one declaration.
//
//   export class WordCounter extends Bolt.define({
//     reads: ['word'],
//     outputs: { default: ['word', 'count'] },
//     types: { word: String, count: Number },
//   }) { ... }
//
// `Spout.define(decl)` / `Bolt.define(decl)` return a base class whose `emit` and `tuple.values` are typed from
// `decl`, and which carries `decl` as `static readonly declaration`.

/**
 * What `Spout.define(decl)`, `Bolt.define(decl)` (and the other bases') return: an abstract class whose instances
 * are `TInstance` (typed from `decl`) and whose static `declaration` is `decl`. Written out so that the published
 * .d.ts can name it (an inferred class expression type cannot be declared).
 */
export type DefinedComponent<TInstance, TDecl extends ComponentDeclaration> = (abstract new () => TInstance) & { readonly declaration: TDecl };

/** A marker for a field whose value has type T, for types the constructor markers cannot say. */
export interface FieldOf<T> {
  readonly fieldType: 'custom';
  /** Phantom: never set at run time. */
  readonly __type?: T;
}

/** `field<Date>()`: a marker for a field of any type. */
export function field<T>(): FieldOf<T> {
  return { fieldType: 'custom' };
}

/** How a field's value type is written: a constructor marker (`String`, `Number`, ...) or `field<T>()`. */
export type FieldType =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | ArrayConstructor
  | ObjectConstructor
  | FieldOf<unknown>;

/** The value type a marker stands for. */
export type ValueOf<M> = M extends StringConstructor
  ? string
  : M extends NumberConstructor
    ? number
    : M extends BooleanConstructor
      ? boolean
      : M extends ArrayConstructor
        ? unknown[]
        : M extends ObjectConstructor
          ? Record<string, unknown>
          : M extends FieldOf<infer T>
            ? T
            : unknown;

/** A stream: its field names, or the long form that can mark it direct. */
export type StreamDeclaration = readonly string[] | { readonly fields: readonly string[]; readonly direct?: boolean };

export type OutputsDeclaration = { readonly [stream: string]: StreamDeclaration };
export type TypesDeclaration = { readonly [fieldName: string]: FieldType };

export interface ComponentDeclaration {
  /** Streams emitted, by id; `default` is Storm's default stream. */
  readonly outputs?: OutputsDeclaration;
  /** Value types of fields, by field name (any stream); a field without one is `unknown`. */
  readonly types?: TypesDeclaration;
  /** Bolts: the fields every input must supply, in the order `tuple.values` holds them. */
  readonly reads?: readonly string[];
}

/** The field names of a stream declaration. */
export type FieldsOf<S> = S extends readonly string[] ? S : S extends { readonly fields: infer F extends readonly string[] } ? F : never;

/** The values tuple for `Fields`, typed from `Types` where a type is declared. */
export type ValuesOf<Fields extends readonly string[], Types> = {
  -readonly [K in keyof Fields]: Fields[K] extends keyof Types ? ValueOf<Types[Fields[K]]> : unknown;
};

/** The normalised runtime form of a stream declaration. */
export function streamFields(stream: StreamDeclaration): { fields: readonly string[]; direct: boolean } {
  return Array.isArray(stream)
    ? { fields: stream as readonly string[], direct: false }
    : { fields: (stream as { fields: readonly string[] }).fields, direct: Boolean((stream as { direct?: boolean }).direct) };
}

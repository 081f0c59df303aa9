// What a StatefulBolt declares beyond a bolt: its state's key and value types, and optionally `dedupe` (the field
// that identifies an input, and how many applied ids each task remembers). The compiler refuses a dedupe field
// the bolt does not read and a value type JSON cannot keep; the same checks run when the class is defined, for
// JavaScript callers.
import type { ComponentDeclaration, FieldOf, FieldType, ValueOf } from '../components/declaration.js';
import type { QuoteList, StpTypeError } from '../topology/type-error.js';
import type { ReadFieldsOf } from '../components/read-field-typing.js';

/** How a state key is written: strings, numbers or booleans (they are compared by value). */
export type StateKeyType = StringConstructor | NumberConstructor | BooleanConstructor | FieldOf<string> | FieldOf<number>;

export interface StateDeclaration {
  readonly key: StateKeyType;
  readonly value: FieldType;
}

export interface DedupeDeclaration {
  /** A field of `reads` whose value identifies an input uniquely (replays carry the same value). */
  readonly field: string;
  /** How many applied ids each task keeps (the oldest are forgotten first); bounds the memory and the store. */
  readonly horizon: number;
}

export interface StatefulDeclaration extends ComponentDeclaration {
  readonly state: StateDeclaration;
  readonly dedupe?: DedupeDeclaration;
}

export type StateKeyOf<D> = D extends { readonly state: { readonly key: infer K } } ? ValueOf<K> & (string | number | boolean) : never;
export type StateValueOf<D> = D extends { readonly state: { readonly value: infer V } } ? ValueOf<V> : never;

/** Whether JSON keeps a value of type T as it is (no functions, bigints, symbols, undefined; objects of such values). */
export type IsJson<T> = unknown extends T
  ? true
  : T extends string | number | boolean | null
    ? true
    : T extends bigint | symbol | undefined | ((...args: never[]) => unknown)
      ? false
      : T extends readonly (infer E)[]
        ? IsJson<E>
        : T extends object
          ? false extends { [K in keyof T]-?: IsJson<Exclude<T[K], undefined>> }[keyof T]
            ? false
            : true
          : false;

type DedupeOf<D> = D extends { readonly dedupe: infer X } ? X : never;
type DedupeFieldOf<D> = DedupeOf<D> extends { readonly field: infer F extends string } ? F : never;
type HorizonOf<D> = DedupeOf<D> extends { readonly horizon: infer H extends number } ? H : never;

type Call = 'StatefulBolt.define() failed';

// A plain `string` field means inference fell back to the constraint (a property is missing): tsc says which.
type DedupeFieldProblem<D, F extends string> = [F] extends [never]
  ? never
  : string extends F
    ? never
    : F extends ReadFieldsOf<D>[number]
      ? never
      : `${Call}: dedupe.field "${F}" is not a field the bolt reads (reads: ${QuoteList<ReadFieldsOf<D>>}); add it to reads or name one of them`;

/** A literal horizon that is not a whole number >= 1 (a plain `number` is checked when the class is defined). */
type HorizonProblem<H extends number> = [H] extends [never]
  ? never
  : number extends H
    ? never
    : `${H}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | '0'
      ? `${Call}: dedupe.horizon is ${H}; it must be a whole number >= 1 (how many applied ids each task keeps)`
      : never;

type ValueProblem<D> = false extends IsJson<StateValueOf<D>>
  ? `${Call}: the state value type cannot be stored as JSON (functions, bigints, symbols, undefined, class instances with methods such as Date or Map); store plain data`
  : never;

type Check<P extends string, TShape> = [P] extends [never] ? unknown : TShape;

/**
 * What `StatefulBolt.define(declaration)` also requires of `declaration`: each problem becomes an StpTypeError at
 * the property that is wrong (dedupe.field, dedupe.horizon, state.value); a lookup on the happy path.
 */
export type StatefulChecks<D> = Check<DedupeFieldProblem<D, DedupeFieldOf<D>>, { readonly dedupe: { readonly field: StpTypeError<DedupeFieldProblem<D, DedupeFieldOf<D>>> } }> &
  Check<HorizonProblem<HorizonOf<D>>, { readonly dedupe: { readonly horizon: StpTypeError<HorizonProblem<HorizonOf<D>>> } }> &
  Check<ValueProblem<D>, { readonly state: { readonly value: StpTypeError<ValueProblem<D>> } }>;

const VALUE_MARKERS = /* @__PURE__ */ new Map<unknown, (value: unknown) => boolean>([
  [String, (v) => typeof v === 'string'],
  [Number, (v) => typeof v === 'number' && Number.isFinite(v)],
  [Boolean, (v) => typeof v === 'boolean'],
  [Array, (v) => Array.isArray(v)],
  [Object, (v) => typeof v === 'object' && v !== null && !Array.isArray(v)],
]);
const KEY_MARKERS = [String, Number, Boolean];

function isCustom(marker: unknown): boolean {
  return typeof marker === 'object' && marker !== null && (marker as { fieldType?: unknown }).fieldType === 'custom';
}

function markerName(marker: unknown): string {
  return typeof marker === 'function' ? marker.name || 'an anonymous class' : JSON.stringify(marker) ?? String(marker);
}

/** Checks a declaration at run time (what the compiler checks, for callers it does not see); throws one line. */
export function checkStatefulDeclaration(className: string, declaration: StatefulDeclaration): void {
  const fail = (message: string): never => {
    throw new TypeError(`StatefulBolt.define() failed for ${className}: ${message}`);
  };
  const state = (declaration as { state?: Partial<StateDeclaration> }).state;
  if (typeof state !== 'object' || state === null) fail('it needs state: { key, value }, e.g. state: { key: String, value: Number }');
  if (!KEY_MARKERS.includes(state!.key as never) && !isCustom(state!.key)) {
    fail(`state.key is ${markerName(state!.key)}; a state key is String, Number or Boolean (compared by value)`);
  }
  if (!VALUE_MARKERS.has(state!.value) && !isCustom(state!.value)) {
    fail(`state.value is ${markerName(state!.value)}, which cannot be stored as JSON; use String, Number, Boolean, Array, Object or field<T>() of plain data`);
  }
  const dedupe = declaration.dedupe;
  if (dedupe === undefined) return;
  const reads = declaration.reads ?? [];
  if (typeof dedupe.field !== 'string' || !reads.includes(dedupe.field)) {
    fail(`dedupe.field ${JSON.stringify(dedupe.field)} is not a field the bolt reads (reads: ${reads.map((r) => JSON.stringify(r)).join(', ') || 'none'})`);
  }
  if (!Number.isSafeInteger(dedupe.horizon) || dedupe.horizon < 1) fail(`dedupe.horizon must be a whole number >= 1 (ids kept per task), got ${JSON.stringify(dedupe.horizon)}`);
}

/** The run-time check of a value against the declared marker: a message when it cannot be kept, else undefined. */
export function valueChecker(declaration: StatefulDeclaration): (value: unknown) => string | undefined {
  const marker = declaration.state.value;
  const fits = VALUE_MARKERS.get(marker);
  if (fits) {
    const name = markerName(marker);
    return (value) => (fits(value) ? undefined : `the value ${describeValue(value)} is not a ${name} (the state's declared value type)`);
  }
  return (value) => (value === undefined || typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol' ? `the value ${describeValue(value)} cannot be stored as JSON` : undefined);
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

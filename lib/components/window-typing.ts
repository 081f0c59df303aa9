// Compile-time checks of a windowed bolt's declaration: the timestamp field must be a field the bolt reads, typed
// Number; a late-tuple stream must be declared in outputs, with the fields the bolt reads (late tuples are sent
// on as they were read), and only with event time. Each check is a lookup on the happy path; a wrong declaration
// gets an StpTypeError at the property that is wrong.
import type { QuoteList, StpTypeError } from '../topology/type-error.js';
import type { ComponentDeclaration, FieldsOf } from './declaration.js';
import type { DeclaredOutputs } from './typing.js';
import type { NumberReadFieldProblem, ReadFieldsOf } from './read-field-typing.js';
import type { WindowDeclaration } from '../windowing/window-spec.js';

type WindowOf<D> = D extends { readonly window: infer W } ? W : never;
type TimestampFieldOf<D> = WindowOf<D> extends { readonly timestampField: infer F extends string } ? F : never;
type LateStreamOf<D> = WindowOf<D> extends { readonly lateStream: infer S extends string } ? S : never;

type Call = 'WindowedBolt.define() call failed';

type TimestampProblem<D, F extends string> = NumberReadFieldProblem<D, F, Call, 'window.timestampField', 'milliseconds since the epoch'>;

type SameFields<A extends readonly string[], B extends readonly string[]> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type LateStreamProblem<D, S extends string> = [S] extends [never]
  ? never
  : [TimestampFieldOf<D>] extends [never]
    ? `${Call}: window.lateStream "${S}" needs window.timestampField (late tuples exist only with event time)`
    : S extends keyof DeclaredOutputs<D>
      ? SameFields<FieldsOf<DeclaredOutputs<D>[S]>, ReadFieldsOf<D>> extends true
        ? never
        : `${Call}: window.lateStream "${S}" must declare the fields the bolt reads, ${QuoteList<ReadFieldsOf<D>>} (late tuples go out as they were read)`
      : `${Call}: window.lateStream "${S}" is not declared in outputs; declare it with the fields the bolt reads, e.g. ${S}: [${QuoteList<ReadFieldsOf<D>>}]`;

type FieldCheck<K extends string, P extends string> = [P] extends [never] ? unknown : { readonly window: { readonly [key in K]: StpTypeError<P> } };

/** What `WindowedBolt.define(declaration)` also requires of `declaration`: a window, and the checks above. */
export type WindowChecks<D extends ComponentDeclaration> = [WindowOf<D>] extends [never]
  ? { readonly window: WindowDeclaration }
  : FieldCheck<'timestampField', TimestampProblem<D, TimestampFieldOf<D>>> & FieldCheck<'lateStream', LateStreamProblem<D, LateStreamOf<D>>>;

// Compile-time checks shared by the declarations that name one of the bolt's read fields as a number (a window's
// timestamp field, a stateful windowed bolt's message id): the field must be one the bolt reads, typed Number.
import type { QuoteList } from '../topology/type-error.js';

/** The fields a declaration reads, as a tuple (`[]` when it reads none). */
export type ReadFieldsOf<D> = D extends { readonly reads: infer R extends readonly string[] } ? R : readonly [];

/** A declaration's `types` (`{}` when it has none). */
export type FieldTypesOf<D> = D extends { readonly types: infer T } ? T : {};

/**
 * The message for a field F, named `What` in the declaration (e.g. `window.timestampField`), that is not read or
 * not typed Number (`Why` says what the number means); never when F is fine or absent.
 */
export type NumberReadFieldProblem<D, F extends string, Call extends string, What extends string, Why extends string> = [F] extends [never]
  ? never
  : F extends ReadFieldsOf<D>[number]
    ? F extends keyof FieldTypesOf<D>
      ? FieldTypesOf<D>[F] extends NumberConstructor
        ? never
        : `${Call}: ${What} "${F}" must be typed Number in types (${Why})`
      : `${Call}: ${What} "${F}" must be typed Number in types (${Why})`
    : `${Call}: ${What} "${F}" is not a field the bolt reads (reads: ${QuoteList<ReadFieldsOf<D>>}); add it to reads`;

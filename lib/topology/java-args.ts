// Java constructor arguments as users write them (plain values) and as the spec holds them (Storm's tagged
// JavaObjectArg union). Plain numbers become `int` when they fit in 32 bits, else `long`, or `double` when not whole;
// write `javaArg.long(1)` or `javaArg.double(1)` to choose.
import type { JavaArg } from './spec.js';

/** A constructor argument: a plain value, or an explicitly typed one. */
export type JavaArgInput = string | number | boolean | bigint | Uint8Array | JavaArg;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

export const javaArg = {
  int: (value: number): JavaArg => ({ type: 'int', value }),
  long: (value: number | bigint): JavaArg => ({ type: 'long', value }),
  double: (value: number): JavaArg => ({ type: 'double', value }),
  string: (value: string): JavaArg => ({ type: 'string', value }),
  bool: (value: boolean): JavaArg => ({ type: 'bool', value }),
  binary: (value: Uint8Array): JavaArg => ({ type: 'binary', value }),
};

export function toJavaArg(input: JavaArgInput): JavaArg {
  switch (typeof input) {
    case 'string':
      return javaArg.string(input);
    case 'boolean':
      return javaArg.bool(input);
    case 'bigint':
      return javaArg.long(input);
    case 'number':
      if (!Number.isInteger(input)) return javaArg.double(input);
      return input >= INT_MIN && input <= INT_MAX ? javaArg.int(input) : javaArg.long(input);
    default:
      return input instanceof Uint8Array ? javaArg.binary(input) : input;
  }
}

/** Why `arg` is not a valid JavaArg, or undefined. */
export function javaArgProblem(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null || !('type' in arg) || !('value' in arg)) {
    return `${describe(arg)} is not a Java argument; write { type: 'int' | 'long' | 'string' | 'bool' | 'double' | 'binary', value }`;
  }
  const { type, value } = arg as { type: unknown; value: unknown };
  switch (type) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? undefined
        : `int argument ${describe(value)} is not a 32-bit whole number; use type "long" or "double"`;
    case 'long':
      return typeof value === 'bigint' || Number.isSafeInteger(value) ? undefined : `long argument ${describe(value)} is not a whole number`;
    case 'double':
      return typeof value === 'number' ? undefined : `double argument ${describe(value)} is not a number`;
    case 'string':
      return typeof value === 'string' ? undefined : `string argument ${describe(value)} is not a string`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `bool argument ${describe(value)} is not true or false`;
    case 'binary':
      return value instanceof Uint8Array ? undefined : `binary argument ${describe(value)} is not a Uint8Array`;
    default:
      return `Java argument type ${describe(type)} is unknown; use "int", "long", "string", "bool", "double" or "binary"`;
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

import { field, StatefulBolt } from '../../../lib/index.js';

export const Dates = StatefulBolt.define({
  reads: ['word'],
  // @expect-error: StatefulBolt.define() failed: the state value type cannot be stored as JSON (functions, bigints, symbols, undefined, class instances with methods such as Date or Map); store plain data
  state: { key: String, value: field<Date>() },
});

export const Functions = StatefulBolt.define({
  reads: ['word'],
  // @expect-error: StatefulBolt.define() failed: the state value type cannot be stored as JSON (functions, bigints, symbols, undefined, class instances with methods such as Date or Map); store plain data
  state: { key: String, value: field<{ count: number; format: () => string }>() },
});

export const BigInts = StatefulBolt.define({
  reads: ['word'],
  // @expect-error: StatefulBolt.define() failed: the state value type cannot be stored as JSON (functions, bigints, symbols, undefined, class instances with methods such as Date or Map); store plain data
  state: { key: String, value: field<bigint[]>() },
});

export const Maps = StatefulBolt.define({
  reads: ['word'],
  // @expect-error: Type 'MapConstructor' is not assignable to type 'FieldType'.
  state: { key: String, value: Map },
});

import { StatefulBolt } from '../../../lib/index.js';

export const ObjectKeys = StatefulBolt.define({
  reads: ['word'],
  // @expect-error: Type 'ObjectConstructor' is not assignable to type 'StateKeyType'.
  state: { key: Object, value: Number },
});

export const NoState = StatefulBolt.define(
  // @expect-error: Property 'state' is missing in type '{ reads: string[]; }' but required in type 'StatefulDeclaration'.
  {
    reads: ['word'],
  },
);

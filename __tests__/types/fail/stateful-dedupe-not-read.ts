import { StatefulBolt } from '../../../lib/index.js';

export const DedupeOnUnread = StatefulBolt.define({
  reads: ['word'],
  types: { word: String },
  state: { key: String, value: Number },
  // @expect-error: StatefulBolt.define() failed: dedupe.field "id" is not a field the bolt reads (reads: "word"); add it to reads or name one of them
  dedupe: { field: 'id', horizon: 1000 },
});

export const NoHorizon = StatefulBolt.define({
  reads: ['id', 'word'],
  state: { key: String, value: Number },
  // @expect-error: Property 'horizon' is missing in type '{ field: string; }' but required in type 'DedupeDeclaration'.
  dedupe: { field: 'id' },
});

export const ZeroHorizon = StatefulBolt.define({
  reads: ['id', 'word'],
  state: { key: String, value: Number },
  // @expect-error: StatefulBolt.define() failed: dedupe.horizon is 0; it must be a whole number >= 1 (how many applied ids each task keeps)
  dedupe: { field: 'id', horizon: 0 },
});

export const FractionalHorizon = StatefulBolt.define({
  reads: ['id', 'word'],
  state: { key: String, value: Number },
  // @expect-error: StatefulBolt.define() failed: dedupe.horizon is 2.5; it must be a whole number >= 1 (how many applied ids each task keeps)
  dedupe: { field: 'id', horizon: 2.5 },
});

export const NegativeHorizon = StatefulBolt.define({
  reads: ['id', 'word'],
  state: { key: String, value: Number },
  // @expect-error: StatefulBolt.define() failed: dedupe.horizon is -5; it must be a whole number >= 1 (how many applied ids each task keeps)
  dedupe: { field: 'id', horizon: -5 },
});

import { StatefulWindowedBolt } from '../../../lib/index.js';

export const NotRead = StatefulWindowedBolt.define({
  reads: ['word'],
  types: { word: String },
  window: { tumbling: { count: 10 } },
  state: { key: String, value: Number },
  // @expect-error: StatefulWindowedBolt.define() failed: messageIdField "seq" is not a field the bolt reads (reads: "word"); add it to reads
  messageIdField: 'seq',
});

export const NotANumber = StatefulWindowedBolt.define({
  reads: ['seq', 'word'],
  types: { seq: String, word: String },
  window: { tumbling: { count: 10 } },
  state: { key: String, value: Number },
  // @expect-error: StatefulWindowedBolt.define() failed: messageIdField "seq" must be typed Number in types (an id that grows per source task and stream)
  messageIdField: 'seq',
});

export const Untyped = StatefulWindowedBolt.define({
  reads: ['seq', 'word'],
  window: { tumbling: { count: 10 } },
  state: { key: String, value: Number },
  // @expect-error: StatefulWindowedBolt.define() failed: messageIdField "seq" must be typed Number in types (an id that grows per source task and stream)
  messageIdField: 'seq',
});

// @expect-error: Property 'messageIdField' is missing
export const NoMessageId = StatefulWindowedBolt.define({
  reads: ['seq', 'word'],
  types: { seq: Number, word: String },
  window: { tumbling: { count: 10 } },
  state: { key: String, value: Number },
});

export const TimestampNotRead = StatefulWindowedBolt.define({
  reads: ['seq'],
  types: { seq: Number },
  window: {
    length: { seconds: 10 },
    // @expect-error: WindowedBolt.define() call failed: window.timestampField "ts" is not a field the bolt reads (reads: "seq"); add it to reads
    timestampField: 'ts',
  },
  state: { key: String, value: Number },
  messageIdField: 'seq',
});

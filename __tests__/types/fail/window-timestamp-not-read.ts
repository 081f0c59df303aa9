import { WindowedBolt } from '../../../lib/components/windowed-bolt.js';

export const NotRead = WindowedBolt.define({
  reads: ['word'],
  outputs: { default: ['word', 'count'] },
  types: { word: String, count: Number, ts: Number },
  window: {
    length: { seconds: 30 },
    // @expect-error: WindowedBolt.define() call failed: window.timestampField "ts" is not a field the bolt reads (reads: "word"); add it to reads
    timestampField: 'ts',
  },
});

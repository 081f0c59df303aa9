import { WindowedBolt } from '../../../lib/components/windowed-bolt.js';

export const NotANumber = WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['word', 'count'] },
  types: { word: String, ts: String },
  window: {
    length: { seconds: 30 },
    // @expect-error: WindowedBolt.define() call failed: window.timestampField "ts" must be typed Number in types (milliseconds since the epoch)
    timestampField: 'ts',
  },
});

export const Untyped = WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['word', 'count'] },
  window: {
    tumbling: { count: 100 },
    // @expect-error: WindowedBolt.define() call failed: window.timestampField "ts" must be typed Number in types (milliseconds since the epoch)
    timestampField: 'ts',
  },
});

import { WindowedBolt } from '../../../lib/components/windowed-bolt.js';

export const Undeclared = WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['word', 'count'] },
  types: { word: String, ts: Number },
  window: {
    length: { seconds: 30 },
    timestampField: 'ts',
    // @expect-error: WindowedBolt.define() call failed: window.lateStream "late" is not declared in outputs; declare it with the fields the bolt reads, e.g. late: ["word", "ts"]
    lateStream: 'late',
  },
});

export const WrongFields = WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['word', 'count'], late: ['word'] },
  types: { word: String, ts: Number },
  window: {
    length: { seconds: 30 },
    timestampField: 'ts',
    // @expect-error: WindowedBolt.define() call failed: window.lateStream "late" must declare the fields the bolt reads, "word", "ts" (late tuples go out as they were read)
    lateStream: 'late',
  },
});

export const WithoutEventTime = WindowedBolt.define({
  reads: ['word', 'ts'],
  outputs: { default: ['word', 'count'], late: ['word', 'ts'] },
  types: { word: String, ts: Number },
  window: {
    length: { seconds: 30 },
    // @expect-error: WindowedBolt.define() call failed: window.lateStream "late" needs window.timestampField (late tuples exist only with event time)
    lateStream: 'late',
  },
});

export const NoWindow = WindowedBolt.define(
  // @expect-error: Property 'window' is missing
  { reads: ['word'], outputs: { default: ['word'] } },
);

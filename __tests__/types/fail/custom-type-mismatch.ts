import { field } from '../../../lib/components/declaration.js';
import { topology } from '../../../lib/topology/builder.js';

class Clock {
  static readonly declaration = { outputs: { default: ['at'] }, types: { at: field<Date>() } } as const;
}

class Formatter {
  static readonly declaration = { reads: ['at'], types: { at: field<string>() } } as const;
}

export default topology('clock')
  .spout('clock', Clock)
  .bolt('format', Formatter)
  // @expect-error: shuffle() call failed: bolt "format" subscribing to stream "default" of "clock": field "at" is read as string but emitted as another type
  .shuffle('clock');

import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, SentenceSpout } from '../components.js';

export default topology('wc')
  .spout('sentences', SentenceSpout)
  .bolt('x', AnyReader)
  // @expect-error: shuffle() call failed: bolt "x" subscribing to stream "control" of "sentences": the stream is direct; subscribe to it with direct()
  .shuffle('sentences', 'control');

import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, SentenceSpout } from '../components.js';

export default topology('wc')
  .spout('sentences', SentenceSpout)
  .bolt('x', AnyReader)
  // @expect-error: direct() call failed: bolt "x" subscribing to stream "default" of "sentences": a direct grouping needs a direct stream; declare it { fields: [...], direct: true }
  .direct('sentences');

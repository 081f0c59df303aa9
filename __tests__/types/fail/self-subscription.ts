import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('loop', AnyReader)
  // @expect-error: shuffle() call failed: bolt "loop" cannot subscribe to itself; name a component declared before it
  .shuffle('loop');

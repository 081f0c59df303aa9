import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('a', AnyReader)
  // @expect-error: Argument of type '"b"' is not assignable to parameter of type '"words"'.
  .shuffle('b')
  .bolt('b', AnyReader)
  .shuffle('words');

import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('x', AnyReader)
  // @expect-error: fields() call failed: name at least one field of "words" (it declares "word")
  .fields('words', []);

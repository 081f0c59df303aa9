import { topology } from '../../../lib/topology/builder.js';
import { WordCounter, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  // @expect-error: bolt() call failed: component id "words" is already used
  .bolt('words', WordCounter);

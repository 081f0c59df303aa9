import { topology } from '../../../lib/topology/builder.js';
import { WordCounter, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('count', WordCounter)
  // @expect-error: Argument of type '"wrods"' is not assignable to parameter of type '"words"'.
  .shuffle('wrods');

import { topology } from '../../../lib/topology/builder.js';
import { WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  // @expect-error: Property 'shuffle' does not exist on type
  .shuffle('words');

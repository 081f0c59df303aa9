import { topology } from '../../../lib/topology/builder.js';
import { WordSpout } from '../components.js';

export default topology('wc')
  // @expect-error: spout() call failed: component id "__acker" is reserved by Storm (ids starting with "__"); choose another
  .spout('__acker', WordSpout);

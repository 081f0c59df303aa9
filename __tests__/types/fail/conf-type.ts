import { topology } from '../../../lib/topology/builder.js';

// @expect-error: Type 'string' is not assignable to type 'number'.
export default topology('wc', { 'topology.message.timeout.secs': '60' });

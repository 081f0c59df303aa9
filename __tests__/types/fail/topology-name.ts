import { topology } from '../../../lib/topology/builder.js';

// @expect-error: topology() call failed: name "word.count" contains "."; Storm refuses "/", ".", ":" and "\" in topology names
export default topology('word.count');

import { topology } from '../../../lib/topology/builder.js';
import { Reporter, WordCounter, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('count', WordCounter)
  .fields('words', ['word'])
  .bolt('report', Reporter)
  // @expect-error: global() call failed: "count" does not declare stream "total"; it declares "default", "totals"
  .global('count', 'total');

// The example, as a user writes it: it must compile.
import { topology } from '../../../lib/topology/builder.js';
import { Reporter, WordCounter, WordSpout } from '../components.js';

export default topology('wordcount', { workers: 2, 'topology.message.timeout.secs': 60 })
  .spout('words', WordSpout, { p: 2 })
  .bolt('count', WordCounter, { p: 4 })
  .fields('words', ['word'])
  .bolt('report', Reporter)
  .global('count', 'totals');

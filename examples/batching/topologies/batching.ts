// Word counts in batches: the counter sees a tick every second (its own component conf) and flushes every two
// seconds; a single totals task adds the batch counts up.
import { topology } from 'storm-ts';
import { WordSpout } from '../../wordcount/src/spouts/words.js';
import { BatchCounter } from '../src/batch-count.js';
import { Totals } from '../src/totals.js';

export default topology('batching', { 'topology.max.spout.pending': 500, 'topology.message.timeout.secs': 30 })
  .spout('words', WordSpout)
  .bolt('batch-count', BatchCounter, { p: 2, conf: { 'topology.tick.tuple.freq.secs': 1 } })
  .fields('words', ['word'])
  .bolt('totals', Totals)
  .global('batch-count');

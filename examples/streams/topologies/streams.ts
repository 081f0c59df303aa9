// Several streams and a direct grouping: a classifier splits numbers onto 'even' and 'odd' streams, each summed
// by its own bolt, and sends every number straight to the shard task that owns it on the direct stream 'shards'.
import { topology } from 'storm-ts';
import { Classifier } from '../src/classify.js';
import { NumberSpout } from '../src/numbers.js';
import { Shard } from '../src/shard.js';
import { Summer } from '../src/sum.js';

export default topology('streams')
  .spout('numbers', NumberSpout)
  .bolt('classify', Classifier, { p: 2 })
  .shuffle('numbers')
  .bolt('even-sum', Summer)
  .shuffle('classify', 'even')
  .bolt('odd-sum', Summer)
  .global('classify', 'odd')
  .bolt('shard', Shard, { p: 3 })
  .direct('classify', 'shards');

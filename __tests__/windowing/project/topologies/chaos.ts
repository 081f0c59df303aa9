// A count-tumbling window under chaos: its tasks are killed and restarted while the spout's tuples flow.
import { topology } from 'storm-ts';
import { CountTumbling, NumberSpout, Sink } from '../src/components.js';

export default topology('window-chaos', { 'topology.message.timeout.secs': 2, 'topology.max.spout.pending': 2000 })
  .spout('numbers', NumberSpout)
  .bolt('window', CountTumbling, { p: 2 })
  .shuffle('numbers')
  .bolt('sink', Sink)
  .shuffle('window');

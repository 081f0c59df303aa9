// A StatefulWindowedBolt between the numbered spout and a sink: stp adds the checkpoint spout and streams.
import { topology } from 'storm-ts';
import { NumberSpout, Sink } from '../src/components.js';
import { WindowTotals } from '../src/stateful.js';

export default topology('stateful-windows', { 'topology.message.timeout.secs': 10, 'test.rate': 500 })
  .spout('numbers', NumberSpout)
  .bolt('totals', WindowTotals).global('numbers')
  .bolt('sink', Sink).shuffle('totals');

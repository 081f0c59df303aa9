// A 20,000-per-input fan-out in front of a slow sink (issue 23): memory must stay bounded while it drains.
import { topology } from 'storm-ts';
import { Explode, Lines, SlowSink } from '../src/components.js';

export default topology('fanout', { 'topology.message.timeout.secs': 600, 'topology.max.spout.pending': 4 })
  .spout('lines', Lines)
  .bolt('explode', Explode)
  .shuffle('lines')
  .bolt('sink', SlowSink)
  .shuffle('explode');

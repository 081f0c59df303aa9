import { topology } from '../../../lib/topology/builder.js';
import { AnyReader, WordCounter, WordSpout } from '../components.js';

export const next = topology('wc')
  .spout('words', WordSpout)
  .bolt('count', WordCounter)
  // @expect-error: bolt() call failed: bolt "count" has no input; subscribe it first (.shuffle(...), .fields(...), ...), right after .bolt()
  .bolt('report', AnyReader);

export const spoutNext = topology('wc')
  .spout('words', WordSpout)
  .shellBolt('split', { command: 'python3', script: 'split.py', outputs: { default: ['word'] } })
  // @expect-error: spout() call failed: bolt "split" has no input; subscribe it first (.shuffle(...), .fields(...), ...), right after .bolt()
  .spout('more', WordSpout);

export const externalsNext = topology('wc')
  .spout('words', WordSpout)
  .javaBolt('sink', { className: 'org.example.Sink' })
  // @expect-error: externals() call failed: bolt "sink" has no input; subscribe it first (.shuffle(...), .fields(...), ...), right after .bolt()
  .externals('sharp');

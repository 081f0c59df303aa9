// TypeScript and Python in one topology: a TypeScript spout, a Python splitter (resources/split.py, run as
// `python3 split.py` by Storm and by `stp run`), and a TypeScript counter.
import { topology } from 'storm-ts';
import { WordCounter } from '../../wordcount/src/bolts/count.js';
import { SentenceSpout } from '../src/sentences.js';

export default topology('polyglot', { 'topology.max.spout.pending': 100 })
  .spout('sentences', SentenceSpout)
  .shellBolt('split', { command: 'python3', script: 'split.py', reads: ['sentence'], outputs: { default: ['word'] } }, { p: 2 })
  .shuffle('sentences')
  .bolt('count', WordCounter, { p: 2 })
  .fields('split', ['word']);

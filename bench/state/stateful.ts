// The state benchmark's stateful word count (see components.ts): one spout, one counter, fields-grouped on the word.
import { topology } from '../../lib/index.js';
import { StateCount, IdWords } from './components.js';

export default topology('state-bench-stateful', { 'topology.max.spout.pending': 20_000 })
  .spout('words', IdWords)
  .bolt('count', StateCount)
  .fields('words', ['word']);

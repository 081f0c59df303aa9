// The state benchmark's dedupe word count (see components.ts): one spout, one counter, fields-grouped on the word.
import { topology } from '../../lib/index.js';
import { DedupeCount, IdWords } from './components.js';

export default topology('state-bench-dedupe', { 'topology.max.spout.pending': 20_000 })
  .spout('words', IdWords)
  .bolt('count', DedupeCount)
  .fields('words', ['word']);

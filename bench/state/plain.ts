// The state benchmark's plain word count (see components.ts): one spout, one counter, fields-grouped on the word.
import { topology } from '../../lib/index.js';
import { PlainCount, IdWords } from './components.js';

export default topology('state-bench-plain', { 'topology.max.spout.pending': 20_000 })
  .spout('words', IdWords)
  .bolt('count', PlainCount)
  .fields('words', ['word']);

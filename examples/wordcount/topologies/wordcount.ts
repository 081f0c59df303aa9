// The wordcount topology: random words, counted by word. The fields grouping on 'word' sends every occurrence of
// a word to the same counter task, so each task's counts are complete for its words.
//   stp run wordcount            (locally, no JVM)
//   stp visualize wordcount --output wordcount.svg
import { topology } from 'storm-ts';
import { WordCounter } from '../src/bolts/count.js';
import { WordSpout } from '../src/spouts/words.js';

export default topology('wordcount', { workers: 2, 'topology.message.timeout.secs': 60 })
  .spout('words', WordSpout, { p: 2 })
  .bolt('count', WordCounter, { p: 4 })
  .fields('words', ['word']);

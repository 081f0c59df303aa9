// The {{name}} topology: a spout of words, counted by a bolt. The fields grouping on 'word' sends every
// occurrence of a word to the same counter task.
//   npx stp run -t 10          run it here on the embedded engine (no JVM)
//   npx stp visualize          draw it
//   npx stp submit -e prod     send it to the Storm cluster named in config.json
import { topology } from 'storm-ts';
import { WordCounter } from '../src/bolts/count.js';
import { WordSpout } from '../src/spouts/words.js';

export default topology('{{name}}', { workers: 2, 'topology.message.timeout.secs': 60 })
  .spout('words', WordSpout, { p: 1 })
  .bolt('count', WordCounter, { p: 2 })
  .fields('words', ['word']);

import { topology } from '../../../lib/topology/builder.js';
import { WordCounter, WordSpout } from '../components.js';

export default topology('wc')
  // @expect-error: spout() call failed: "words" has tasks 9, fewer than p 10; Storm would run only 9 executor(s). Raise tasks or lower p
  .spout('words', WordSpout, { p: 10, tasks: 9 })
  // @expect-error: bolt() call failed: "count" has tasks 2, fewer than p 4; Storm would run only 2 executor(s). Raise tasks or lower p
  .bolt('count', WordCounter, { p: 4, tasks: 2 })
  .fields('words', ['word']);

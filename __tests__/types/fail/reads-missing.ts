import { topology } from '../../../lib/topology/builder.js';
import { SentenceSpout, WordCounter } from '../components.js';

export default topology('wc')
  .spout('sentences', SentenceSpout)
  .bolt('count', WordCounter)
  // @expect-error: shuffle() call failed: bolt "count" subscribing to stream "default" of "sentences": the bolt reads "word", which the stream does not carry; it carries "sentence"
  .shuffle('sentences');

import { topology } from '../../../lib/topology/builder.js';
import { WordCounter, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words/en', WordSpout)
  .bolt('count', WordCounter)
  // @expect-error: fields() call failed: field "wrod" is not declared by "words/en" on stream "default"; it declares "word"
  .fields('words/en', ['wrod']);

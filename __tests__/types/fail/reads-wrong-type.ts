import { topology } from '../../../lib/topology/builder.js';
import { NumericWordReader, WordSpout } from '../components.js';

export default topology('wc')
  .spout('words', WordSpout)
  .bolt('sum', NumericWordReader)
  // @expect-error: fields() call failed: bolt "sum" subscribing to stream "default" of "words": field "word" is read as number but emitted as string
  .fields('words', ['word']);

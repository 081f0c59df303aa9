import { Bolt, Spout, topology } from '../../../lib/index.js';

class Lines extends Spout.define({ outputs: { default: ['line'] } }) {
  override nextTuple(): void {}
}

class Split extends Bolt.define({ reads: ['line'], outputs: { default: ['word'] } }) {
  override process(): void {}
}

export default topology('lines')
  .spout('lines', Lines)
  .bolt('split', Split)
  // @expect-error: fields() call failed: field "lines" is not declared by "lines" on stream "default"; it declares "line"
  .fields('lines', ['lines']);

import { topology } from '../../../lib/topology/builder.js';

class Splitter {
  static readonly declaration = { outputs: { default: ['word'] } } as const;
  process(): void {}
}

export default topology('wc')
  // @expect-error: spout() call failed: the class is a bolt; add it with .bolt()
  .spout('split', Splitter);

import { topology } from '../../../lib/topology/builder.js';

export default topology('wc')
  // @expect-error: shellSpout() call failed: stream id "__metrics" is reserved by Storm (ids starting with "__"); rename it
  .shellSpout('feed', { command: 'python3', script: 'feed.py', outputs: { __metrics: ['m'] } });

// A hand-written TopologyDefinition over the example components (what the builder produces), for the bundler
// and conformance tests. It imports the examples, which import the library as 'storm-ts'.
import type { TopologyDefinition } from '../../../lib/topology/definition.js';
import { WordSpout } from '../../../examples/wordcount/src/spouts/words.js';
import { WordCounter } from '../../../examples/wordcount/src/bolts/count.js';
import { FailingBolt, LoudBolt, SlowBolt, TaskIdsBolt, TickBolt, SumBatches, AsyncSpout, NeedIdsSpout, PairWindows, ClockWindows, FanOutBolt, ThrowingConstructorBolt } from './test-components.js';

const classes = {
  words: WordSpout,
  count: WordCounter,
  failing: FailingBolt,
  loud: LoudBolt,
  slow: SlowBolt,
  taskids: TaskIdsBolt,
  ticks: TickBolt,
  batches: SumBatches,
  pairs: PairWindows,
  clock: ClockWindows,
  asyncwords: AsyncSpout,
  needids: NeedIdsSpout,
  fanout: FanOutBolt,
  throwctor: ThrowingConstructorBolt,
} as const;

const spouts = new Set(['words', 'asyncwords', 'needids']);

const definition: TopologyDefinition = {
  spec: {
    name: 'wordcount',
    conf: {},
    components: Object.entries(classes).map(([id, cls]) => ({
      id,
      role: spouts.has(id) ? ('spout' as const) : ('bolt' as const),
      impl: { kind: 'typescript' as const, className: cls.name },
      streams: {},
      inputs: [],
      parallelism: 1,
      conf: {},
    })),
  },
  componentClass: (id) => classes[id as keyof typeof classes],
};

export default definition;

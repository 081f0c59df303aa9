// The components the multilang benchmark runs: pass-through bolts (one stream, two streams, with need_task_ids)
// and spouts (one emit per turn, ten, none). bench/multilang-floor.ts does the same work by hand.
import { Bolt, Spout, type Tuple } from '../lib/index.js';
import type { TopologyDefinition } from '../lib/topology/definition.js';

export class PassThrough extends Bolt.define({ outputs: { default: ['word', 'n'] } }) {
  override process(tuple: Tuple): void {
    this.emit([tuple.values[0], tuple.values[1]]);
  }
}

export class TwoStreams extends Bolt.define({ outputs: { default: ['word', 'n'], copy: ['word', 'n'] } }) {
  override process(tuple: Tuple): void {
    this.emit([tuple.values[0], tuple.values[1]]);
    this.emit([tuple.values[0], tuple.values[1]], { stream: 'copy' });
  }
}

export class WithTaskIds extends Bolt.define({ outputs: { default: ['word', 'n'] } }) {
  override process(tuple: Tuple): void {
    // The ids arrive later, routed to this emit's Promise; the bolt does not wait for them.
    void this.emit([tuple.values[0], tuple.values[1]], { needTaskIds: true });
  }
}

export class Counter extends Spout.define({ outputs: { default: ['n'] } }) {
  #n = 0;
  override nextTuple(): void {
    this.emit([++this.#n], { id: this.#n });
  }
}

export class Counter10 extends Spout.define({ outputs: { default: ['n'] } }) {
  #n = 0;
  override nextTuple(): void {
    for (let i = 0; i < 10; i++) this.emit([++this.#n], { id: this.#n });
  }
}

export class Quiet extends Spout.define({ outputs: { default: ['n'] } }) {
  override nextTuple(): void {}
}

const classes = { pass: PassThrough, two: TwoStreams, ids: WithTaskIds, counter: Counter, counter10: Counter10, quiet: Quiet } as const;

const definition: TopologyDefinition = {
  spec: {
    name: 'bench',
    conf: {},
    components: Object.entries(classes).map(([id, cls]) => ({
      id,
      role: cls.prototype instanceof Spout ? ('spout' as const) : ('bolt' as const),
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

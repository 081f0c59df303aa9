// The components the multilang benchmark runs: a pass-through bolt and a spout that emits one tuple per turn.
import { Bolt, Spout, type Tuple } from '../lib/index.js';
import type { TopologyDefinition } from '../lib/topology/definition.js';

export class PassThrough extends Bolt.define({ outputs: { default: ['word', 'n'] } }) {
  override process(tuple: Tuple): void {
    this.emit([tuple.values[0], tuple.values[1]]);
  }
}

export class Counter extends Spout.define({ outputs: { default: ['n'] } }) {
  #n = 0;
  override nextTuple(): void {
    this.emit([++this.#n], { id: this.#n });
  }
}

const classes = { pass: PassThrough, counter: Counter } as const;

const definition: TopologyDefinition = {
  spec: {
    name: 'bench',
    conf: {},
    components: [
      { id: 'pass', role: 'bolt', impl: { kind: 'typescript', className: 'PassThrough' }, streams: {}, inputs: [], parallelism: 1, conf: {} },
      { id: 'counter', role: 'spout', impl: { kind: 'typescript', className: 'Counter' }, streams: {}, inputs: [], parallelism: 1, conf: {} },
    ],
  },
  componentClass: (id) => classes[id as keyof typeof classes],
};
export default definition;

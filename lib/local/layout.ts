// Task ids and who subscribes to what, computed once per run from the spec. Like Storm, task ids are given
// to components in sorted id order, starting at 1, so they are stable from run to run.
import { taskCount, type ComponentSpec, type GroupingSpec, type TopologySpec } from '../topology/spec.js';

export interface Subscription {
  /** The subscribing bolt. */
  readonly component: ComponentSpec;
  readonly grouping: GroupingSpec;
  /** Its task ids, ascending. */
  readonly tasks: readonly number[];
}

export interface TopologyLayout {
  readonly spec: TopologySpec;
  /** Task id -> component id, for every task. */
  readonly taskComponent: ReadonlyMap<number, string>;
  /** Component id -> its task ids, ascending. */
  readonly componentTasks: ReadonlyMap<string, readonly number[]>;
  readonly components: ReadonlyMap<string, ComponentSpec>;
  /** "source\0stream" -> the bolts subscribed to it. */
  subscribers(source: string, stream: string): readonly Subscription[];
}

export function layoutTopology(spec: TopologySpec): TopologyLayout {
  const components = new Map(spec.components.map((c) => [c.id, c] as const));
  const taskComponent = new Map<number, string>();
  const componentTasks = new Map<string, number[]>();
  let next = 1;
  for (const id of [...components.keys()].sort()) {
    const tasks: number[] = [];
    for (let i = 0; i < taskCount(components.get(id)!); i++) {
      tasks.push(next);
      taskComponent.set(next, id);
      next++;
    }
    componentTasks.set(id, tasks);
  }
  const subs = new Map<string, Subscription[]>();
  for (const component of spec.components) {
    for (const input of component.inputs) {
      const key = `${input.source}\0${input.stream}`;
      const list = subs.get(key) ?? [];
      list.push({ component, grouping: input.grouping, tasks: componentTasks.get(component.id) ?? [] });
      subs.set(key, list);
    }
  }
  return {
    spec,
    taskComponent,
    componentTasks,
    components,
    subscribers: (source, stream) => subs.get(`${source}\0${stream}`) ?? [],
  };
}

// What a component knows about where it runs, built from the handshake's context (keys renamed to camelCase).
import type { HandshakeContext } from '../multilang/messages.js';

export type Conf = Readonly<Record<string, unknown>>;

export interface ComponentContext {
  readonly taskId: number;
  readonly componentId: string;
  /** Storm's topology id (`storm.id`), e.g. `wordcount-3-1700000000`; the topology name when Storm sent none. */
  readonly topologyId: string;
  /** `topology.name` from the conf. */
  readonly topologyName: string;
  /** Every task id of the topology mapped to its component id. */
  readonly taskToComponent: ReadonlyMap<number, string>;
  /** The task ids of one component, ascending. */
  componentTasks(componentId: string): number[];
  /** The handshake context exactly as Storm sent it. */
  readonly raw: HandshakeContext;
}

export function createContext(raw: HandshakeContext, conf: Conf): ComponentContext {
  const taskToComponent = new Map<number, string>();
  for (const [task, component] of Object.entries(raw['task->component'] ?? {})) taskToComponent.set(Number(task), component);
  const topologyName = typeof conf['topology.name'] === 'string' ? conf['topology.name'] : 'topology';
  const topologyId = typeof conf['storm.id'] === 'string' ? conf['storm.id'] : topologyName;
  return {
    taskId: raw.taskid,
    componentId: raw.componentid,
    topologyId,
    topologyName,
    taskToComponent,
    componentTasks: (componentId) =>
      [...taskToComponent].filter(([, id]) => id === componentId).map(([task]) => task).sort((a, b) => a - b),
    raw,
  };
}

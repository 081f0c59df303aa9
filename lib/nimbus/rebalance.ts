// `stp rebalance`: Storm keeps a component's task count for the topology's life and silently gives it at most one
// executor per task, so an executor count (-x) above the tasks would be reported as done while nothing changed. The task
// counts come from Nimbus (the executors' task ranges in getTopologyInfo) before anything is asked of it.
import type { NimbusClient, RebalanceRequest, TopologyInfo } from './client.js';

export interface ComponentTasks {
  readonly executors: number;
  readonly tasks: number;
}

export interface RebalanceOutcome {
  readonly name: string;
  readonly workers?: number;
  /** Each component asked for, with its new executor count and its task count (undefined: Nimbus reported none yet). */
  readonly executors: readonly { readonly id: string; readonly executors: number; readonly tasks: number | undefined }[];
}

export class RebalanceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'RebalanceError';
  }
}

/** Executors and tasks per component, from the executors Nimbus reports (Storm's own components, `__*`, left out). */
export function tasksByComponent(info: TopologyInfo): Map<string, ComponentTasks> {
  const counts = new Map<string, { executors: number; tasks: number }>();
  for (const executor of info.executors) {
    if (executor.component_id.startsWith('__')) continue;
    const count = counts.get(executor.component_id) ?? { executors: 0, tasks: 0 };
    count.executors += 1;
    count.tasks += executor.executor_info.task_end - executor.executor_info.task_start + 1;
    counts.set(executor.component_id, count);
  }
  return counts;
}

/** Why the request cannot be done as asked, one sentence each (empty when it can). */
export function checkRebalance(name: string, counts: ReadonlyMap<string, ComponentTasks>, request: RebalanceRequest): string[] {
  const problems: string[] = [];
  const known = [...counts.keys()].sort();
  for (const [id, wanted] of Object.entries(request.numExecutors ?? {})) {
    const count = counts.get(id);
    if (!count) {
      problems.push(`"${name}" has no component "${id}"; its components are: ${known.join(', ')}`);
    } else if (wanted > count.tasks) {
      problems.push(
        `component "${id}" of "${name}" has ${plural(count.tasks, 'task')}, so at most ${plural(count.tasks, 'executor')}, not ${wanted} ` +
          `(Storm would silently keep ${count.executors}); to go higher, give it more tasks in the topology (e.g. { tasks: ${wanted} }) and submit again`,
      );
    }
  }
  return problems;
}

/** Reads the task counts, refuses what Storm would not do, then asks Nimbus to rebalance. */
export async function rebalanceTopology(client: NimbusClient, name: string, request: RebalanceRequest): Promise<RebalanceOutcome> {
  let counts = new Map<string, ComponentTasks>();
  if (request.numExecutors && Object.keys(request.numExecutors).length > 0) {
    counts = tasksByComponent(await client.getTopologyInfoByName(name));
    // A topology not scheduled yet reports no executors: nothing to check against, Storm's own rules apply.
    if (counts.size > 0) {
      const problems = checkRebalance(name, counts, request);
      if (problems.length > 0) throw new RebalanceError(problems);
    }
  }
  await client.rebalance(name, request);
  return {
    name,
    ...(request.numWorkers === undefined ? {} : { workers: request.numWorkers }),
    executors: Object.entries(request.numExecutors ?? {}).map(([id, executors]) => ({ id, executors, tasks: counts.get(id)?.tasks })),
  };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// Where an emitted tuple goes: for each bolt subscribed to the stream, the grouping picks its receiving tasks.
import type { GroupingSpec, StreamSpec } from '../topology/spec.js';
import type { Subscription, TopologyLayout } from './layout.js';

/** An emit that breaks a routing rule (direct emit to a wrong task, regular emit to a direct stream). */
export class RoutingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutingError';
  }
}

type Pick = (values: readonly unknown[]) => readonly number[];

/** FNV-1a over the JSON of the grouped values: the same key always lands on the same task, in every run. */
export function fieldsHash(values: readonly unknown[]): number {
  const text = JSON.stringify(values);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Shuffle as Storm does it: round robin over a list reshuffled each round, so load is even. */
function shuffler(tasks: readonly number[]): Pick {
  const order = [...tasks];
  let at = order.length;
  return () => {
    if (at >= order.length) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      at = 0;
    }
    return [order[at++]!];
  };
}

function picker(grouping: GroupingSpec, tasks: readonly number[], fields: readonly string[]): Pick {
  switch (grouping.type) {
    case 'shuffle':
    case 'localOrShuffle': // one worker: every task is local
    case 'none':
      return tasks.length === 1 ? () => tasks : shuffler(tasks);
    case 'all':
      return () => tasks;
    case 'global': {
      const lowest = [Math.min(...tasks)];
      return () => lowest;
    }
    case 'fields': {
      const indexes = grouping.fields.map((name) => fields.indexOf(name));
      return (values) => [tasks[fieldsHash(indexes.map((i) => values[i])) % tasks.length]!];
    }
    case 'direct':
      return () => [];
    case 'custom':
      throw new RoutingError(`custom groupings (${grouping.className}) are Java classes and cannot run locally`);
  }
}

interface Route {
  readonly sub: Subscription;
  readonly pick: Pick;
}

/** Routing for one source component: a route table per stream, built once. */
export class Router {
  readonly #routes = new Map<string, readonly Route[]>();

  constructor(
    private readonly layout: TopologyLayout,
    private readonly source: string,
    private readonly streams: Readonly<Record<string, StreamSpec>>,
  ) {
    for (const [stream, spec] of Object.entries(streams)) {
      this.#routes.set(
        stream,
        layout.subscribers(source, stream).map((sub) => ({ sub, pick: picker(sub.grouping, sub.tasks, spec.fields) })),
      );
    }
  }

  /** Receiving tasks, in subscription order. `directTask` is set for a direct emit. */
  targets(stream: string, values: readonly unknown[], directTask: number | undefined): number[] {
    const routes = this.#routes.get(stream);
    const spec = this.streams[stream];
    if (!routes || !spec) {
      throw new RoutingError(
        `emitted on stream '${stream}', which it does not declare (declared: ${Object.keys(this.streams).join(', ') || 'none'})`,
      );
    }
    if (values.length !== spec.fields.length) {
      throw new RoutingError(
        `emitted ${values.length} value(s) on stream '${stream}', which declares ${spec.fields.length} field(s): ${spec.fields.join(', ')}; tuple: ${preview(values)}`,
      );
    }
    if (directTask !== undefined) return this.#direct(stream, spec, routes, directTask);
    if (spec.direct) {
      throw new RoutingError(
        `made a regular emit on stream '${stream}', which is declared direct (fields: ${spec.fields.join(', ')}); emit with a task id (emitDirect) instead`,
      );
    }
    if (routes.length === 1) return [...routes[0]!.pick(values)];
    const out: number[] = [];
    for (const route of routes) out.push(...route.pick(values));
    return out;
  }

  #direct(stream: string, spec: StreamSpec, routes: readonly Route[], task: number): number[] {
    if (!spec.direct) {
      throw new RoutingError(
        `emitted directly to task ${task} on stream '${stream}', which is declared regular (fields: ${spec.fields.join(', ')}), not direct; Storm refuses a direct emit to it`,
      );
    }
    const owners = routes.filter((r) => r.sub.grouping.type === 'direct');
    if (owners.some((r) => r.sub.tasks.includes(task))) return [task];
    const valid = owners.map((r) => `'${r.sub.component.id}': ${r.sub.tasks.join(', ')}`).join('; ');
    const owner = this.layout.taskComponent.get(task);
    throw new RoutingError(
      `emitted directly to task ${task}${owner ? ` (a task of '${owner}')` : ' (no such task)'} on stream '${stream}', ` +
        `but only tasks of direct subscribers of '${this.source}'/'${stream}' may receive it (${valid || 'none subscribe'})`,
    );
  }
}

function preview(values: readonly unknown[]): string {
  const text = JSON.stringify(values);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

// Which bolts the engine holds back when a bolt is full, as Storm's backpressure does: the bolts that feed it
// directly. Spouts are throttled apart (no `next` while any bolt is full). A feeder that the full bolt itself
// feeds (a cycle) is never held: holding it could stop the very bolt that would drain the queue.
import type { TopologySpec } from '../topology/spec.js';

/** Per bolt component: the bolt components to hold back while one of its tasks is full. */
export function upstreamToHold(spec: TopologySpec): Map<string, string[]> {
  const roles = new Map(spec.components.map((c) => [c.id, c.role]));
  const downstream = new Map<string, Set<string>>();
  for (const component of spec.components) {
    for (const input of component.inputs) {
      if (!downstream.has(input.source)) downstream.set(input.source, new Set());
      downstream.get(input.source)!.add(component.id);
    }
  }
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === to) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      for (const next of downstream.get(at) ?? []) stack.push(next);
    }
    return false;
  };
  const result = new Map<string, string[]>();
  for (const component of spec.components) {
    if (component.role !== 'bolt') continue;
    const feeders = [...new Set(component.inputs.map((i) => i.source))].filter((source) => roles.get(source) === 'bolt' && !reaches(component.id, source));
    if (feeders.length > 0) result.set(component.id, feeders);
  }
  return result;
}

// What a topology file's default export is: the spec plus a way to find each TypeScript component's class.
// The class stays out of the spec so the spec remains plain data; bundles import the topology module and ask
// it for their class by component id.
import type { TopologySpec } from './spec.js';

/** Any class a topology can run as a TypeScript component (lib/components narrows it). */
export type ComponentConstructor = abstract new (...args: never[]) => object;

export interface TopologyDefinition {
  readonly spec: TopologySpec;
  componentClass(componentId: string): ComponentConstructor | undefined;
}

export function isTopologyDefinition(value: unknown): value is TopologyDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    'spec' in value &&
    typeof (value as { componentClass?: unknown }).componentClass === 'function'
  );
}

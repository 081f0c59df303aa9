// The embedded local engine: `runTopology(spec, { componentsDir, ... })` and what it reports.
export { runTopology, type RunHandle, type RunOptions } from './engine.js';
export { LocalRunError, formatFault, type TopologyFault } from './errors.js';
export type * from './events.js';
export type { ChaosOptions } from './chaos.js';
export { fieldsHash } from './routing.js';

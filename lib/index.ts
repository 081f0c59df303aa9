/**
 * The public API of the storm-ts package, whose command is `stp` (`import { Bolt, Spout, topology } from 'storm-ts'`).
 * @module storm-ts
 */

// Components (lib/components) and the protocol loop that runs them (lib/multilang).
export * from './components/index.js';
// Stateful bolts (lib/state): keyed state saved by Storm's checkpoint protocol.
export * from './state/index.js';
export { runComponent, type ComponentClassInput, type RunnableComponent } from './multilang/component-loop.js';
export { processIO, type ComponentIO, type ProtocolOutput } from './multilang/component-io.js';
export { EXIT } from './multilang/exit-codes.js';
export type { Handshake, HandshakeContext, LogLevel, TupleId } from './multilang/messages.js';

// The typed topology builder (lib/topology): what a topology file default-exports.
export { topology } from './topology/builder.js';
export type {
  BoltBuilder,
  ComponentClass,
  ComponentOptions,
  CustomGrouping,
  JavaBoltComponent,
  JavaComponent,
  ShellBoltComponent,
  ShellComponent,
  TopologyBuilder,
} from './topology/builder.js';
export { javaArg, type JavaArgInput } from './topology/java-args.js';
export type { ComponentConf, StormConf, TopologyConf } from './topology/conf.js';
export type { TopologyDefinition } from './topology/definition.js';
export { DEFAULT_STREAM, type TopologySpec, type ComponentSpec, type GroupingSpec, type InputSpec, type StreamSpec } from './topology/spec.js';
export { validateTopology, topologyProblems, TopologyValidationError, type TopologyProblem } from './topology/validate.js';
export type { StpTypeError } from './topology/type-error.js';

// Types for a project's hooks module (`hooks.ts`: `export const preSubmit: SubmitHook = async (name, env, config) => ...`)
// and its config.json. Type-only: no Nimbus or config code reaches the component bundles.
export type { SubmitHook, SubmitHooks } from './nimbus/hooks.js';
export type { EnvConfig, StpConfig } from './config/schema.js';

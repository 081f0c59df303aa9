// The component API: what a user's spouts and bolts extend. See docs/components.md.
export { Component, describeError } from './component.js';
export { Spout, type SpoutEmitOptions } from './spout.js';
export { ReliableSpout } from './reliable-spout.js';
export { Bolt, type BoltEmitOptions } from './bolt.js';
export { BatchingBolt } from './batching-bolt.js';
export { WindowedBolt, type TupleWindow } from './windowed-bolt.js';
export type { WindowChecks } from './window-typing.js';
export type { WindowDeclaration, WindowDuration, WindowSize } from '../windowing/window-spec.js';
export { Tuple } from './tuple.js';
export { ComponentCallbackError } from './callback-error.js';
export type { ComponentContext, Conf } from './context.js';
export {
  field,
  streamFields,
  type ComponentDeclaration,
  type DefinedComponent,
  type FieldOf,
  type FieldType,
  type FieldsOf,
  type OutputsDeclaration,
  type StreamDeclaration,
  type TypesDeclaration,
  type ValueOf,
  type ValuesOf,
} from './declaration.js';
export type { DefaultStream, EmitStream, EmitValues, ReadValues, UndeclaredComponent } from './typing.js';

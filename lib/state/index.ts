// Stateful bolts and Storm's checkpoint protocol: what `storm-ts` exports of lib/state.
export { StatefulBolt } from './stateful-bolt.js';
export { KeyValueState, type StateKey } from './key-value-state.js';
export { CheckpointSpout } from './checkpoint-spout.js';
export { CHECKPOINT_COMPONENT, CHECKPOINT_STREAM, type CheckpointAction } from './checkpoint.js';
export type { DedupeDeclaration, StateDeclaration, StatefulDeclaration, StateKeyOf, StateValueOf } from './declaration.js';
export type { StateProviderName } from './store-choice.js';
export { StatefulWindowedBolt, type MessageIdChecks, type StatefulWindowedDeclaration, type WindowProgress } from './stateful-windowed-bolt.js';

/**
 * `storm-ts/testing`: test spouts and bolts in-process, and whole topologies on the embedded engine (also under chaos).
 * @module storm-ts/testing
 */
export { testBolt, testSpout, BoltHarness, SpoutHarness, type Emitted, type HarnessOptions, type LogRecord, type TupleSource } from './component-harness.js';
export { collectFromTopology, type CollectOptions, type Collected, type ReceivedTuple } from './topology-run.js';
export { runUnderChaos, type ChaosRun, type ChaosRunOptions, type SpoutReport } from './chaos-run.js';
export { testWindowedBolt, WindowedBoltHarness, type WindowedHarnessOptions } from './windowed-harness.js';
export { ManualClock } from './manual-clock.js';

// What a local run reports while it runs. The engine never prints: the CLI (or a test) listens and renders.
import type { LogLevel } from '../multilang/messages.js';
import type { ComponentRole } from '../topology/spec.js';
import type { TopologyFault } from './errors.js';

export interface TaskInfo {
  readonly component: string;
  readonly task: number;
  readonly pid: number;
}

export interface ComponentStats {
  readonly component: string;
  readonly role: ComponentRole;
  readonly tasks: readonly number[];
  readonly executors: number;
  /** Emit commands (spouts and bolts). */
  readonly emitted: number;
  /** Tuples delivered to receiving tasks (an emit to three tasks counts three). */
  readonly transferred: number;
  /** Spouts: trees completed. Bolts: tuples the bolt acked. */
  readonly acked: number;
  /** Spouts: trees failed or timed out. Bolts: tuples the bolt failed. */
  readonly failed: number;
  /** Spouts only: trees failed because they timed out (included in `failed`). */
  readonly timedOut: number;
  /** Per second over the last stats interval. */
  readonly emitRate: number;
  readonly ackRate: number;
  /** Spouts: mean ms from emit to tree completion. Bolts: mean ms from delivery to ack. Over the whole run. */
  readonly latencyMs: number | null;
  /** Bolts: tuples waiting in the engine for the bolt to read them (back-pressure). */
  readonly queued: number;
}

export interface StatsSnapshot {
  readonly topology: string;
  readonly uptimeMs: number;
  readonly components: readonly ComponentStats[];
  /** Spout tuples whose trees are not yet complete. */
  readonly pendingTrees: number;
}

/** An emitted tuple and where it went (reported when someone listens for `tuple`, or in debug mode). */
export interface TupleEvent {
  readonly component: string;
  readonly task: number;
  readonly stream: string;
  readonly values: readonly unknown[];
  /** The receiving tasks and their components. */
  readonly to: readonly { readonly component: string; readonly task: number }[];
  /** Spouts: the message id, when the emit is reliable. */
  readonly messageId?: string | number;
  /** Bolts: the ids of the anchors. */
  readonly anchors?: readonly string[];
}

export interface LogEvent {
  readonly component: string;
  readonly task: number;
  /** The protocol level, or 'stderr' for a line the process wrote to stderr. */
  readonly level: LogLevel | 'stderr';
  readonly message: string;
}

/** A spout tuple's tree finished. */
export interface TreeEvent {
  readonly component: string;
  readonly task: number;
  readonly messageId: string | number;
  readonly outcome: 'acked' | 'failed' | 'timed out';
  readonly latencyMs: number;
}

export type StopReason = 'duration' | 'stopped' | 'fault';

export interface RunResult {
  readonly topology: string;
  readonly reason: StopReason;
  readonly fault?: TopologyFault;
  readonly stats: StatsSnapshot;
  readonly logDir: string;
}

export type RunEvents = {
  /** Every task answered its handshake; spouts are being activated. */
  started: (info: { topology: string; tasks: readonly TaskInfo[]; logDir: string; pidDir: string }) => void;
  stats: (snapshot: StatsSnapshot) => void;
  tuple: (event: TupleEvent) => void;
  tree: (event: TreeEvent) => void;
  log: (event: LogEvent) => void;
  /** An `error` message from a component (it keeps running, as on Storm). */
  componentError: (event: { component: string; task: number; message: string }) => void;
  stopping: (info: { reason: StopReason; graceMs: number }) => void;
  stopped: (result: RunResult) => void;
};

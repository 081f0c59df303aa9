// What a local run reports while it runs. The engine never prints: the CLI (or a test) listens and renders.
import type { LogLevel } from '../multilang/messages.js';
import type { ComponentRole } from '../topology/spec.js';
import type { ChaosOptions } from './chaos.js';
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
  /** Bolts: tuples sent and not yet acked or failed: queued in the engine, in the pipe, or inside the component. */
  readonly queued: number;
  /** How often its tasks' processes were restarted after a crash or a chaos kill. */
  readonly restarts: number;
  /** Spouts: tuples emitted with a message id, each counted once however often it is replayed. */
  readonly reliable: number;
  /** Spouts: failed tuples the spout emitted again with the same id (ReliableSpout does, up to maxFails). */
  readonly replayed: number;
  /** Spouts: failed tuples the spout did not emit again: it gave them up. */
  readonly gaveUp: number;
  /** Spouts: failed tuples nobody could replay because the spout process that emitted them had died. */
  readonly lost: number;
  /** Spouts: tuples with an id not yet acked, given up or lost (trees pending, or a fail on its way). */
  readonly open: number;
}

export interface StatsSnapshot {
  readonly topology: string;
  readonly uptimeMs: number;
  readonly components: readonly ComponentStats[];
  /** Spout tuples whose trees are not yet complete. */
  readonly pendingTrees: number;
  /** Task processes that died on their own (chaos kills not counted). */
  readonly crashes: number;
  /** Task processes chaos killed. */
  readonly chaosKills: number;
}

/** A task's process died (or broke the protocol, or hung) and the run goes on. */
export interface TaskCrash {
  readonly component: string;
  readonly task: number;
  readonly pid: number;
  /** One sentence, e.g. "exited with code 1" or "was killed by chaos (SIGKILL)". */
  readonly reason: string;
  /** The last `error` message the component reported (usually with its .ts stack line), if any. */
  readonly error?: string;
  /** The last lines the process wrote to stderr. */
  readonly stderr: readonly string[];
  readonly cause: 'crash' | 'chaos';
  /** Restarts of this task before this crash. */
  readonly restarts: number;
  /** When it will be started again; null when it is not (it kept dying at start-up: the run stops). */
  readonly restartInMs: number | null;
}

/** A crashed task answered a fresh handshake: it is up again. */
export interface TaskRestart {
  readonly component: string;
  readonly task: number;
  readonly pid: number;
  /** Restarts of this task so far, this one included. */
  readonly restarts: number;
  /** From its death to its handshake answer (time to recover). */
  readonly downMs: number;
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

/** A stop that came before every task had answered its handshake: how far the start had got. */
export interface StartCut {
  /** Task processes spawned before the stop (every one of them is ended). */
  readonly started: number;
  /** Tasks the topology has. */
  readonly tasks: number;
}

export interface RunResult {
  readonly topology: string;
  readonly reason: StopReason;
  readonly fault?: TopologyFault;
  readonly stats: StatsSnapshot;
  /** Tuples no tree tracked (emitted without a message id, or ackers off) still in flight when the run stopped: dropped. */
  readonly untrackedInFlight: number;
  /** Set when the run was stopped while its tasks were still starting. */
  readonly startCut?: StartCut;
  readonly logDir: string;
}

export type RunEvents = {
  /** Every task answered its handshake; spouts are being activated. */
  started: (info: { topology: string; tasks: readonly TaskInfo[]; logDir: string; pidDir: string; chaos?: ChaosOptions }) => void;
  stats: (snapshot: StatsSnapshot) => void;
  tuple: (event: TupleEvent) => void;
  tree: (event: TreeEvent) => void;
  log: (event: LogEvent) => void;
  /** An `error` message from a component (it keeps running, as on Storm). */
  componentError: (event: { component: string; task: number; message: string }) => void;
  taskCrashed: (event: TaskCrash) => void;
  taskRestarted: (event: TaskRestart) => void;
  /** `startCut` is set when the stop came while tasks were still starting: no more are spawned. */
  stopping: (info: { reason: StopReason; graceMs: number; startCut?: StartCut }) => void;
  stopped: (result: RunResult) => void;
};

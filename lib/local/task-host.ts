// The narrow side of the engine that spout and bolt tasks see: what they may read of the run and what they report
// to it. The engine implements it, so the engine depends on the tasks and never the other way round.
import type { LogLevel, TupleId } from '../multilang/messages.js';
import type { Acker } from './acker.js';
import type { RunLimits } from './conf.js';

/** Which task is speaking: its id and its component (a Task is one). */
export interface TaskRef {
  readonly task: number;
  readonly component: { readonly id: string };
}

/** A tuple a bolt has been sent and has not yet acked or failed. */
export interface InFlight {
  /** Root (spout tuple) -> this tuple's edge id in that root's tree; null when the tuple is not tracked. */
  readonly roots: Map<bigint, bigint> | null;
  /** XOR of the edge ids of the tuples emitted anchored to this one. */
  ackVal: bigint;
  readonly sentAt: number;
  readonly kind: 'tuple' | 'tick';
}

export interface TaskHost {
  readonly pidDir: string;
  readonly limits: RunLimits;
  readonly acker: Acker;
  /** Spouts are active (or being deactivated): ticks are due. */
  readonly running: boolean;
  /** Children are being stopped: their messages are no longer processed. */
  readonly halted: boolean;
  /** Some bolt has more queued than it may: spouts emit nothing new. */
  readonly backPressured: boolean;
  nextTupleId(): string;
  edgeId(): bigint;
  /** Sends a tuple to a bolt task; `roots` carries its edge ids when it belongs to tracked trees. */
  deliver(target: number, from: TaskRef, stream: string, values: unknown[], roots: Map<bigint, bigint> | null): void;
  /** A bolt acked or failed a tracked tuple. */
  treeUpdate(entry: InFlight, outcome: 'ack' | 'fail', now: number): void;
  /** A reliable spout tuple that nothing tracks (no ackers, or no receivers) is acked at emit. */
  completeAtEmit(spout: TaskRef, messageId: TupleId): void;
  reportTuple(from: TaskRef, stream: string, values: unknown[], targets: readonly number[], messageId: TupleId | undefined, anchors: readonly string[] | undefined): void;
  /** The task's process answered its handshake. */
  taskReady(task: TaskRef): void;
  /** A bolt's queue went over (on) or back under (off) its bound. */
  backPressureChanged(bolt: TaskRef, on: boolean): void;
  log(task: TaskRef, level: LogLevel | 'stderr', message: string): void;
  componentError(task: TaskRef, message: string): void;
  /** The task failed: the engine restarts it or stops the run. */
  fault(task: TaskRef, reason: string): void;
  /** The task's process is gone; `reason` is set when it went on its own. */
  taskExited(task: TaskRef, reason: string | undefined): void;
}

// Counters per task, summed per component for the view. Plain numbers: updated on every tuple, so cheap.
export class TaskStats {
  emitted = 0;
  transferred = 0;
  acked = 0;
  failed = 0;
  timedOut = 0;
  latencySum = 0;
  latencyCount = 0;
  /** Spouts: tuples emitted with a message id for the first time (a replay is not counted again). */
  reliable = 0;
  /** Spouts: tuples emitted again, with the same id, while the spout was being told they failed. */
  replayed = 0;
  /** Spouts: failed tuples the spout did not emit again (ReliableSpout: after maxFails). */
  gaveUp = 0;
  /** Spouts: failed tuples nobody could replay, because the process that emitted them had died. */
  lost = 0;
  /** How often this task's process was restarted. */
  restarts = 0;

  latency(ms: number): void {
    this.latencySum += ms;
    this.latencyCount++;
  }
}

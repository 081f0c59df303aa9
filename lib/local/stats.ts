// Counters per task, summed per component for the view. Plain numbers: updated on every tuple, so cheap.
export class TaskStats {
  emitted = 0;
  transferred = 0;
  acked = 0;
  failed = 0;
  timedOut = 0;
  latencySum = 0;
  latencyCount = 0;

  latency(ms: number): void {
    this.latencySum += ms;
    this.latencyCount++;
  }
}

// A tuple as a component receives it: where it came from and its values. Heartbeats and ticks arrive in the same
// shape, told apart by stream (see ../multilang/messages.ts).
import { HEARTBEAT_STREAM, SYSTEM_COMPONENT, TICK_STREAM } from '../multilang/messages.js';

export class Tuple<TValues extends readonly unknown[] = unknown[]> {
  constructor(
    /** Storm's id for this tuple (what `ack`, `fail` and anchors name). */
    readonly id: string,
    /** The source component id; `null` for heartbeats. */
    readonly component: string | null,
    readonly stream: string,
    /** The source task id; -1 for heartbeats and ticks. */
    readonly task: number,
    readonly values: TValues,
  ) {}

  /** A tick tuple (`topology.tick.tuple.freq.secs`): `values[0]` is the frequency in seconds. */
  isTick(): boolean {
    return this.stream === TICK_STREAM && this.component === SYSTEM_COMPONENT;
  }

  /** A heartbeat from ShellBolt; the runtime answers these itself, user code never sees them. */
  isHeartbeat(): boolean {
    return this.stream === HEARTBEAT_STREAM;
  }

  toString(): string {
    return `tuple ${this.id} from ${this.component ?? '(none)'}:${this.stream} (task ${this.task})`;
  }
}

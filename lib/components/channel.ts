// The link between a component instance and the protocol loop that runs it (../multilang/component-loop.ts).
// Kept behind a symbol so that it stays out of the user's autocomplete.
import type { ComponentMessage, LogLevel } from '../multilang/messages.js';
import type { ComponentContext, Conf } from './context.js';

export interface Channel {
  /** Queues one message to Storm. */
  send(message: ComponentMessage): void;
  /** The next task-id list Storm sends (they arrive in emit order). */
  nextTaskIds(): Promise<number[]>;
  /** Writes to the component's log (file and/or Storm), honouring `stp.log.level`. */
  log(level: LogLevel, message: string): void;
  /**
   * Runs `work` as the component's next piece of serial work (after the tuple being processed, before the next),
   * as timers need: a failure is handled as a failing `process` is. `what` names it in reports.
   */
  schedule(work: () => void | Promise<void>, what: string): void;
}

export const ATTACH = Symbol('stp.component.attach');

export interface Attachable {
  [ATTACH](channel: Channel, conf: Conf, context: ComponentContext): void;
}

// An exception thrown by user code (process, nextTuple, ...), wrapped with what was being done so that the report
// to Storm and the log say where it happened.
import { describeError } from './component.js';

export class ComponentCallbackError extends Error {
  constructor(
    /** e.g. `process() failed for tuple 123 from words:default` */
    readonly what: string,
    override readonly cause: unknown,
  ) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ComponentCallbackError';
  }

  /** The report: what failed, then the original stack trace. */
  report(): string {
    return `${this.what}: ${describeError(this.cause)}`;
  }
}

// Where a component's protocol loop reads and writes. `processIO()` is the real process (stdin/stdout/stderr,
// signals, stray stdout writes); tests and the testing kit pass in-memory streams instead.

import { writeFully } from './blocking-write.js';

/** The protocol's output: only protocol frames are ever written here. */
export interface ProtocolOutput {
  write(data: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  /** Bytes written but not yet taken by the reader (for the out-of-memory report). */
  readonly writableLength?: number;
}

export interface ComponentIO {
  /** Frames from Storm. */
  readonly input: NodeJS.ReadableStream;
  readonly output: ProtocolOutput;
  /** Human-readable diagnostics (Storm's worker logs the child's stderr). */
  readonly diagnostics: { write(text: string): unknown };
  readonly pid: number;
  /** Ends the component with this status (the real process exits; in-memory runs just record it). */
  exit(code: number): void;
  /** Termination signals (SIGTERM, SIGINT). */
  onTerminate?(handler: (signal: 'SIGTERM' | 'SIGINT') => void): void;
  /** Text user code wrote to stdout (console.log and friends), which must not reach the protocol. */
  onStrayOutput?(handler: (text: string) => void): void;
  /** Exceptions and rejections nothing caught (a user's timer, a forgotten promise). */
  onUncaught?(handler: (error: unknown) => void): void;
}

/** The real process: takes over process.stdout so that only protocol frames reach it. */
export function processIO(): ComponentIO {
  const stdout = process.stdout;
  let stray: (text: string) => void = (text) => process.stderr.write(text);
  const redirected = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    stray(text);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  };
  // stdout.write has several overloads; this one function serves them all (hence the cast). A component bundle's
  // banner may have redirected it already, while modules loaded (see ../bundle/component-bundle-banner.ts).
  stdout.write = redirected as unknown as typeof stdout.write;
  // A closed stderr (the worker is gone) must not become an uncaught exception: stdin or stdout will tell us too.
  process.stderr.on('error', () => {});
  const errorListeners: ((error: NodeJS.ErrnoException) => void)[] = [];
  let broken = false;
  return {
    input: process.stdin,
    output: {
      // Straight to the descriptor, waiting while the pipe is full (./blocking-write.ts): always taken whole.
      write: (data) => {
        if (broken) return true;
        try {
          writeFully(stdout.fd, data);
        } catch (error) {
          broken = true;
          // Reported as the stream would report it: after this write returned, not inside it.
          process.nextTick(() => {
            for (const listener of errorListeners) listener(error as NodeJS.ErrnoException);
          });
        }
        return true;
      },
      once: () => undefined,
      on: (_event, listener) => errorListeners.push(listener),
      writableLength: 0,
    },
    diagnostics: process.stderr,
    pid: process.pid,
    exit: (code) => process.exit(code),
    onTerminate: (handler) => {
      process.once('SIGTERM', () => handler('SIGTERM'));
      process.once('SIGINT', () => handler('SIGINT'));
    },
    onStrayOutput: (handler) => {
      stray = handler;
    },
    onUncaught: (handler) => {
      process.on('uncaughtException', handler);
      process.on('unhandledRejection', handler);
    },
  };
}

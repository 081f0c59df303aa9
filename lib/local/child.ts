// One component task as a child process speaking multilang over its stdin/stdout. Outgoing frames are queued
// and written in batches (one write per turn of the event loop, never past the pipe's high-water mark), so
// the queue length is a true measure of what the child has not taken yet: the engine's back-pressure signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { encodeFrame, FrameDecoder, parseFrame } from '../multilang/codec.js';

export interface ChildHandlers {
  message(message: unknown): void;
  /** A frame that is not JSON, or a broken stream. */
  protocolError(error: Error): void;
  stderrLine(line: string): void;
  /** The process has exited and been reaped. */
  exit(code: number | null, signal: NodeJS.Signals | null): void;
  /** The process could not be started (e.g. the command is not on PATH). */
  spawnError(error: Error): void;
  /** The write queue just dropped to empty after having been non-empty. */
  drained(): void;
}

export class ComponentChild {
  readonly process: ChildProcess;
  #queue: string[] = [];
  #flushScheduled = false;
  #exited = false;
  #decoder = new FrameDecoder();
  #stderrRest = '';
  #reaped = false;
  #readingPaused = false;
  /** Resolves once the process is reaped (its exit status collected: no zombie left), or could not start. */
  readonly reaped: Promise<void>;

  constructor(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, private readonly handlers: ChildHandlers) {
    // Own process group: Ctrl-C reaches only the engine, which then stops the children in order; and killing
    // the group also reaches anything the component started.
    this.process = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    // Node collects the exit status (waitpid) just before 'exit': from then on the child is no zombie.
    this.reaped = new Promise<void>((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.once('error', () => {
        if (this.process.pid === undefined) resolve();
      });
    }).then(() => {
      this.#reaped = true;
    });
    this.process.on('error', (error) => {
      if (!this.#exited && this.process.pid === undefined) {
        this.#exited = true;
        handlers.spawnError(error);
      }
    });
    // 'close' comes after the exit and after stdout/stderr are drained, so a dying task's last words are read first.
    // A child whose output the engine holds back still gets its last words read, or 'close' would never come.
    this.process.once('exit', () => this.resumeReading());
    this.process.on('close', (code, signal) => {
      this.#exited = true;
      this.#flushStderr();
      handlers.exit(code, signal);
    });
    this.process.stdin!.on('error', () => {
      // EPIPE when the child dies; its exit is reported by the 'exit' handler.
    });
    this.process.stdin!.on('drain', () => this.#flush());
    this.process.stdout!.on('data', (chunk: Buffer) => this.#read(chunk));
    this.process.stderr!.setEncoding('utf8');
    this.process.stderr!.on('data', (text: string) => {
      const lines = (this.#stderrRest + text).split('\n');
      this.#stderrRest = lines.pop() ?? '';
      for (const line of lines) handlers.stderrLine(line);
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get exited(): boolean {
    return this.#exited;
  }

  get isReaped(): boolean {
    return this.#reaped;
  }

  /** Frames queued but not yet handed to the pipe. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Queues a frame, written with whatever else is queued in this turn of the event loop. `now` writes at once
   * when nothing waits before it: a spout's next command, where the round trip is the spout's whole speed.
   */
  send(message: unknown, now = false): void {
    this.sendFrame(encodeFrame(message), now);
  }

  /** `send` for a frame already encoded (the engine's per-tuple frames, see frames.ts). */
  sendFrame(frame: string, now = false): void {
    if (this.#exited) return;
    if (now && this.#queue.length === 0) {
      const stdin = this.process.stdin!;
      if (!stdin.writableNeedDrain && !stdin.destroyed) {
        stdin.write(frame);
        return;
      }
    }
    this.#queue.push(frame);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.#flush();
    });
  }

  /**
   * Stops reading the child's stdout (the engine's backpressure: a receiver downstream is full). The pipe fills,
   * the child's writes stop draining, and its runtime stops taking input until reading resumes.
   */
  pauseReading(): void {
    if (this.#readingPaused || this.#exited) return;
    this.#readingPaused = true;
    this.process.stdout!.pause();
  }

  resumeReading(): void {
    if (!this.#readingPaused) return;
    this.#readingPaused = false;
    this.process.stdout!.resume();
  }

  /** Ends stdin: a well-behaved component exits when Storm goes away. */
  closeInput(): void {
    if (!this.#exited) this.process.stdin!.end();
  }

  /** Signals the child's whole process group (it may have started processes of its own), even after it exited. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch {
      // The group is gone.
    }
  }

  #flush(): void {
    const stdin = this.process.stdin!;
    if (this.#exited || this.#queue.length === 0 || stdin.writableNeedDrain || stdin.destroyed) return;
    // Write what fits under the high-water mark in one go; the rest waits for 'drain'.
    const limit = stdin.writableHighWaterMark;
    let size = 0;
    let count = 0;
    while (count < this.#queue.length && size < limit) size += this.#queue[count++]!.length;
    const batch = count === this.#queue.length ? this.#queue : this.#queue.slice(0, count);
    this.#queue = count === this.#queue.length ? [] : this.#queue.slice(count);
    stdin.write(batch.length === 1 ? batch[0]! : batch.join(''));
    if (this.#queue.length === 0) this.handlers.drained();
    // The pipe took the batch at once (no 'drain' will come): the rest goes in the next turn, not whenever the
    // next frame is sent (a held-back producer sends none; only a heartbeat a second would move the queue).
    else if (!stdin.writableNeedDrain) this.#scheduleFlush();
  }

  #read(chunk: Buffer): void {
    let frames: string[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      this.handlers.protocolError(error as Error);
      return;
    }
    for (const frame of frames) {
      if (this.#exited && frame === '') continue;
      let message: unknown;
      try {
        message = parseFrame(frame);
      } catch (error) {
        this.handlers.protocolError(error as Error);
        return;
      }
      this.handlers.message(message);
    }
  }

  #flushStderr(): void {
    if (this.#stderrRest) this.handlers.stderrLine(this.#stderrRest);
    this.#stderrRest = '';
  }
}

// What spout and bolt tasks share: the child process, the handshake, the pid file check, logs and last words.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOG_LEVELS, type EmitCommand, type LogLevel } from '../multilang/messages.js';
import { OUT_OF_MEMORY_LINE } from '../multilang/out-of-memory.js';
import type { ComponentSpec } from '../topology/spec.js';
import { ComponentChild } from './child.js';
import type { Router } from './routing.js';
import { TaskStats } from './stats.js';
import type { TaskHost } from './task-host.js';

const LEVEL_NAMES = Object.keys(LOG_LEVELS) as LogLevel[];
const STDERR_TAIL = 20;

export type TaskState = 'starting' | 'ready' | 'dead';

export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export abstract class Task {
  state: TaskState = 'starting';
  readonly stats = new TaskStats();
  /** When the child last said anything (the subprocess timeout counts from here). */
  lastHeard = Date.now();
  /** Which process of this task is running: 1 for the first, +1 on every restart. */
  incarnation = 0;
  /** Set just before the engine's chaos SIGKILLs this task, so its death is reported as chaos, not a crash. */
  chaosKill = false;
  /** This process answered its handshake (a death before that is a start-up failure). */
  answered = false;
  #child: ComponentChild | undefined;
  /** Receivers downstream that are full: while any is, the engine does not read this task's output. */
  #holds = 0;
  #lastError: string | undefined;
  readonly #stderrTail: string[] = [];
  /** Its stderr said it died of memory (kept apart from the tail: V8's native stack after that line is long). */
  #outOfMemory = false;

  constructor(
    protected readonly engine: TaskHost,
    readonly component: ComponentSpec,
    readonly task: number,
    readonly conf: Record<string, unknown>,
    protected readonly router: Router,
  ) {}

  get started(): boolean {
    return this.#child !== undefined;
  }

  get child(): ComponentChild {
    return this.#child!;
  }

  /** The engine is holding this task's output back (a receiver downstream is full). */
  get held(): boolean {
    return this.#holds > 0;
  }

  hold(): void {
    this.#holds++;
    this.#applyHold();
  }

  release(): void {
    this.#holds--;
    this.#applyHold();
  }

  /** Only a ready process is held: a new one must be heard answering its handshake. */
  #applyHold(): void {
    if (!this.#child) return;
    if (this.#holds > 0 && this.state === 'ready') {
      this.#child.pauseReading();
    } else {
      this.#child.resumeReading();
      // Its silence while held was the engine's doing: the subprocess timeout counts from now.
      if (this.#holds === 0) this.lastHeard = Date.now();
    }
  }

  get lastError(): string | undefined {
    return this.#lastError;
  }

  get stderrTail(): readonly string[] {
    return this.#stderrTail;
  }

  /** This process wrote that it ran out of memory (V8's heap limit, or a string or buffer too large). */
  get outOfMemory(): boolean {
    return this.#outOfMemory;
  }

  start(launch: Launch, handshake: unknown): void {
    this.lastHeard = Date.now();
    this.incarnation++;
    this.state = 'starting';
    this.chaosKill = false;
    this.answered = false;
    this.#lastError = undefined;
    this.#stderrTail.length = 0;
    this.#outOfMemory = false;
    // Events of an earlier process of this task (a late 'close' after a restart) are not this process's.
    const child: ComponentChild = new ComponentChild(launch.command, launch.args, launch.cwd, launch.env, {
      message: (message) => {
        if (this.#child === child) this.#receive(message);
      },
      protocolError: (error) => {
        if (this.#child === child) this.fault(`sent a malformed message: ${error.message}`);
      },
      stderrLine: (line) => {
        if (this.#child !== child) return;
        if (OUT_OF_MEMORY_LINE.test(line)) this.#outOfMemory = true;
        this.#stderrTail.push(line);
        if (this.#stderrTail.length > STDERR_TAIL) this.#stderrTail.shift();
        this.engine.log(this, 'stderr', line);
      },
      exit: (code, signal) => {
        if (this.#child !== child) return;
        const wasAlive = this.state !== 'dead';
        this.state = 'dead';
        const reason = this.chaosKill ? 'was killed by chaos (SIGKILL)' : signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
        this.engine.taskExited(this, wasAlive ? reason : undefined);
      },
      spawnError: (error) => {
        if (this.#child !== child) return;
        this.fault(`could not be started (${launch.command} ${launch.args.join(' ')}: ${error.message})`);
        this.state = 'dead';
        this.engine.taskExited(this, undefined);
      },
      drained: () => {
        if (this.#child === child) this.drained();
      },
    });
    this.#child = child;
    this.#child.send(handshake);
  }

  /** Reports this task's failure to the engine, which stops the run or restarts the task. */
  fault(reason: string): void {
    this.engine.fault(this, reason);
  }

  /** The process is gone: forget what it held (its tuple trees are left to time out, as on Storm). */
  abstract lostProcess(): void;

  /** Reads (and so checks) the task's conf values; throws LocalRunError for a bad one. */
  abstract checkConf(): void;

  /** Called four times a second while the task is ready. */
  abstract tick(now: number): void;
  protected abstract handle(message: Record<string, unknown>, command: string): void;
  protected drained(): void {}
  protected abstract ready(): void;

  #receive(message: unknown): void {
    if (this.state === 'dead') return;
    this.lastHeard = Date.now();
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.fault(`sent ${JSON.stringify(message)} where a message object was expected`);
      return;
    }
    const record = message as Record<string, unknown>;
    if (this.state === 'starting') {
      this.#handshakeAnswer(record);
      return;
    }
    const command = record['command'];
    // Once the engine is stopping its children, only their last words matter: logs and errors.
    if (this.engine.halted && command !== 'log' && command !== 'error') return;
    if (typeof command !== 'string') {
      this.fault(`sent a message without a command: ${preview(record)}`);
      return;
    }
    switch (command) {
      case 'log':
        this.engine.log(this, levelName(record['level']), String(record['msg']));
        return;
      case 'error':
        this.#lastError = String(record['msg']);
        this.engine.componentError(this, this.#lastError);
        return;
      case 'metrics':
        // Only metrics a Java subclass registered work on Storm; nothing to record locally.
        return;
      default:
        this.handle(record, command);
    }
  }

  #handshakeAnswer(record: Record<string, unknown>): void {
    const pid = record['pid'];
    if (typeof pid !== 'number' || !Number.isInteger(pid)) {
      this.fault(`answered the handshake with ${preview(record)}; the answer must be {"pid": <its process id>}`);
      return;
    }
    const pidFile = path.join(this.engine.pidDir, String(pid));
    if (!existsSync(pidFile)) {
      this.fault(`answered the handshake with pid ${pid} but did not create the pid file ${pidFile} (Storm's supervisor kills the pids listed there)`);
      return;
    }
    this.state = 'ready';
    this.answered = true;
    this.ready();
    if (this.#holds > 0) this.#applyHold();
  }

  /** Checks an emit's fields common to spouts and bolts; returns the receiving tasks or undefined after a fault. */
  protected route(emit: EmitCommand): number[] | undefined {
    const stream = emit.stream ?? 'default';
    if (!Array.isArray(emit.tuple)) {
      this.fault(`emitted without a tuple array: ${preview(emit)}`);
      return undefined;
    }
    if (emit.task !== undefined && (typeof emit.task !== 'number' || !Number.isInteger(emit.task))) {
      this.fault(`emitted directly to task ${JSON.stringify(emit.task)}, which is not a task id`);
      return undefined;
    }
    try {
      return this.router.targets(stream, emit.tuple, emit.task);
    } catch (error) {
      this.fault((error as Error).message);
      return undefined;
    }
  }
}

function levelName(level: unknown): LogLevel {
  return typeof level === 'number' ? (LEVEL_NAMES[level] ?? 'info') : 'info';
}

export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

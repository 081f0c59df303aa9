// The component side of Storm's multilang protocol: the loop every TypeScript spout and bolt runs in.
// - Handshake: pid file in pidDir, `{"pid": N}`, then `initialize`.
// - Spouts: strict turns; each command's emits are followed by exactly one sync, also when the callback is async.
// - Bolts: tuples handled one at a time in arrival order (auto ack/anchor/fail in ../components/bolt.ts), while
//   heartbeats are answered as soon as they arrive, even when `process` is awaiting slow I/O.
// - Task-id lists (answers to emits with need_task_ids) are routed to the waiting emits in order, wherever they
//   fall between tuples.
// - Bad input, closed pipes and signals end the process with a message on stderr and in the log (./exit-codes.ts).
// Output is batched: the frames one read of stdin produces are written once, at the end of that read (or as soon as
// they pass FLUSH_CHARS, so that a bolt emitting a million tuples per input never builds one huge string); frames
// sent later (after an await, a timer) are written once per turn of the event loop.
// Memory is bounded both ways: while stdout has not drained (Storm is not reading), no new tuple or turn starts and
// stdin is not read; past MAX_QUEUED tuples waiting, stdin is not read either, so the pipe fills and Storm's own
// bounds (topology.shellbolt.max.pending, the engine's queues) hold the producer back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentCallbackError } from '../components/callback-error.js';
import { ATTACH, type Channel } from '../components/channel.js';
import { Bolt, RECEIVE } from '../components/bolt.js';
import { Component } from '../components/component.js';
import { createContext, type ComponentContext, type Conf } from '../components/context.js';
import { Spout } from '../components/spout.js';
import { isThenable } from '../components/thenable.js';
import { Tuple } from '../components/tuple.js';
import { ComponentLogger } from '../logging/component-logger.js';
import { logSettings } from '../logging/settings.js';
import { CHECKPOINT_STREAM } from '../state/checkpoint.js';
import { FrameDecoder, SYNC_FRAME, encodeComponentMessage, encodeFrame, parseFrame } from './codec.js';
import type { ComponentConstructor } from '../topology/definition.js';
import { processIO, type ComponentIO } from './component-io.js';
import { EXIT } from './exit-codes.js';
import { isOutOfMemory, outOfMemoryHint } from './out-of-memory.js';
import { HEARTBEAT_STREAM, TICK_STREAM, type ComponentMessage, type Handshake, type LogLevel } from './messages.js';

/** A concrete Spout or Bolt class. */
export type RunnableComponent = new () => Component;

/** What runComponent accepts: a component class, or any class a TopologyDefinition hands out (checked at run time). */
export type ComponentClassInput = RunnableComponent | ComponentConstructor;

const SPOUT_COMMANDS = new Set(['next', 'ack', 'fail', 'activate', 'deactivate']);
/** Buffered output past this many characters is written at once, not at the end of the read. */
const FLUSH_CHARS = 64 * 1024;
/** Stdin is not read while this many tuples wait to be processed; reading resumes at half of it. */
export const MAX_QUEUED = 1000;
type Work = () => void | Promise<void>;

/**
 * Runs a component over `io` (by default this process's stdin/stdout) until Storm goes away, a signal arrives or
 * the component fails. Resolves with the exit status after `io.exit` was called.
 */
export function runComponent(ComponentClass: ComponentClassInput, io: ComponentIO = processIO()): Promise<number> {
  // A class that is not a Spout or Bolt is refused with a clear message before anything is constructed.
  return new ComponentLoop(ComponentClass as RunnableComponent, io).done;
}

class ComponentLoop {
  readonly done: Promise<number>;
  #resolveDone!: (code: number) => void;

  readonly #io: ComponentIO;
  readonly #class: RunnableComponent;
  #component: Spout | Bolt | undefined;
  #kind: 'spout' | 'bolt' | undefined;
  #name: string;
  #context: ComponentContext | undefined;
  #logger: ComponentLogger | undefined;

  readonly #decoder = new FrameDecoder();
  #handshakeSeen = false;
  /** The pid answer is out: before it, nothing may be written (Storm reads the first message as that answer). */
  #pidSent = false;
  #exiting = false;
  #outputBroken = false;

  // Output batching: frames appended to one string (V8 joins them lazily, once, when it is written).
  #out = '';
  #flushScheduled = false;
  /** Inside a read: its output is flushed when the read's frames are handled. */
  #reading = false;
  /** stdout did not take the last write: wait for 'drain' before starting more work or reading more input. */
  #outputBlocked = false;
  /** Too many tuples wait in the queue: stdin is not read until half of them are done. */
  #queueFull = false;
  #inputPaused = false;

  // Serial work: the handshake's initialize, spout turns, bolt tuples.
  /** Bolt tuples wait here as they are (no closure per tuple); everything else as a function. */
  #queue: (Work | Tuple)[] = [];
  #busy = false;

  // Spout turns.
  #inTurn = false;
  #turnEmits = 0;
  #heldForTurn: ComponentMessage[] = [];

  /** Emits waiting for their task-id list, in emit order. */
  #taskIdWaiters: ((ids: number[]) => void)[] = [];
  /** Bolts with `reads`: per source component and stream, where each read field sits in the incoming values. */
  #projections = new Map<string, readonly number[] | null>();

  constructor(ComponentClass: RunnableComponent, io: ComponentIO) {
    this.#io = io;
    this.#class = ComponentClass;
    this.#name = typeof ComponentClass === 'function' && ComponentClass.name ? ComponentClass.name : 'component';
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));

    io.onTerminate?.((signal) => this.#exit(signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint, `received ${signal}; exiting`, 'warn'));
    io.onStrayOutput?.((text) => this.#strayOutput(text));
    io.onUncaught?.((error) => this.#componentFailed(new ComponentCallbackError('uncaught exception', error)));
    io.output.on('error', (error) => {
      this.#outputBroken = true;
      this.#logger?.detachStorm();
      const why = error.code === 'EPIPE' ? 'stdout closed (EPIPE): Storm is gone' : `cannot write to stdout: ${error.message}`;
      this.#exit(EXIT.brokenPipe, `${why}; exiting`);
    });
    io.input.on('data', (chunk: Buffer | string) => this.#onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    io.input.on('end', () => this.#onInputClosed());
    io.input.on('error', (error: Error) => this.#exit(EXIT.protocolError, `cannot read stdin: ${error.message}`));

    if (!isComponentClass(ComponentClass)) {
      this.#exit(
        EXIT.componentError,
        `${this.#name} is not a Spout or Bolt class: a component must extend Spout, ReliableSpout, Bolt or BatchingBolt from 'storm-ts'`,
      );
    }
  }

  // ---- input ----

  #onData(chunk: Buffer): void {
    if (this.#exiting) return;
    // What the frames of one read produce is written once, at its end (no extra turn of the event loop).
    this.#reading = true;
    try {
      for (const frame of this.#decoder.push(chunk)) {
        if (this.#exiting) return;
        this.#onFrame(frame);
      }
    } finally {
      this.#reading = false;
    }
    if (this.#queue.length >= MAX_QUEUED) {
      this.#queueFull = true;
      this.#updateInput();
    }
    this.#flush();
  }

  #onFrame(frame: string): void {
    let message: unknown;
    try {
      message = parseFrame(frame);
    } catch (error) {
      this.#exit(EXIT.protocolError, `${(error as Error).message} on stdin; exiting`);
      return;
    }
    if (!this.#handshakeSeen) {
      this.#handshakeSeen = true;
      this.#handshake(message, frame);
      return;
    }
    if (Array.isArray(message)) {
      this.#taskIds(message, frame);
      return;
    }
    if (typeof message !== 'object' || message === null) {
      this.#exit(EXIT.protocolError, `unexpected message on stdin ${preview(frame)}: expected a JSON object or a task-id array; exiting`);
      return;
    }
    if (this.#kind === 'spout') this.#spoutCommand(message as Record<string, unknown>, frame);
    else this.#boltInput(message as Record<string, unknown>, frame);
  }

  #onInputClosed(): void {
    if (this.#exiting) return;
    if (this.#decoder.pendingBytes > 0) {
      this.#exit(
        EXIT.protocolError,
        `stdin closed in the middle of a message (${this.#decoder.pendingBytes} bytes without "end": ${JSON.stringify(this.#decoder.pendingPreview(120))}); exiting`,
      );
    } else if (!this.#handshakeSeen) {
      this.#exit(EXIT.protocolError, 'stdin closed before the handshake arrived; exiting');
    } else {
      this.#exit(EXIT.ok, 'stdin closed: Storm went away; exiting', 'info');
    }
  }

  // ---- handshake ----

  #handshake(message: unknown, frame: string): void {
    const problem = handshakeProblem(message);
    if (problem) {
      this.#exit(EXIT.protocolError, `bad handshake ${preview(frame)}: ${problem}; exiting`);
      return;
    }
    const { pidDir, conf, context: raw } = message as Handshake;
    const context = createContext(raw, conf);
    this.#context = context;
    this.#name = `${context.componentId}:${context.taskId}`;
    try {
      this.#logger = new ComponentLogger({
        settings: logSettings(conf),
        topology: context.topologyName,
        component: context.componentId,
        task: context.taskId,
        pid: this.#io.pid,
        toStorm: (msg, level) => {
          if (this.#pidSent) this.#send({ command: 'log', msg, level });
        },
      });
    } catch (error) {
      this.#exit(EXIT.protocolError, `${(error as Error).message}; exiting`);
      return;
    }
    try {
      writeFileSync(join(pidDir, String(this.#io.pid)), '');
    } catch (error) {
      this.#exit(EXIT.protocolError, `cannot create the pid file in pidDir ${JSON.stringify(pidDir)}: ${(error as Error).message}; exiting`);
      return;
    }
    let component: Spout | Bolt;
    try {
      component = new this.#class() as Spout | Bolt;
    } catch (error) {
      // No pid answer: Storm reads the first message as that answer, so this goes to stderr (and the log) only.
      const failure = new ComponentCallbackError(`constructing ${this.#class.name} failed`, error);
      this.#exit(EXIT.componentError, `${failure.report()}\nexiting: the component could not be constructed`);
      return;
    }
    this.#component = component;
    this.#kind = component instanceof Spout ? 'spout' : 'bolt';
    // The pid reply must be the first message Storm reads: attach (which may log) only after it.
    this.#writeNow(encodeFrame({ pid: this.#io.pid }));
    this.#pidSent = true;
    try {
      component[ATTACH](this.#channel(), conf, context);
    } catch (error) {
      // A component that refuses its conf (a windowed bolt's window against the message timeout) says why in one line.
      const why = error instanceof Error ? error.message : String(error);
      this.#send({ command: 'error', msg: `${this.#name}: cannot start: ${why}` });
      this.#exit(EXIT.componentError, `cannot start: ${why}; exiting`);
      return;
    }
    this.#logger.log('debug', `handshake done: ${this.#kind} ${context.componentId} task ${context.taskId} pid ${this.#io.pid}`);
    // initialize runs as the first piece of serial work: commands and tuples wait for it, heartbeats do not.
    this.#enqueue(() => this.#call('initialize()', () => component.initialize(conf as Conf, context)));
  }

  #channel(): Channel {
    return {
      send: (message) => this.#send(message),
      nextTaskIds: () => new Promise((resolve) => this.#taskIdWaiters.push(resolve)),
      log: (level: LogLevel, message: string) => this.#log(level, message),
      schedule: (work, what) => this.#enqueue(() => this.#call(what, work)),
    };
  }

  #taskIds(message: unknown[], frame: string): void {
    if (!allIntegers(message)) {
      this.#exit(EXIT.protocolError, `unexpected array on stdin ${preview(frame)}: a task-id list holds integers; exiting`);
      return;
    }
    const waiter = this.#taskIdWaiters.shift();
    if (waiter) waiter(message as number[]);
    else this.#log('warn', `task ids ${frame} arrived but no emit asked for them (need_task_ids); ignored`);
  }

  // ---- spouts ----

  #spoutCommand(message: Record<string, unknown>, frame: string): void {
    const command = message['command'];
    if (typeof command !== 'string' || !SPOUT_COMMANDS.has(command)) {
      this.#exit(
        EXIT.protocolError,
        `unknown spout command ${JSON.stringify(command)} in ${preview(frame)}; expected one of next, ack, fail, activate, deactivate; exiting`,
      );
      return;
    }
    if ((command === 'ack' || command === 'fail') && !(typeof message['id'] === 'string' || typeof message['id'] === 'number')) {
      this.#exit(EXIT.protocolError, `spout command ${command} without an id: ${preview(frame)}; exiting`);
      return;
    }
    const id = message['id'] as string | number;
    this.#enqueue(() => this.#spoutTurn(command, id));
  }

  #spoutTurn(command: string, id: string | number): void | Promise<void> {
    const spout = this.#component as Spout;
    this.#inTurn = true;
    this.#turnEmits = 0;
    if (this.#heldForTurn.length > 0) for (const held of this.#heldForTurn.splice(0)) this.#send(held);
    let result: void | Promise<void>;
    try {
      result =
        command === 'next'
          ? spout.nextTuple()
          : command === 'ack'
            ? spout.ack(id)
            : command === 'fail'
              ? spout.fail(id)
              : command === 'activate'
                ? spout.activate()
                : spout.deactivate();
    } catch (error) {
      return this.#turnFailed(command, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        () => this.#endTurn(command),
        (error: unknown) => this.#turnFailed(command, error),
      );
    }
    return this.#endTurn(command);
  }

  /** Ends a spout turn with its sync; an empty `next` first sleeps `idleSleepMs` so that an idle spout does not spin. */
  #endTurn(command: string): void | Promise<void> {
    const sleepMs = (this.#component as Spout).idleSleepMs;
    if (command === 'next' && this.#turnEmits === 0 && sleepMs > 0) {
      return new Promise((resolve) => setTimeout(resolve, sleepMs)).then(() => this.#sync());
    }
    this.#sync();
  }

  #turnFailed(command: string, error: unknown): void | Promise<void> {
    const wrapped = new ComponentCallbackError(`${command === 'next' ? 'nextTuple' : command}() failed`, error);
    if (!(this.#component as Spout).keepAliveOnError) return this.#componentFailed(wrapped);
    this.#report(wrapped);
    return this.#endTurn(command);
  }

  #sync(): void {
    this.#inTurn = false;
    this.#out += SYNC_FRAME;
    // Inside a read (commands Storm wrote together), the read's end writes every sync at once.
    if (!this.#reading) this.#flush();
  }

  // ---- bolts ----

  #boltInput(message: Record<string, unknown>, frame: string): void {
    const { id, comp, stream, task, tuple } = message;
    if (
      !(typeof id === 'string' || typeof id === 'number') ||
      typeof stream !== 'string' ||
      !Array.isArray(tuple) ||
      !(comp === null || comp === undefined || typeof comp === 'string')
    ) {
      const what = 'command' in message ? `unknown bolt command ${JSON.stringify(message['command'])}` : 'malformed tuple';
      this.#exit(
        EXIT.protocolError,
        `${what} in ${preview(frame)}: a bolt expects tuples {"id","comp","stream","task","tuple":[...]} or task-id lists; exiting`,
      );
      return;
    }
    if (stream === HEARTBEAT_STREAM) {
      this.#out += SYNC_FRAME;
      this.#scheduleFlush();
      return;
    }
    const source = comp ?? null;
    // Ticks and checkpoints carry their own fields, not the ones the bolt reads.
    const values = stream === TICK_STREAM || stream === CHECKPOINT_STREAM ? tuple : this.#project(source, stream, tuple);
    if (!values) return;
    const input = new Tuple(String(id), source, stream, typeof task === 'number' ? task : -1, values);
    this.#enqueue(input);
  }

  /** Reorders incoming values to the bolt's `reads` when Storm told us the source's fields; else passes them on. */
  #project(source: string | null, stream: string, values: unknown[]): unknown[] | undefined {
    const reads = (this.#class as unknown as typeof Component).declaration.reads;
    if (!reads || source === null) return values;
    const key = `${source}\u0000${stream}`;
    let indices = this.#projections.get(key);
    if (indices === undefined) {
      const fields = this.#context?.raw['source->stream->fields']?.[source]?.[stream];
      if (!fields) indices = null;
      else {
        const missing = reads.filter((f) => !fields.includes(f));
        if (missing.length > 0) {
          this.#componentFailed(
            new ComponentCallbackError(
              `bolt ${this.#name} reads [${reads.join(', ')}]`,
              new Error(`its input ${source}:${stream} carries [${fields.join(', ')}], without ${missing.join(', ')}; subscribe to a stream that has them or change reads`),
            ),
          );
          return undefined;
        }
        const identity = reads.length === fields.length && reads.every((f, i) => fields[i] === f);
        indices = identity ? null : reads.map((f) => fields.indexOf(f));
      }
      this.#projections.set(key, indices);
    }
    return indices ? indices.map((i) => values[i]) : values;
  }

  // ---- serial work ----

  #enqueue(work: Work | Tuple): void {
    this.#queue.push(work);
    if (!this.#busy) this.#drain();
  }

  #drain(): void {
    this.#busy = true;
    while (this.#queue.length > 0 && !this.#exiting) {
      // Storm is not reading what we wrote: start nothing new until it does ('drain' calls #drain again).
      if (this.#outputBlocked) {
        this.#busy = false;
        return;
      }
      const work = this.#queue.shift()!;
      if (this.#queueFull && this.#queue.length <= MAX_QUEUED / 2) {
        this.#queueFull = false;
        this.#updateInput();
      }
      let result: void | Promise<void>;
      try {
        result = typeof work === 'function' ? work() : (this.#component as Bolt)[RECEIVE](work);
      } catch (error) {
        this.#workFailed(error);
        continue;
      }
      if (isThenable(result)) {
        result.then(
          () => this.#drain(),
          (error: unknown) => {
            this.#workFailed(error);
            this.#drain();
          },
        );
        return;
      }
    }
    this.#busy = false;
  }

  /** Runs a user callback; an exception becomes a ComponentCallbackError naming it. */
  #call(what: string, fn: () => void | Promise<void>): void | Promise<void> {
    const wrap = (error: unknown): never => {
      // Already named (a processWindow a timer ran): keep its words.
      throw error instanceof ComponentCallbackError ? error : new ComponentCallbackError(`${what} failed`, error);
    };
    try {
      const result = fn();
      if (isThenable(result)) return Promise.resolve(result).then(undefined, wrap);
    } catch (error) {
      wrap(error);
    }
  }

  #workFailed(error: unknown): void {
    const wrapped = error instanceof ComponentCallbackError ? error : new ComponentCallbackError('component failed', error);
    const component = this.#component;
    const keepAlive = component !== undefined && component.keepAliveOnError && !wrapped.what.startsWith('initialize');
    if (keepAlive) this.#report(wrapped);
    else this.#componentFailed(wrapped);
  }

  /** Reports the error to Storm (and the log), then exits non-zero so that Storm restarts the process. */
  #componentFailed(error: ComponentCallbackError): void {
    if (this.#exiting) return;
    this.#report(error);
    this.#exit(EXIT.componentError, `exiting after ${error.what} (set keepAliveOnError = true to keep running)`);
  }

  #report(error: ComponentCallbackError): void {
    const hint = isOutOfMemory(error.cause) ? `\n${this.#name}: ${outOfMemoryHint(this.#out.length + (this.#io.output.writableLength ?? 0), this.#queue.length)}` : '';
    const text = `${this.#name}: ${error.report()}${hint}`;
    // Storm logs an `error` itself: the same text as a `log` too would show every stack twice.
    const toStorm = this.#pidSent && !this.#outputBroken;
    if (this.#logger) this.#logger.log('error', text, { toStorm: false });
    else this.#log('error', text);
    if (toStorm) this.#send({ command: 'error', msg: text });
  }

  // ---- output ----

  #send(message: ComponentMessage): void {
    if (this.#outputBroken) return;
    if (this.#kind === 'spout' && !this.#inTurn) {
      // Storm reads a spout's messages only inside a turn: keep this one for the next turn.
      this.#heldForTurn.push(message);
      return;
    }
    if ('command' in message && message.command === 'emit') this.#turnEmits++;
    this.#out += encodeComponentMessage(message);
    if (this.#out.length >= FLUSH_CHARS) this.#flush();
    else this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#reading) return;
    this.#flushScheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#out === '' || this.#outputBroken) return;
    const data = this.#out;
    this.#out = '';
    if (!this.#io.output.write(data) && !this.#outputBlocked) {
      // The reader is behind (a full pipe buffer): take no more input and start no more work until it catches up.
      this.#outputBlocked = true;
      this.#updateInput();
      this.#io.output.once('drain', () => {
        this.#outputBlocked = false;
        this.#updateInput();
        if (!this.#busy && !this.#exiting) this.#drain();
      });
    }
  }

  /** Reads stdin only while stdout keeps up and the queue has room. */
  #updateInput(): void {
    const pause = this.#outputBlocked || this.#queueFull;
    if (pause === this.#inputPaused) return;
    this.#inputPaused = pause;
    if (pause) this.#io.input.pause();
    else this.#io.input.resume();
  }

  #writeNow(data: string): void {
    this.#out += data;
    this.#flush();
  }

  // ---- logging and exit ----

  #log(level: LogLevel, message: string): void {
    if (this.#logger) this.#logger.log(level, message);
    else this.#io.diagnostics.write(`stp ${this.#name}: ${level}: ${message}\n`);
  }

  #strayOutput(text: string): void {
    const trimmed = text.replace(/\n$/, '');
    if (this.#logger && !this.#exiting) this.#logger.log('info', trimmed);
    else this.#io.diagnostics.write(text);
  }

  /** Ends the component once: message on stderr and in the log, pending output flushed, log file closed. */
  #exit(code: number, message: string, level: LogLevel = 'error'): void {
    if (this.#exiting) return;
    this.#exiting = true;
    // A clean stop (status 0) goes to the log file only: whoever closed stdin is not listening any more.
    const clean = code === EXIT.ok;
    if (!clean) this.#io.diagnostics.write(`stp ${this.#name}: ${message}\n`);
    this.#logger?.log(level, message, { toStorm: !clean && !this.#outputBroken && this.#kind === 'bolt' });
    this.#flush();
    // Never hang on the way out: a log file that cannot be flushed within a second is given up.
    const close = Promise.race([this.#logger?.close() ?? Promise.resolve(), new Promise<void>((resolve) => setTimeout(resolve, 1000))]);
    void close.then(() => {
      this.#io.exit(code);
      this.#resolveDone(code);
    });
  }
}

function isComponentClass(value: unknown): boolean {
  return typeof value === 'function' && (value.prototype instanceof Spout || value.prototype instanceof Bolt);
}

function handshakeProblem(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'expected a JSON object {"pidDir","conf","context"}';
  const m = message as Record<string, unknown>;
  if (typeof m['pidDir'] !== 'string') return '"pidDir" must be a string';
  if (typeof m['conf'] !== 'object' || m['conf'] === null) return '"conf" must be an object';
  const context = m['context'];
  if (typeof context !== 'object' || context === null) return '"context" must be an object';
  const c = context as Record<string, unknown>;
  if (typeof c['taskid'] !== 'number') return '"context.taskid" must be a number';
  if (typeof c['componentid'] !== 'string') return '"context.componentid" must be a string';
  return undefined;
}

function allIntegers(values: readonly unknown[]): boolean {
  for (const value of values) if (!Number.isInteger(value)) return false;
  return true;
}

function preview(frame: string): string {
  return JSON.stringify(frame.length > 200 ? `${frame.slice(0, 200)}… (${frame.length} chars)` : frame);
}


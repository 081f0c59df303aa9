// Run one spout or bolt in-process in a test: feed it tuples and ticks (bolts) or turns (spouts) and look at what
// it emitted, acked, failed, logged and reported. The component runs exactly as under the protocol loop: the
// harness attaches the same kind of channel the loop does and calls the same entry points, so auto ack/anchor/fail,
// emit checks and BatchingBolt's tick-driven flushes behave as on Storm, with no process or pipe in between.
import { Bolt, RECEIVE } from '../components/bolt.js';
import { ATTACH, type Channel } from '../components/channel.js';
import type { Component } from '../components/component.js';
import { createContext, type Conf } from '../components/context.js';
import type { Spout } from '../components/spout.js';
import { Tuple } from '../components/tuple.js';
import type { ComponentMessage, HandshakeContext, LogLevel, TupleId } from '../multilang/messages.js';
import { SYSTEM_COMPONENT, TICK_STREAM } from '../multilang/messages.js';

/** One emit as the component sent it. */
export interface Emitted {
  readonly stream: string;
  readonly values: readonly unknown[];
  /** Bolts: the ids of the tuples it is anchored to. */
  readonly anchors: readonly string[];
  /** Spouts: the message id (absent for an unreliable emit). */
  readonly id?: TupleId;
  /** A direct emit's task. */
  readonly directTask?: number;
}

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
}

export interface HarnessOptions {
  /** Topology conf as the handshake would carry it (e.g. `{ 'topology.tick.tuple.freq.secs': 1 }`). */
  readonly conf?: Conf;
  /** Default: the class name in lower case. */
  readonly componentId?: string;
  /** Default: 1. */
  readonly taskId?: number;
  /** Default: 'test'. */
  readonly topologyName?: string;
  /** What an emit with `needTaskIds` is told; default: this task's id. */
  readonly taskIdsFor?: (emit: Emitted) => number[];
}

/** What a component did, recorded in order. `clear()` forgets it. */
export class Recorder {
  emitted: Emitted[] = [];
  acked: string[] = [];
  failed: string[] = [];
  logs: LogRecord[] = [];
  /** Texts of the errors it reported to Storm (`reportError`, and exceptions the harness caught). */
  errors: string[] = [];
  metrics: { name: string; params: unknown }[] = [];
  /** Work the component scheduled (a windowed bolt's timers), run one after the other as the protocol loop runs it. */
  #scheduled: Promise<void> = Promise.resolve();
  /** The first failure of scheduled work not yet rethrown to the test. */
  #failure: { error: unknown } | undefined;

  /** @internal Queues work the component scheduled; a failure is recorded as the loop would report it. */
  runScheduled(work: () => void | Promise<void>, what: string): void {
    this.#waiting++;
    this.#scheduled = this.#scheduled.then(work).finally(() => this.#waiting--).catch((error: unknown) => {
      this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      this.#failure ??= { error };
    });
  }

  #waiting = 0;

  /** @internal Whether scheduled work is waiting or failed (else `settle` has nothing to wait for). */
  get unsettled(): boolean {
    return this.#waiting > 0 || this.#failure !== undefined;
  }

  /** @internal Waits for the scheduled work; rethrows its first failure (where the loop would have exited). */
  async settle(): Promise<void> {
    await this.#scheduled;
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure) throw failure.error;
  }

  clear(): void {
    this.emitted = [];
    this.acked = [];
    this.failed = [];
    this.logs = [];
    this.errors = [];
    this.metrics = [];
  }
}

/** @internal Hands `component` conf, context and a channel that records into `recorder`. */
export function attach<C extends Component>(component: C, recorder: Recorder, options: HarnessOptions): C {
  const componentId = options.componentId ?? component.constructor.name.toLowerCase();
  const taskId = options.taskId ?? 1;
  const conf: Conf = { 'topology.name': options.topologyName ?? 'test', ...options.conf };
  const raw: HandshakeContext = { 'task->component': { [String(taskId)]: componentId }, taskid: taskId, componentid: componentId };
  const pendingTaskIds: number[][] = [];
  const channel: Channel = {
    send: (message: ComponentMessage) => {
      if (!('command' in message)) return;
      switch (message.command) {
        case 'emit': {
          const emitted: Emitted = {
            stream: message.stream ?? 'default',
            values: message.tuple,
            anchors: message.anchors ?? [],
            ...(message.id !== undefined && { id: message.id }),
            ...(message.task !== undefined && { directTask: message.task }),
          };
          recorder.emitted.push(emitted);
          if (message.need_task_ids) pendingTaskIds.push(options.taskIdsFor?.(emitted) ?? [taskId]);
          return;
        }
        case 'ack':
          recorder.acked.push(message.id);
          return;
        case 'fail':
          recorder.failed.push(message.id);
          return;
        case 'error':
          recorder.errors.push(message.msg);
          return;
        case 'metrics':
          recorder.metrics.push({ name: message.name, params: message.params });
          return;
        default:
          return;
      }
    },
    nextTaskIds: () => Promise.resolve(pendingTaskIds.shift() ?? [taskId]),
    schedule: (work, what) => recorder.runScheduled(work, what),
    log: (level, message) => {
      recorder.logs.push({ level, message });
    },
  };
  component[ATTACH](channel, conf, createContext(raw, conf));
  return component;
}

let tupleCounter = 0;

/** Where a fed tuple comes from. */
export interface TupleSource {
  /** Source component; default 'source'. */
  readonly component?: string;
  /** Default 'default'. */
  readonly stream?: string;
  /** Source task; default 1. */
  readonly task?: number;
  /** Tuple id; default a fresh one. */
  readonly id?: string;
}

export class BoltHarness<B extends Bolt<never>> extends Recorder {
  constructor(readonly bolt: B) {
    super();
  }

  /**
   * Feeds one tuple and waits until the bolt has handled it (its `process`, and any Promise it returned), and the
   * work its arrival scheduled (a windowed bolt's window). An exception from `process` (or from that work) is
   * rethrown after auto-fail, as the protocol loop would report it.
   */
  async feed(values: readonly unknown[], source: TupleSource = {}): Promise<Tuple> {
    const tuple = new Tuple(source.id ?? `t${++tupleCounter}`, source.component ?? 'source', source.stream ?? 'default', source.task ?? 1, [...values]);
    await this.bolt[RECEIVE](tuple);
    if (this.unsettled) await this.settle();
    return tuple;
  }

  /** Feeds a tick tuple of `freqSecs` (BatchingBolt counts these toward `secsBetweenBatches`). */
  async tick(freqSecs = 1): Promise<Tuple> {
    const tuple = new Tuple(`tick${++tupleCounter}`, SYSTEM_COMPONENT, TICK_STREAM, -1, [freqSecs]);
    await this.bolt[RECEIVE](tuple);
    return tuple;
  }
}

export class SpoutHarness<S extends Spout<never>> extends Recorder {
  constructor(readonly spout: S) {
    super();
  }

  /** Runs `next` turns (Storm's `next` command) and returns what they emitted. */
  async next(turns = 1): Promise<Emitted[]> {
    const before = this.emitted.length;
    for (let i = 0; i < turns; i++) await this.spout.nextTuple();
    return this.emitted.slice(before);
  }

  async ack(id: TupleId): Promise<void> {
    await this.spout.ack(id);
  }

  async fail(id: TupleId): Promise<void> {
    await this.spout.fail(id);
  }

  async activate(): Promise<void> {
    await this.spout.activate();
  }

  async deactivate(): Promise<void> {
    await this.spout.deactivate();
  }
}

/** Creates the bolt, hands it conf and context as a handshake would, and runs its `initialize`. */
export async function testBolt<B extends Bolt<never>>(BoltClass: new () => B, options: HarnessOptions = {}): Promise<BoltHarness<B>> {
  const harness = new BoltHarness(new BoltClass());
  attach(harness.bolt, harness, options);
  await harness.bolt.initialize(harness.bolt.conf, harness.bolt.context);
  return harness;
}

/** Creates the spout, hands it conf and context as a handshake would, and runs its `initialize`. */
export async function testSpout<S extends Spout<never>>(SpoutClass: new () => S, options: HarnessOptions = {}): Promise<SpoutHarness<S>> {
  const harness = new SpoutHarness(new SpoutClass());
  attach(harness.spout, harness, options);
  await harness.spout.initialize(harness.spout.conf, harness.spout.context);
  return harness;
}

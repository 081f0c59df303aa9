// WindowedBolt: Storm's BaseWindowedBolt for TypeScript. Tuples are held in sliding or tumbling windows (by count
// or duration, processing time or event time) and each window is handed to `processWindow`. As in Storm's
// WindowedBoltExecutor: a tuple is acked when it leaves every window it belongs to; emits from `processWindow` are
// anchored to every tuple of the window; event-time tuples behind the watermark go to the late stream (or are acked
// and counted). Timers run in the component process, so windows fire on time without tick tuples; their callbacks
// are the component's serial work, between tuples, and heartbeats are answered meanwhile.
// The window logic itself is lib/windowing (shared with any bolt built on it).
import type { Tuple } from './tuple.js';
import { Bolt } from './bolt.js';
import { ATTACH, type Channel } from './channel.js';
import type { ComponentContext, Conf } from './context.js';
import { streamFields, type ComponentDeclaration, type DefinedComponent } from './declaration.js';
import { isThenable } from './thenable.js';
import type { ReadValues, UndeclaredComponent } from './typing.js';
import type { WindowChecks } from './window-typing.js';
import { systemClock, type WindowClock } from '../windowing/clock.js';
import type { BuiltWindow } from '../windowing/window-manager.js';
import { windowConfProblems, windowConfig, type WindowConfig, type WindowDeclaration } from '../windowing/window-spec.js';
import { Windows } from '../windowing/windows.js';

/** One window, as `processWindow` receives it (Storm's TupleWindow). */
export interface TupleWindow<TValues extends readonly unknown[] = unknown[]> {
  /** Every tuple in the window, oldest first. */
  readonly tuples: readonly Tuple<TValues>[];
  /** The tuples that were not in the previous window. */
  readonly newTuples: readonly Tuple<TValues>[];
  /** The tuples that left every window since the previous one; already acked, so do not anchor to them. */
  readonly expiredTuples: readonly Tuple<TValues>[];
  /** Where the window ends (ms): the clock when it fired, or with event time the watermark window's end. */
  readonly end: number;
  /** `end` minus the length, for a window whose length is a duration; undefined for a count window (as in Storm). */
  readonly start: number | undefined;
}

/** @internal The test kit's clock, set before the bolt is attached. */
export const WINDOW_CLOCK = Symbol('stp.window.clock');
/** @internal The test kit's watermarks. */
export const WATERMARK = Symbol('stp.window.watermark');

type AnyTuple = Tuple<readonly unknown[]>;
/** What the manager queues while it scans: a window to hand over, or tuples to ack, in Storm's order. */
type WindowAction = BuiltWindow<AnyTuple> | { readonly acks: AnyTuple[] };

const CHECKPOINT_STREAM = '$checkpoint';

export abstract class WindowedBolt<TDecl extends ComponentDeclaration = UndeclaredComponent> extends Bolt<TDecl> {
  /**
   * A base class typed from `declaration`, whose `window` says the window (see docs/components.md#windowing):
   * `{ length, slide? }` or `{ tumbling }`, each `{ count }`, `{ ms }` or `{ seconds }`, and for event time
   * `timestampField` (a read field typed Number), `lag`, `watermarkInterval` and `lateStream`.
   */
  static override define<const TDecl extends ComponentDeclaration>(declaration: TDecl & WindowChecks<TDecl>): DefinedComponent<WindowedBolt<TDecl>, TDecl> {
    checkWindowDeclaration(declaration);
    abstract class DeclaredWindowedBolt extends WindowedBolt<TDecl> {
      static override readonly declaration: TDecl = declaration;
    }
    return DeclaredWindowedBolt;
  }

  /** @internal */
  [WINDOW_CLOCK]: WindowClock | undefined;

  #windows: Windows<AnyTuple> | undefined;
  #config: WindowConfig | undefined;
  #actions: WindowAction[] = [];
  #next = 0;
  #timestampIndex = -1;
  #late = 0;
  #lateLogged = 0;

  /** Handles one window: its tuples, the new and expired ones, its start and end. Emits are anchored to its tuples. */
  abstract processWindow(window: TupleWindow<ReadValues<TDecl>>): void | Promise<void>;

  /** Event-time tuples that arrived behind the watermark (sent on the late stream, or acked without a window). */
  get lateTuples(): number {
    return this.#late;
  }

  /** The tuples the windows hold now (each one not acked yet). */
  get heldTuples(): number {
    return this.#windows?.manager.size ?? 0;
  }

  /** Adds the tuple to the windows. Do not override: `processWindow` receives it. */
  override process(tuple: Tuple<ReadValues<TDecl>>): void | Promise<void> {
    return this.receiveTuple(tuple as Tuple);
  }

  override [ATTACH](channel: Channel, conf: Conf, context: ComponentContext): void {
    super[ATTACH](channel, conf, context);
    const declaration = (this.constructor as typeof WindowedBolt).declaration;
    const name = `bolt '${context.componentId}' (${this.constructor.name})`;
    const config = windowConfig(declaration['window' as keyof ComponentDeclaration], name, declaration.reads);
    const problems = windowConfProblems(config, conf, name);
    if (problems.errors.length > 0) throw new Error(problems.errors.join('; '));
    for (const warning of problems.warnings) channel.log('warn', warning);
    this.#config = config;
    this.#timestampIndex = config.timestampField === undefined ? -1 : (declaration.reads ?? []).indexOf(config.timestampField);
    const clock = this[WINDOW_CLOCK] ?? systemClock;
    const windows = new Windows<AnyTuple>(
      config,
      { onExpiry: (acks) => this.#actions.push({ acks }), onActivation: (window) => this.#actions.push(window) },
      clock,
      inputStreamCount(context),
      (ms, fire) => {
        // At most one callback of a timer waits in the queue: a slow processWindow delays windows, it does not pile them up.
        let queued = false;
        return clock.every(ms, () => {
          if (queued) return;
          queued = true;
          channel.schedule(() => {
            queued = false;
            fire();
            return this.#drain();
          }, 'window timer');
        });
      },
    );
    this.#windows = windows;
    if (!this.defersWindows) this.startWindows();
  }

  /** @internal Whether the triggers wait for startWindows() (StatefulWindowedBolt's recovery) instead of starting at once. */
  protected get defersWindows(): boolean {
    return false;
  }

  /** @internal Starts the trigger policy and the watermark timer. */
  protected startWindows(): void {
    this.#windows!.start(() => this.#reportLate());
  }

  /** @internal After processWindow returned for a window (StatefulWindowedBolt records the ids it saw). */
  protected windowProcessed(_window: BuiltWindow<AnyTuple>): void {}

  /** @internal Holds the tuple in the windows instead of acking it. */
  protected override receiveTuple(tuple: Tuple): void | Promise<void> {
    const windows = this.#windows!;
    if (this.#timestampIndex < 0) {
      windows.add(tuple);
      return this.#drain();
    }
    const ts = tuple.values[this.#timestampIndex];
    if (typeof ts !== 'number' || !Number.isFinite(ts)) {
      this.fail(tuple);
      this.reportError(
        new TypeError(`${tuple.toString()}: timestamp field '${this.#config!.timestampField}' is ${JSON.stringify(ts)}, not a number of ms; the tuple was failed`),
      );
      return;
    }
    if (windows.addTimed(tuple, `${tuple.component ?? ''}\u0000${tuple.stream}`, ts)) return this.#drain();
    this.#late++;
    const lateStream = this.#config!.lateStream;
    if (lateStream !== undefined) {
      // The late stream is declared with the read fields (WindowChecks), so the read values fit it.
      const emit = this.emit as (values: unknown[], options: { stream: string; anchors: AnyTuple[] }) => void;
      emit.call(this, tuple.values as unknown[], { stream: lateStream, anchors: [tuple] });
    }
    this.ack(tuple);
    return this.#drain();
  }

  /** @internal The test kit's watermark: fires the event-time windows up to `ts`. */
  [WATERMARK](ts: number): void | Promise<void> {
    if (!this.#windows?.watermarks) throw new Error(`${this.constructor.name}: watermarks need event time (window.timestampField)`);
    this.#windows.forceWatermark(ts);
    return this.#drain();
  }

  /** Runs what the manager queued, in order: acks, and windows (awaiting an async processWindow before going on). */
  #drain(): void | Promise<void> {
    const actions = this.#actions;
    if (actions.length === 0) return; // most tuples start no window and expire none
    while (this.#next < actions.length) {
      const action = actions[this.#next++]!;
      if ('acks' in action) {
        for (const tuple of action.acks) this.ackIfPending(tuple.id);
        continue;
      }
      let result: void | Promise<void>;
      try {
        result = this.#activate(action);
      } catch (error) {
        return this.#windowFailed(error);
      }
      if (isThenable(result)) {
        return result.then(
          () => this.#drain(),
          (error: unknown) => this.#windowFailed(error),
        );
      }
    }
    actions.length = 0;
    this.#next = 0;
  }

  #activate(built: BuiltWindow<AnyTuple>): void | Promise<void> {
    const length = this.#config!.length;
    const window: TupleWindow<readonly unknown[]> = {
      tuples: built.items,
      newTuples: built.newItems,
      expiredTuples: built.expiredItems,
      end: built.end,
      start: length.unit === 'ms' ? built.end - length.value : undefined,
    };
    const result = this.runTuples(built.items, () => this.processWindow(window as TupleWindow<ReadValues<TDecl>>), false, 'processWindow()');
    if (!isThenable(result)) return this.windowProcessed(built);
    return result.then(() => this.windowProcessed(built));
  }

  /**
   * processWindow threw: its tuples were failed (autoFail), so they leave the windows, and the windows queued
   * behind it are dropped (they would anchor to failed tuples); pending acks still go out. Then the error goes on
   * to the loop, which reports it and exits (or, with keepAliveOnError, keeps running).
   */
  #windowFailed(error: unknown): never {
    const rest = this.#actions.slice(this.#next);
    this.#actions = [];
    this.#next = 0;
    for (const action of rest) if ('acks' in action) for (const tuple of action.acks) this.ackIfPending(tuple.id);
    this.#windows!.manager.remove((tuple) => !this.isPending(tuple.id));
    throw error;
  }

  #reportLate(): void {
    if (this.#late === this.#lateLogged || this.#config!.lateStream !== undefined) return;
    const fresh = this.#late - this.#lateLogged;
    this.#lateLogged = this.#late;
    this.log(
      `${fresh} late tuple(s) (timestamps behind the watermark ${this.#windows!.watermarks!.last}) acked without a window, ${this.#late} so far; declare window.lateStream to receive them`,
      'warn',
    );
  }
}

/** The input streams the watermark waits for: the bolt's subscriptions from the handshake (0 when Storm sent none). */
function inputStreamCount(context: ComponentContext): number {
  let count = 0;
  for (const streams of Object.values(context.raw['source->stream->grouping'] ?? {})) {
    for (const stream of Object.keys(streams)) if (stream !== CHECKPOINT_STREAM) count++;
  }
  return count;
}

/** The checks the types make, at run time, for JavaScript users and `as` casts. */
export function checkWindowDeclaration(declaration: ComponentDeclaration, where = 'WindowedBolt.define() call failed'): void {
  const window = (declaration as { window?: WindowDeclaration }).window;
  if (window === undefined) throw new TypeError(`${where}: the declaration has no window, e.g. window: { length: { seconds: 30 }, slide: { seconds: 1 } }`);
  const config = windowConfig(window, where, declaration.reads);
  const field = config.timestampField;
  if (field !== undefined && declaration.types?.[field] !== undefined && declaration.types[field] !== Number) {
    throw new TypeError(`${where}: window.timestampField "${field}" must be typed Number in types (milliseconds since the epoch)`);
  }
  const late = config.lateStream;
  if (late !== undefined) {
    const stream = declaration.outputs?.[late];
    const reads = declaration.reads ?? [];
    if (stream === undefined) throw new TypeError(`${where}: window.lateStream "${late}" is not declared in outputs; declare it with the fields the bolt reads`);
    const fields = streamFields(stream).fields;
    if (fields.length !== reads.length || fields.some((f, i) => f !== reads[i])) {
      throw new TypeError(`${where}: window.lateStream "${late}" must declare the fields the bolt reads, [${reads.join(', ')}] (late tuples go out as they were read)`);
    }
  }
}

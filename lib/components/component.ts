// The base of every component: conf and context after the handshake, logging, error reports, metrics, and the
// runtime check that an emit matches what the class declared.
import { inspect } from 'node:util';
import type { LogLevel } from '../multilang/messages.js';
import { ATTACH, type Channel } from './channel.js';
import type { ComponentContext, Conf } from './context.js';
import { streamFields, type ComponentDeclaration } from './declaration.js';

export abstract class Component {
  /** What the class declares (streams, types, reads); `define()` sets it, plain subclasses keep `{}`. */
  static readonly declaration: ComponentDeclaration = {};

  #channel: Channel | undefined;
  #conf: Conf | undefined;
  #context: ComponentContext | undefined;
  /** Declared streams, or undefined when nothing is known (then emits are not checked). */
  #streams: Map<string, KnownStream> | undefined;

  /** Called once after the handshake, before the first command or tuple. May be async. */
  initialize(_conf: Conf, _context: ComponentContext): void | Promise<void> {}

  /** The topology conf Storm sent in the handshake. */
  get conf(): Conf {
    return this.#conf ?? this.#notRunning('conf');
  }

  get context(): ComponentContext {
    return this.#context ?? this.#notRunning('context');
  }

  /** Logs to the task's log file (when `stp.log.path` is set) and to Storm's worker log, filtered by `stp.log.level`. */
  log(message: string, level: LogLevel = 'info'): void {
    this.channel.log(level, message);
  }

  /** Reports an error to Storm (shown in Storm UI) with its stack trace, and logs it. Kills nothing. */
  reportError(error: unknown, what?: string): void {
    const text = `${what ? `${what}: ` : ''}${describeError(error)}`;
    this.channel.log('error', text);
    this.channel.send({ command: 'error', msg: text });
  }

  /** Sends a custom metric through the protocol's `metrics` command (Storm needs a Java-side registration). */
  metric(name: string, params: unknown): void {
    this.channel.send({ command: 'metrics', name, params });
  }

  /** @internal */
  [ATTACH](channel: Channel, conf: Conf, context: ComponentContext): void {
    this.#channel = channel;
    this.#conf = conf;
    this.#context = context;
    this.#streams = knownStreams((this.constructor as typeof Component).declaration, context);
  }

  /** @internal */
  protected get channel(): Channel {
    return this.#channel ?? this.#notRunning('emit/log');
  }

  /**
   * @internal Throws a clear error for an emit the declaration does not allow, before anything is sent: Storm kills
   * the worker on a direct emit to a regular stream and on a regular emit to a direct one.
   */
  protected checkEmit(values: unknown, stream: string, directTask: unknown): asserts values is readonly unknown[] {
    if (!Array.isArray(values)) {
      throw new TypeError(`${this.#name()}: emit on stream '${stream}' needs an array of values, got ${inspect(values)}`);
    }
    if (directTask !== undefined && !(Number.isInteger(directTask) && (directTask as number) >= 0)) {
      throw new TypeError(`${this.#name()}: emit on stream '${stream}' has directTask ${inspect(directTask)}, which is not a task id`);
    }
    // JSON would send undefined as null: a value the code never meant to emit (a typo'd property, say) is refused.
    const missing = values.findIndex((value) => value === undefined);
    const streams = this.#streams;
    if (!streams) {
      if (missing >= 0) throw new Error(this.#undefinedProblem(stream, values, missing, undefined));
      return;
    }
    const known = streams.get(stream);
    if (!known) {
      const declared = [...streams].map(([id, s]) => `'${id}' [${s.fields.join(', ')}]`).join(', ') || 'none';
      throw new Error(`${this.#name()}: emit on undeclared stream '${stream}'; declared streams: ${declared}. Declare it in outputs or pass { stream }.`);
    }
    const fields = known.fields;
    if (values.length !== fields.length) {
      throw new Error(
        `${this.#name()}: emit on stream '${stream}' got ${values.length} value(s) ${inspect(values, { breakLength: Infinity })} but the stream declares ${fields.length} field(s) [${fields.join(', ')}]`,
      );
    }
    if (missing >= 0) throw new Error(this.#undefinedProblem(stream, values, missing, fields[missing]));
    // One comparison per emit: `direct` is undefined when only Storm's handshake named the stream (it says nothing of it).
    if (known.direct === (directTask === undefined)) throw new Error(this.#directProblem(stream, known, directTask));
  }

  #undefinedProblem(stream: string, values: readonly unknown[], index: number, field: string | undefined): string {
    const which = field === undefined ? `value ${index + 1}` : `field '${field}' (value ${index + 1})`;
    return `${this.#name()}: emit on stream '${stream}' has undefined for ${which} in ${inspect(values, { breakLength: Infinity })}; emit null for "no value", or fix the value`;
  }

  #directProblem(stream: string, known: KnownStream, directTask: unknown): string {
    return directTask === undefined
      ? `${this.#name()}: emit on stream '${stream}' has no directTask, but the stream is declared direct ({ fields: [${known.fields.join(', ')}], direct: true }); pass { directTask } naming the receiving task`
      : `${this.#name()}: emit on stream '${stream}' has directTask ${inspect(directTask)}, but the stream is declared regular ([${known.fields.join(', ')}]), not direct; drop directTask, or declare the stream { fields: [...], direct: true }`;
  }

  #name(): string {
    const id = this.#context?.componentId;
    return `component '${id ?? this.constructor.name}' (${this.constructor.name})`;
  }

  #notRunning(what: string): never {
    throw new Error(`${this.constructor.name}: ${what} is only available once the component runs (from initialize() on)`);
  }
}

/** A stream as the runtime checks it; `direct` is undefined when unknown. */
interface KnownStream {
  readonly fields: readonly string[];
  readonly direct: boolean | undefined;
}

/** Streams from the class's declaration, else from the handshake's `stream->outputfields`, else unknown. */
function knownStreams(declaration: ComponentDeclaration, context: ComponentContext): Map<string, KnownStream> | undefined {
  const outputs = declaration.outputs;
  if (outputs && Object.keys(outputs).length > 0) {
    return new Map(Object.entries(outputs).map(([id, stream]) => [id, streamFields(stream)]));
  }
  const fromStorm = context.raw['stream->outputfields'];
  if (fromStorm && Object.keys(fromStorm).length > 0) {
    return new Map(Object.entries(fromStorm).map(([id, fields]) => [id, { fields, direct: undefined }]));
  }
  return undefined;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return inspect(error);
}

// The typed topology builder. A chain of `topology().spout().bolt().fields()` calls whose type parameters remember
// every component's declaration, so tsc refuses a wrong id, stream or field at the argument that is wrong
// (checks.ts), while the runtime side builds the plain TopologySpec every other part reads. Builders are
// immutable: each call returns a new builder over frozen props (as kysely's query builders do).
//
//   export default topology('wordcount', { workers: 2 })
//     .spout('words', WordSpout, { p: 2 })
//     .bolt('count', WordCounter, { p: 4 })
//       .fields('words', ['word'])
import type { ComponentDeclaration, OutputsDeclaration } from '../components/declaration.js';
import { streamFields } from '../components/declaration.js';
import { windowConfig, windowStormConf } from '../windowing/window-spec.js';
import type { AddProblem, ClassProblem, FieldsProblem, NameProblem, OutputsProblem, PendingProblem, SourceProblem, TasksProblem } from './checks.js';
import type { ComponentConf, TopologyConf } from './conf.js';
import { normalizeTopologyConf } from './conf.js';
import type { EntryOf, KeysOf } from './declared.js';
import type { Checked, StpTypeError } from './type-error.js';
import type { ComponentConstructor, TopologyDefinition } from './definition.js';
import type { JavaArgInput } from './java-args.js';
import { describe, toJavaArg } from './java-args.js';
import type {
  ComponentImpl,
  ComponentRole,
  ComponentSpec,
  GroupingSpec,
  InputSpec,
  StreamSpec,
  TopologySpec,
} from './spec.js';
import { DEFAULT_STREAM } from './spec.js';
import { withCheckpoints } from './checkpoints.js';

/** A TypeScript spout or bolt class: it carries its declaration (see lib/components/declaration.ts). */
export type ComponentClass = ComponentConstructor & { readonly declaration: ComponentDeclaration };

export interface ComponentOptions {
  /** Executors, Storm's parallelism hint. @default 1 */
  readonly p?: number;
  /** Tasks (`topology.tasks`), spread over the executors. @default p */
  readonly tasks?: number;
  /** Conf for this component only, e.g. `{ 'topology.tick.tuple.freq.secs': 5 }`. */
  readonly conf?: ComponentConf;
}

/** ComponentOptions whose literal `p` and `tasks` are checked (TasksProblem). */
type CheckedOptions<TMethod extends string, TId extends string, TP extends number, TTasks extends number> = ComponentOptions & {
  readonly p?: TP;
  readonly tasks?: Checked<TTasks, TasksProblem<TMethod, TId, TP, TTasks>>;
};

/** A multilang component in another language; argv is exactly `[command, script]`, run in `resources/`. */
export interface ShellComponent<TOutputs extends OutputsDeclaration> {
  readonly command: string;
  /** Path relative to the project's `resources/` folder, e.g. `split.py`. */
  readonly script: string;
  /** Streams emitted, e.g. `{ default: ['word'] }`. */
  readonly outputs?: TOutputs;
}

export interface ShellBoltComponent<TOutputs extends OutputsDeclaration, TReads extends readonly string[]>
  extends ShellComponent<TOutputs> {
  /** Fields every input must carry. */
  readonly reads?: TReads;
}

/** A JVM spout or bolt by class name (Storm's JavaObject), e.g. a Kafka spout. Cluster only. */
export interface JavaComponent<TOutputs extends OutputsDeclaration> {
  readonly className: string;
  /** Constructor arguments; see `javaArg` to force a Java type. */
  readonly args?: readonly JavaArgInput[];
  readonly outputs?: TOutputs;
}

export interface JavaBoltComponent<TOutputs extends OutputsDeclaration, TReads extends readonly string[]>
  extends JavaComponent<TOutputs> {
  readonly reads?: TReads;
}

/** A custom grouping: a JVM `CustomStreamGrouping` class by name with constructor arguments. */
export interface CustomGrouping {
  readonly className: string;
  readonly args?: readonly JavaArgInput[];
}

type DeclarationOf<TClass> = TClass extends { readonly declaration: infer D } ? D : {};

// The builder's type parameters (see declared.ts for why they have this shape):
// - TIds: every id so far, a union of string literals (`'words' | 'count'`);
// - TKeys: string keys answering the checks of correct calls in one lookup each (`'f/words/default/word' | ...`);
// - TEntries: one Entry per component, the declarations themselves, read only to word an error;
// and after a bolt: TCur, its id; TReader, its declaration (what it reads); TSources, the ids before it; TPending,
// its id until its first grouping (else never), so that adding anything else first is an error naming it.
// Each step adds to these unions and nothing else: tsc then never walks the earlier components again.

/** The builder between components: add spouts and bolts. It is a TopologyDefinition at every step. */
export interface TopologyBuilder<TIds extends string, TKeys extends string, TEntries, TPending extends string = never> extends TopologyDefinition {
  /** Adds a TypeScript spout; its class declares its streams. */
  spout<const TId extends string, TClass extends ComponentClass, TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'spout', TId, TIds, TPending>>,
    component: Checked<TClass, ClassProblem<'spout', TClass>>,
    options?: CheckedOptions<'spout', TId, TP, TTasks>,
  ): TopologyBuilder<TIds | TId, TKeys | KeysOf<TId, DeclarationOf<TClass>>, TEntries | EntryOf<TId, DeclarationOf<TClass>>>;

  /** Adds a TypeScript bolt; follow it with its groupings (`.shuffle(...)`, `.fields(...)`, ...). */
  bolt<const TId extends string, TClass extends ComponentClass, TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'bolt', TId, TIds, TPending>>,
    component: Checked<TClass, ClassProblem<'bolt', TClass>>,
    options?: CheckedOptions<'bolt', TId, TP, TTasks>,
  ): BoltBuilder<
    TIds | TId,
    TKeys | KeysOf<TId, DeclarationOf<TClass>>,
    TEntries | EntryOf<TId, DeclarationOf<TClass>>,
    TId,
    DeclarationOf<TClass>,
    TIds,
    TId
  >;

  /** Adds a spout in another language, e.g. `{ command: 'python3', script: 'feed.py', outputs: { default: ['line'] } }`. */
  shellSpout<const TId extends string, const TOutputs extends OutputsDeclaration = {}, TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'shellSpout', TId, TIds, TPending>>,
    shell: Checked<ShellComponent<TOutputs>, OutputsProblem<'shellSpout', TOutputs>>,
    options?: CheckedOptions<'shellSpout', TId, TP, TTasks>,
  ): TopologyBuilder<TIds | TId, TKeys | KeysOf<TId, { readonly outputs: TOutputs }>, TEntries | EntryOf<TId, { readonly outputs: TOutputs }>>;

  /** Adds a bolt in another language, e.g. `{ command: 'python3', script: 'split.py', outputs: { default: ['word'] } }`. */
  shellBolt<const TId extends string, const TOutputs extends OutputsDeclaration = {}, const TReads extends readonly string[] = readonly [], TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'shellBolt', TId, TIds, TPending>>,
    shell: Checked<ShellBoltComponent<TOutputs, TReads>, OutputsProblem<'shellBolt', TOutputs>>,
    options?: CheckedOptions<'shellBolt', TId, TP, TTasks>,
  ): BoltBuilder<
    TIds | TId,
    TKeys | KeysOf<TId, { readonly outputs: TOutputs }>,
    TEntries | EntryOf<TId, { readonly outputs: TOutputs }>,
    TId,
    { readonly outputs: TOutputs; readonly reads: TReads },
    TIds,
    TId
  >;

  /** Adds a JVM spout by class name, e.g. a Kafka spout. */
  javaSpout<const TId extends string, const TOutputs extends OutputsDeclaration = {}, TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'javaSpout', TId, TIds, TPending>>,
    java: Checked<JavaComponent<TOutputs>, OutputsProblem<'javaSpout', TOutputs>>,
    options?: CheckedOptions<'javaSpout', TId, TP, TTasks>,
  ): TopologyBuilder<TIds | TId, TKeys | KeysOf<TId, { readonly outputs: TOutputs }>, TEntries | EntryOf<TId, { readonly outputs: TOutputs }>>;

  /** Adds a JVM bolt by class name. */
  javaBolt<const TId extends string, const TOutputs extends OutputsDeclaration = {}, const TReads extends readonly string[] = readonly [], TP extends number = number, TTasks extends number = number>(
    id: Checked<TId, AddProblem<'javaBolt', TId, TIds, TPending>>,
    java: Checked<JavaBoltComponent<TOutputs, TReads>, OutputsProblem<'javaBolt', TOutputs>>,
    options?: CheckedOptions<'javaBolt', TId, TP, TTasks>,
  ): BoltBuilder<
    TIds | TId,
    TKeys | KeysOf<TId, { readonly outputs: TOutputs }>,
    TEntries | EntryOf<TId, { readonly outputs: TOutputs }>,
    TId,
    { readonly outputs: TOutputs; readonly reads: TReads },
    TIds,
    TId
  >;

  /** Modules the component bundles leave out (native addons, very large packages); resolved at run time. */
  externals(...modules: ExternalsArgs<TPending>): TopologyBuilder<TIds, TKeys, TEntries>;
}

/** Module names, or an error naming the bolt added without an input just before. */
type ExternalsArgs<TPending extends string> = [TPending] extends [never] ? string[] : [StpTypeError<PendingProblem<'externals', TPending>>];

/**
 * The source argument of a grouping: a component declared before the bolt (`TSources`, what tsc lists for an
 * unknown id), checked by SourceProblem.
 */
type Source<
  TMethod extends string,
  TIds extends string,
  TKeys extends string,
  TEntries,
  TCur extends string,
  TReader,
  TSources extends string,
  TSrc extends string,
  TStream extends string,
  TDirect extends boolean,
> = [TIds] extends [TSrc] ? TSources : Checked<TSrc, SourceProblem<TMethod, TIds, TKeys, TEntries, TCur, TReader, TSrc, TStream, TDirect>>;

/**
 * The builder right after a bolt: its groupings. Each names a source declared earlier and, optionally, one of the
 * source's streams (`"default"` when omitted).
 */
export interface BoltBuilder<
  TIds extends string,
  TKeys extends string,
  TEntries,
  TCur extends string,
  TReader,
  TSources extends string,
  TPending extends string = never,
> extends TopologyBuilder<TIds, TKeys, TEntries, TPending> {
  /** Tuples go to a random task. */
  shuffle<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'shuffle', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** Like shuffle, preferring tasks in the same worker. */
  localOrShuffle<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'localOrShuffle', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /**
   * Tuples with equal values of `fields` go to the same task. (The field list is deliberately typed
   * `readonly string[]` and checked afterwards: typing it from the source for autocompletion made tsc ~35% slower
   * on large topologies; a wrong field still gets a message listing the declared ones.)
   */
  fields<
    const TSrc extends TIds,
    const TFields extends readonly string[],
    const TStream extends string = typeof DEFAULT_STREAM,
  >(
    source: Source<'fields', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    fields: Checked<TFields, FieldsProblem<TFields, TIds, TKeys, TEntries, TSrc, TStream>>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** Every task gets every tuple. */
  all<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'all', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** All tuples go to one task (the lowest task id). */
  global<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'global', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** No preference (Storm treats it as shuffle). */
  none<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'none', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** The emitter picks the task; the stream must be declared direct. */
  direct<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'direct', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, true>,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;

  /** A JVM `CustomStreamGrouping` by class name (cluster only). */
  custom<const TSrc extends TIds, const TStream extends string = typeof DEFAULT_STREAM>(
    source: Source<'custom', TIds, TKeys, TEntries, TCur, TReader, TSources, TSrc, TStream, false>,
    grouping: CustomGrouping,
    stream?: TStream,
  ): BoltBuilder<TIds, TKeys, TEntries, TCur, TReader, TSources>;
}

/**
 * Starts a topology. `conf` takes Storm's topology conf (common `topology.*` keys typed, any other key allowed);
 * `workers` is short for `topology.workers`.
 */
export function topology<const TName extends string>(name: Checked<TName, NameProblem<TName>>, conf: TopologyConf = {}): TopologyBuilder<never, never, never> {
  // Whenever the call compiles, Checked<TName, ...> is TName itself, a string.
  const spec: TopologySpec = freeze({ name: name as unknown as string, components: freeze([]), conf: freeze(normalizeTopologyConf(conf)) });
  // The runtime class serves every typed view of the builder; the casts are the one place the two meet.
  return new TopologyBuilderImpl({ spec, classes: new Map(), current: undefined }) as unknown as TopologyBuilder<never, never, never>;
}

interface BuilderProps {
  readonly spec: TopologySpec;
  readonly classes: ReadonlyMap<string, ComponentConstructor>;
  /** The bolt that grouping methods subscribe. */
  readonly current: string | undefined;
}

class TopologyBuilderImpl implements TopologyDefinition {
  readonly #props: BuilderProps;
  #wired: TopologySpec | undefined;

  constructor(props: BuilderProps) {
    this.#props = freeze(props);
  }

  /** The spec, with the checkpoint spout and streams Storm's TopologyBuilder adds when a bolt is stateful. */
  get spec(): TopologySpec {
    this.#wired ??= withCheckpoints(this.#props.spec);
    return this.#wired;
  }

  /** The class of a TypeScript component (the checkpoint spout's bundle imports stp's own class instead). */
  componentClass(componentId: string): ComponentConstructor | undefined {
    return this.#props.classes.get(componentId);
  }

  spout(id: string, component: ComponentClass, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addClass('spout', id, component, options);
  }

  bolt(id: string, component: ComponentClass, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addClass('bolt', id, component, options);
  }

  shellSpout(id: string, shell: ShellComponent<OutputsDeclaration>, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addShell('spout', 'shellSpout', id, shell, options);
  }

  shellBolt(id: string, shell: ShellBoltComponent<OutputsDeclaration, readonly string[]>, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addShell('bolt', 'shellBolt', id, shell, options);
  }

  javaSpout(id: string, java: JavaComponent<OutputsDeclaration>, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addJava('spout', 'javaSpout', id, java, options);
  }

  javaBolt(id: string, java: JavaBoltComponent<OutputsDeclaration, readonly string[]>, options?: ComponentOptions): TopologyBuilderImpl {
    return this.#addJava('bolt', 'javaBolt', id, java, options);
  }

  externals(...modules: string[]): TopologyBuilderImpl {
    const externals = freeze([...(this.#props.spec.externals ?? []), ...modules]);
    return this.#with({ spec: freeze({ ...this.#props.spec, externals }), current: undefined });
  }

  shuffle(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('shuffle', source, stream, { type: 'shuffle' });
  }

  localOrShuffle(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('localOrShuffle', source, stream, { type: 'localOrShuffle' });
  }

  fields(source: string, fields: readonly string[], stream?: string): TopologyBuilderImpl {
    return this.#subscribe('fields', source, stream, { type: 'fields', fields: freeze(Array.isArray(fields) ? [...fields] : fields) });
  }

  all(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('all', source, stream, { type: 'all' });
  }

  global(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('global', source, stream, { type: 'global' });
  }

  none(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('none', source, stream, { type: 'none' });
  }

  direct(source: string, stream?: string): TopologyBuilderImpl {
    return this.#subscribe('direct', source, stream, { type: 'direct' });
  }

  custom(source: string, grouping: CustomGrouping, stream?: string): TopologyBuilderImpl {
    if (typeof grouping !== 'object' || grouping === null) {
      throw new TypeError(`custom() call failed: the grouping must be { className, args }, got ${describe(grouping)}`);
    }
    return this.#subscribe('custom', source, stream, {
      type: 'custom',
      className: grouping.className,
      args: freeze((grouping.args ?? []).map(toJavaArg)),
    });
  }

  #with(change: Partial<BuilderProps>): TopologyBuilderImpl {
    return new TopologyBuilderImpl({ ...this.#props, ...change });
  }

  #addClass(role: ComponentRole, id: string, component: ComponentClass, options: ComponentOptions | undefined): TopologyBuilderImpl {
    const declaration = (component as { declaration?: unknown } | undefined)?.declaration;
    if (typeof component !== 'function' || typeof declaration !== 'object' || declaration === null) {
      throw new TypeError(
        `${role}() call failed for "${id}": ${describe(component)} is not a component class with a static declaration; ` +
          `extend ${role === 'spout' ? 'Spout' : 'Bolt'}.define({ outputs: ... }) from "storm-ts"`,
      );
    }
    const actual = roleOfClass(component);
    if (actual !== undefined && actual !== role) {
      throw new TypeError(`${role}() call failed for "${id}": ${component.name} is a ${actual}; add it with .${actual}()`);
    }
    const decl = declaration as ComponentDeclaration;
    const impl: ComponentImpl = { kind: 'typescript', className: component.name || '(anonymous class)' };
    const stateful = role === 'bolt' && (component as { stateful?: unknown }).stateful === true;
    const next = this.#add(role, id, impl, decl.outputs, decl.reads, withWindowConf(decl, id, options), stateful);
    const classes = new Map(this.#props.classes);
    classes.set(id, component);
    return next.#with({ classes });
  }

  #addShell(
    role: ComponentRole,
    method: string,
    id: string,
    shell: ShellBoltComponent<OutputsDeclaration, readonly string[]>,
    options: ComponentOptions | undefined,
  ): TopologyBuilderImpl {
    requireObject(method, id, shell, '{ command, script, outputs }');
    const impl: ComponentImpl = { kind: 'shell', command: shell.command, script: shell.script };
    return this.#add(role, id, impl, shell.outputs, shell.reads, options);
  }

  #addJava(
    role: ComponentRole,
    method: string,
    id: string,
    java: JavaBoltComponent<OutputsDeclaration, readonly string[]>,
    options: ComponentOptions | undefined,
  ): TopologyBuilderImpl {
    requireObject(method, id, java, '{ className, args, outputs }');
    const impl: ComponentImpl = { kind: 'java', className: java.className, args: freeze((java.args ?? []).map(toJavaArg)) };
    return this.#add(role, id, impl, java.outputs, java.reads, options);
  }

  #add(
    role: ComponentRole,
    id: string,
    impl: ComponentImpl,
    outputs: OutputsDeclaration | undefined,
    reads: readonly string[] | undefined,
    options: ComponentOptions = {},
    stateful = false,
  ): TopologyBuilderImpl {
    const component: ComponentSpec = freeze({
      id,
      role,
      impl: freeze(impl),
      streams: freeze(toStreams(outputs ?? {})),
      inputs: freeze([]),
      ...(reads !== undefined && reads.length > 0 ? { reads: freeze([...reads]) } : {}),
      parallelism: options.p ?? 1,
      ...(options.tasks !== undefined ? { tasks: options.tasks } : {}),
      conf: freeze({ ...(options.conf ?? {}) }),
      ...(stateful ? { stateful: true } : {}),
    });
    const spec = freeze({ ...this.#props.spec, components: freeze([...this.#props.spec.components, component]) });
    return this.#with({ spec, current: role === 'bolt' ? id : undefined });
  }

  #subscribe(method: string, source: string, stream: string | undefined, grouping: GroupingSpec): TopologyBuilderImpl {
    const current = this.#props.current;
    if (current === undefined) {
      throw new TypeError(`${method}() call failed: there is no bolt to subscribe; call .bolt(id, Class) (or shellBolt/javaBolt) first`);
    }
    const input: InputSpec = freeze({ source, stream: stream ?? DEFAULT_STREAM, grouping: freeze(grouping) });
    const components = this.#props.spec.components.map((c) =>
      c.id === current && c.role === 'bolt' ? freeze({ ...c, inputs: freeze([...c.inputs, input]) }) : c,
    );
    return this.#with({ spec: freeze({ ...this.#props.spec, components: freeze(components) }) });
  }
}

/**
 * A windowed bolt's window in Storm's conf keys, under the conf the options give (as a Java BaseWindowedBolt's
 * getComponentConfiguration carries it): the validator checks it against the message timeout, Flux and Storm UI show it.
 */
function withWindowConf(declaration: ComponentDeclaration, id: string, options: ComponentOptions | undefined): ComponentOptions | undefined {
  const window = (declaration as { window?: unknown }).window;
  if (window === undefined) return options;
  const conf: Record<string, unknown> = windowStormConf(windowConfig(window, `bolt() call failed for "${id}"`, declaration.reads));
  // A StatefulWindowedBolt's message id field, under the key Storm's StatefulWindowedBoltExecutor reads.
  const messageIdField = (declaration as { messageIdField?: unknown }).messageIdField;
  if (typeof messageIdField === 'string') conf['topology.bolts.message.id.field.name'] = messageIdField;
  return { ...options, conf: { ...conf, ...options?.conf } };
}

function toStreams(outputs: OutputsDeclaration): Record<string, StreamSpec> {
  const streams: Record<string, StreamSpec> = {};
  for (const [id, declaration] of Object.entries(outputs)) {
    const { fields, direct } = streamFields(declaration);
    streams[id] = freeze({ fields: freeze([...fields]), direct });
  }
  return streams;
}

/** 'spout' for a class with nextTuple(), 'bolt' for one with process(), else undefined. */
function roleOfClass(component: ComponentClass): ComponentRole | undefined {
  const proto = component.prototype as Record<string, unknown> | undefined;
  if (typeof proto?.['nextTuple'] === 'function') return 'spout';
  if (typeof proto?.['process'] === 'function') return 'bolt';
  return undefined;
}

function requireObject(method: string, id: string, value: unknown, shape: string): void {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${method}() call failed for "${id}": expected ${shape}, got ${describe(value)}`);
  }
}

function freeze<T>(value: T): T {
  return Object.freeze(value);
}

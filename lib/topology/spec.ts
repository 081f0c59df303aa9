// The topology spec: one plain, serialisable description of a topology that every part of stp reads
// (validator, bundler, local engine, Nimbus client, Flux/DOT exporters). The typed builder produces it; JS users
// and tests may write it by hand. Readers never see the builder.

/** Storm's name for the stream a component emits on when it names none. */
export const DEFAULT_STREAM = 'default';

/** An argument to a Java constructor (Storm's JavaObjectArg union). */
export type JavaArg =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'long'; readonly value: number | bigint }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'binary'; readonly value: Uint8Array };

/** How tuples on one input stream are spread over the tasks of the receiving bolt. */
export type GroupingSpec =
  | { readonly type: 'shuffle' }
  | { readonly type: 'localOrShuffle' }
  | { readonly type: 'fields'; readonly fields: readonly string[] }
  | { readonly type: 'all' }
  | { readonly type: 'global' }
  | { readonly type: 'none' }
  | { readonly type: 'direct' }
  | { readonly type: 'custom'; readonly className: string; readonly args: readonly JavaArg[] };

export type GroupingType = GroupingSpec['type'];

/** One subscription of a bolt: `source`'s `stream`, spread by `grouping`. */
export interface InputSpec {
  readonly source: string;
  readonly stream: string;
  readonly grouping: GroupingSpec;
}

/** A stream a component declares: its output fields, and whether it is a direct stream. */
export interface StreamSpec {
  readonly fields: readonly string[];
  readonly direct: boolean;
}

/**
 * What runs a component.
 * - `typescript`: a Spout/Bolt class of the topology's own module; bundled to `resources/<id>.js` and run as
 *   `node <id>.js`. `className` is for messages and pictures; the class itself is found through the topology
 *   definition (see `TopologyDefinition.componentClass`).
 * - `shell`: any other multilang program, e.g. `{ command: 'python3', script: 'splitter.py' }`; argv is exactly
 *   `[command, script]`, run with `resources/` as working directory.
 * - `java`: a JVM class by name with constructor arguments (cluster only).
 */
export type ComponentImpl =
  | { readonly kind: 'typescript'; readonly className: string }
  | { readonly kind: 'shell'; readonly command: string; readonly script: string }
  | { readonly kind: 'java'; readonly className: string; readonly args: readonly JavaArg[] };

export type ComponentRole = 'spout' | 'bolt';

export interface ComponentSpec {
  readonly id: string;
  readonly role: ComponentRole;
  readonly impl: ComponentImpl;
  /** Streams this component emits, by stream id (the default stream is `"default"`). */
  readonly streams: Readonly<Record<string, StreamSpec>>;
  /** Subscriptions; always empty for spouts. */
  readonly inputs: readonly InputSpec[];
  /** Bolts: the fields every input must carry (the class's `reads`); checked by validateTopology. */
  readonly reads?: readonly string[];
  /** Executors (Storm's parallelism hint). */
  readonly parallelism: number;
  /** Tasks (`topology.tasks`); when absent, one task per executor. */
  readonly tasks?: number;
  /** Component-level conf, e.g. `{ 'topology.tick.tuple.freq.secs': 5 }`. */
  readonly conf: Readonly<Record<string, unknown>>;
  /** A StatefulBolt: the topology gets a checkpoint spout and `$checkpoint` streams (see checkpoints.ts). */
  readonly stateful?: boolean;
}

export interface TopologySpec {
  readonly name: string;
  /** In declaration order; ids are unique. */
  readonly components: readonly ComponentSpec[];
  /** Topology conf (`topology.workers`, `topology.message.timeout.secs`, ... and any other key). */
  readonly conf: Readonly<Record<string, unknown>>;
  /**
   * Modules left out of the component bundles (native addons, very large packages). They are resolved at run
   * time: locally from the project's node_modules, on a cluster from the per-topology install that
   * `stp prepare` makes on every worker.
   */
  readonly externals?: readonly string[];
}

/** The number of tasks a component runs: its task count, else one per executor. */
export function taskCount(component: ComponentSpec): number {
  return component.tasks ?? component.parallelism;
}

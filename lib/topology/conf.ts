// Topology and component conf: the common `topology.*` keys are typed (and checked at run time, since Nimbus
// refuses values of the wrong type); any other key is allowed as any JSON value.
import type { StateProviderName } from '../state/store-choice.js';

/** The kind of value a known conf key takes. */
export type ConfValueKind = 'int' | 'number' | 'boolean' | 'string' | 'string-map' | 'string-list';

/** Known keys and the kind of their values (Storm's Config.java validators). */
export const KNOWN_CONF_KEYS: Readonly<Record<string, ConfValueKind>> = {
  'topology.workers': 'int',
  'topology.acker.executors': 'int',
  'topology.eventlogger.executors': 'int',
  'topology.max.spout.pending': 'int',
  'topology.message.timeout.secs': 'int',
  'topology.max.task.parallelism': 'int',
  'topology.tick.tuple.freq.secs': 'int',
  'topology.subprocess.timeout.secs': 'int',
  'topology.shellbolt.max.pending': 'int',
  'topology.tasks': 'int',
  'topology.debug': 'boolean',
  'topology.enable.message.timeouts': 'boolean',
  'topology.fall.back.on.java.serialization': 'boolean',
  'topology.skip.missing.kryo.registrations': 'boolean',
  'topology.stats.sample.rate': 'number',
  'topology.worker.childopts': 'string',
  'topology.multilang.serializer': 'string',
  'topology.environment': 'string-map',
  'topology.kryo.register': 'string-list',
  'topology.state.checkpoint.interval.ms': 'int',
  'topology.state.provider': 'string',
  'topology.state.provider.config': 'string',
};

/** Storm conf with the common keys typed; any other key is allowed. */
export interface StormConf {
  'topology.workers'?: number;
  'topology.acker.executors'?: number;
  'topology.eventlogger.executors'?: number;
  'topology.max.spout.pending'?: number;
  'topology.message.timeout.secs'?: number;
  'topology.max.task.parallelism'?: number;
  'topology.tick.tuple.freq.secs'?: number;
  'topology.subprocess.timeout.secs'?: number;
  'topology.shellbolt.max.pending'?: number;
  'topology.debug'?: boolean;
  'topology.enable.message.timeouts'?: boolean;
  'topology.fall.back.on.java.serialization'?: boolean;
  'topology.skip.missing.kryo.registrations'?: boolean;
  'topology.stats.sample.rate'?: number;
  'topology.worker.childopts'?: string;
  'topology.multilang.serializer'?: string;
  'topology.environment'?: Readonly<Record<string, string>>;
  'topology.kryo.register'?: readonly string[];
  /** Milliseconds between checkpoints of stateful bolts (Storm's default 1000; at least 100 is used). */
  'topology.state.checkpoint.interval.ms'?: number;
  /** The store of stateful bolts: "file" (the default, no server), "redis" or "memory", or Storm's class names for them. */
  'topology.state.provider'?: StateProviderName;
  /** The store's config as Storm takes it, JSON text: '{"jedisPoolConfig":{"host":"127.0.0.1","port":6379}}' for Redis. */
  'topology.state.provider.config'?: string;
  readonly [key: string]: unknown;
}

/** Topology conf as the builder takes it: `workers` is short for `topology.workers`. */
export interface TopologyConf extends StormConf {
  /** Worker processes (`topology.workers`). */
  workers?: number;
}

/** Per-component conf, e.g. `{ 'topology.tick.tuple.freq.secs': 5 }` for one bolt. */
export type ComponentConf = StormConf;

/** `{ workers: 2, ... }` → `{ 'topology.workers': 2, ... }`. */
export function normalizeTopologyConf(conf: TopologyConf): Record<string, unknown> {
  const { workers, ...rest } = conf;
  return workers === undefined ? { ...rest } : { 'topology.workers': workers, ...rest };
}

/** Why `value` is not a valid value of `kind`, or undefined when it is. */
export function confValueProblem(kind: ConfValueKind, value: unknown): string | undefined {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'a whole number >= 0';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'string-map':
      return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string') ? undefined : 'an object of strings';
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'a list of strings';
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The path inside `value` of the first thing JSON cannot carry (functions, undefined, bigint, NaN, class instances). */
export function nonJsonPath(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const bad = nonJsonPath(item, `${path}[${i}]`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const bad = nonJsonPath(item, `${path}[${JSON.stringify(key)}]`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return path;
}

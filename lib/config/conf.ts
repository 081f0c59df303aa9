// Topology conf precedence (CLI > topology > env > stp's defaults) with a record of where each value came from, so
// `stp submit --dry-run` can show it.
import { ConfigError } from './errors.js';
import type { ResolvedEnv } from './env.js';

export type ConfSource = 'cli' | 'topology' | 'env' | 'stp';

export interface ConfOrigin {
  readonly source: ConfSource;
  /** Where exactly, e.g. `-o topology.debug=true`, `envs.prod.log.path`, `topology conf`. */
  readonly detail: string;
}

export interface ConfEntry {
  readonly value: unknown;
  readonly origin: ConfOrigin;
  /** Lower-precedence values this one replaced, highest first. */
  readonly overrides: readonly { readonly value: unknown; readonly origin: ConfOrigin }[];
}

export interface ResolvedConf {
  /** The conf Storm gets (JSON). */
  readonly conf: Readonly<Record<string, unknown>>;
  /** Every key's value and origin, in key order. */
  readonly entries: Readonly<Record<string, ConfEntry>>;
}

/** What the command line sets; each field is optional. */
export interface CliConf {
  /** `-o key=value` pairs, already parsed (see parseOptionAssignments). */
  readonly options?: readonly (readonly [string, unknown])[];
  /** `-p N`: workers and ackers together. */
  readonly par?: number;
  readonly workers?: number;
  readonly ackers?: number;
  /** `-d`: topology.debug and log level debug. */
  readonly debug?: boolean;
}

/** Topology conf keys the env's `log` block maps to. */
export const LOG_CONF_KEYS = {
  path: 'stp.log.path',
  max_bytes: 'stp.log.max_bytes',
  backup_count: 'stp.log.backup_count',
  level: 'stp.log.level',
} as const;

/** `-o key=value`: the value is read as JSON when it parses (numbers, booleans, lists), else as a string. */
export function parseOptionAssignments(values: string | readonly string[] | undefined): [string, unknown][] {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  return list.map((text) => {
    const equals = text.indexOf('=');
    if (equals <= 0) {
      throw new ConfigError(`-o "${text}" is not key=value; write e.g. -o topology.message.timeout.secs=60`);
    }
    const key = text.slice(0, equals).trim();
    const raw = text.slice(equals + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the string as written
    }
    return [key, value];
  });
}

/**
 * Keys Storm takes as JSON text (Config.java: @IsString) that config.json and `-o` may give as a JSON object for
 * ease: the object is sent as its JSON text, which is what Nimbus accepts and what the dry run shows.
 */
const JSON_TEXT_KEYS: ReadonlySet<string> = new Set(['topology.state.provider.config']);

function asSent(key: string, value: unknown): unknown {
  return JSON_TEXT_KEYS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.stringify(value) : value;
}

type Layer = readonly (readonly [string, unknown, ConfOrigin])[];

function envLayer(env: ResolvedEnv): Layer {
  const layer: [string, unknown, ConfOrigin][] = [];
  for (const [field, key] of Object.entries(LOG_CONF_KEYS)) {
    const value = env.config.log[field as keyof typeof LOG_CONF_KEYS];
    if (value !== undefined) layer.push([key, value, { source: 'env', detail: `envs.${env.name}.log.${field}` }]);
  }
  for (const [key, value] of Object.entries(env.config.options)) {
    layer.push([key, value, { source: 'env', detail: `envs.${env.name}.options` }]);
  }
  return layer;
}

function cliLayer(cli: CliConf): Layer {
  const layer: [string, unknown, ConfOrigin][] = [];
  const cliOrigin = (detail: string): ConfOrigin => ({ source: 'cli', detail });
  if (cli.par !== undefined) {
    layer.push(['topology.workers', cli.par, cliOrigin(`-p ${cli.par}`)]);
    layer.push(['topology.acker.executors', cli.par, cliOrigin(`-p ${cli.par}`)]);
  }
  if (cli.workers !== undefined) layer.push(['topology.workers', cli.workers, cliOrigin(`-w ${cli.workers}`)]);
  if (cli.ackers !== undefined) layer.push(['topology.acker.executors', cli.ackers, cliOrigin(`-a ${cli.ackers}`)]);
  if (cli.debug) {
    layer.push(['topology.debug', true, cliOrigin('-d')]);
    layer.push([LOG_CONF_KEYS.level, 'debug', cliOrigin('-d')]);
  }
  for (const [key, value] of cli.options ?? []) layer.push([key, value, cliOrigin(`-o ${key}=${JSON.stringify(value)}`)]);
  return layer;
}

/** A value stp sets unless the user sets the key, and why. */
export interface ConfDefault {
  readonly value: unknown;
  readonly why: string;
}

/** Merges stp's defaults, env, then topology, then CLI: later layers win, and every replaced value is remembered. */
export function resolveConf(input: {
  defaults?: Readonly<Record<string, ConfDefault>>;
  env?: ResolvedEnv;
  topology?: Readonly<Record<string, unknown>>;
  cli?: CliConf;
}): ResolvedConf {
  const layers: Layer[] = [
    Object.entries(input.defaults ?? {}).map(([key, { value, why }]) => [key, value, { source: 'stp', detail: why }] as const),
    input.env ? envLayer(input.env) : [],
    Object.entries(input.topology ?? {}).map(([key, value]) => [key, value, { source: 'topology', detail: 'topology conf' }] as const),
    input.cli ? cliLayer(input.cli) : [],
  ];
  const entries = new Map<string, ConfEntry>();
  for (const layer of layers) {
    for (const [key, given, origin] of layer) {
      const value = asSent(key, given);
      const previous = entries.get(key);
      const overrides = previous ? [{ value: previous.value, origin: previous.origin }, ...previous.overrides] : [];
      entries.set(key, { value, origin, overrides });
    }
  }
  const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    conf: Object.fromEntries(sorted.map(([key, entry]) => [key, entry.value])),
    entries: Object.fromEntries(sorted),
  };
}

// Which store a stateful component uses, from the conf keys Storm names: `topology.state.provider` (a name, or
// Storm's provider class for the same store) and `topology.state.provider.config` (a JSON string, as Storm takes
// it). Every mistake is one problem naming the key, the value and what is allowed: the conf checker
// (lib/config/storm-conf.ts) reports it with where the value came from, a component at start says which it is.
// Pure (no store code), so the config checker can use it.
import { z } from 'zod';
import type { RedisConnection } from './redis-connection.js';

export const PROVIDER_KEY = 'topology.state.provider';
export const PROVIDER_CONFIG_KEY = 'topology.state.provider.config';

type StoreKind = 'file' | 'memory' | 'redis';

/** Provider names stp knows, with Storm's class names for the same stores. */
const PROVIDERS = {
  file: 'file',
  memory: 'memory',
  redis: 'redis',
  'org.apache.storm.state.InMemoryKeyValueStateProvider': 'memory',
  'org.apache.storm.redis.state.RedisKeyValueStateProvider': 'redis',
} as const satisfies Record<string, StoreKind>;

/** What `topology.state.provider` may be. */
export type StateProviderName = keyof typeof PROVIDERS;
export const STATE_PROVIDER_NAMES = Object.keys(PROVIDERS) as [StateProviderName, ...StateProviderName[]];

/** The file store's folder when the config names none, relative to the component's working directory. */
export const DEFAULT_STATE_DIR = '../state';

export type StoreChoice =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly dir: string }
  | { readonly kind: 'redis'; readonly connection: RedisConnection };

/** What is wrong: `"<key>"<at> <text>` reads as a sentence, e.g. `"topology.state.provider" is "x", which ...`. */
export interface StateConfProblem {
  readonly key: typeof PROVIDER_KEY | typeof PROVIDER_CONFIG_KEY;
  /** Where inside the provider config, e.g. `.jedisPoolConfig.port`; empty for the key itself. */
  readonly at: string;
  readonly text: string;
}

export class StateConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateConfigError';
  }
}

// storm-redis's JedisPoolConfig field names and defaults (Protocol.DEFAULT_HOST/PORT/TIMEOUT/DATABASE).
const jedisPoolConfig = z.strictObject({
  host: z.string().min(1).default('localhost'),
  port: z.int().min(1).max(65535).default(6379),
  timeout: z.int().positive().default(2000),
  database: z.int().nonnegative().default(0),
  password: z.string().nullable().optional(),
});
const redisConfig = z.strictObject({ jedisPoolConfig: jedisPoolConfig.default({ host: 'localhost', port: 6379, timeout: 2000, database: 0 }) });
const fileConfig = z.strictObject({ dir: z.string().min(1).default(DEFAULT_STATE_DIR) });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The store the conf chooses, or what is wrong with the conf. */
export function readStoreChoice(conf: Readonly<Record<string, unknown>>): StoreChoice | StateConfProblem {
  const provider = conf[PROVIDER_KEY] ?? 'file';
  const kind: StoreKind | undefined = typeof provider === 'string' && Object.hasOwn(PROVIDERS, provider) ? PROVIDERS[provider as StateProviderName] : undefined;
  if (kind === undefined) {
    return {
      key: PROVIDER_KEY,
      at: '',
      text: `is ${JSON.stringify(provider)}, which is not a state provider stp has; use "file" (the default, no server), "redis" or "memory" (or Storm's class name for Redis or memory)`,
    };
  }
  if (kind === 'memory') return { kind };
  const raw = conf[PROVIDER_CONFIG_KEY];
  let config: unknown = {};
  if (isPlainObject(raw)) {
    // config.json and `-o` may give the JSON as an object; Storm takes the string, which is what a submit sends.
    config = raw;
  } else if (raw !== undefined) {
    if (typeof raw !== 'string') {
      return { key: PROVIDER_CONFIG_KEY, at: '', text: `must be a JSON string, as Storm takes it (e.g. ${example(kind)}), got ${JSON.stringify(raw)}` };
    }
    try {
      config = JSON.parse(raw);
    } catch (error) {
      return { key: PROVIDER_CONFIG_KEY, at: '', text: `is not JSON (${(error as Error).message}); e.g. ${example(kind)}` };
    }
  }
  const parsed = (kind === 'redis' ? redisConfig : fileConfig).safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { key: PROVIDER_CONFIG_KEY, at: issue.path.map((p) => `.${String(p)}`).join(''), text: `for the ${kind} store: ${issue.message}; e.g. ${example(kind)}` };
  }
  if (kind === 'file') return { kind, dir: (parsed.data as z.output<typeof fileConfig>).dir };
  const pool = (parsed.data as z.output<typeof redisConfig>).jedisPoolConfig;
  return {
    kind,
    connection: {
      host: pool.host,
      port: pool.port,
      database: pool.database,
      timeoutMs: pool.timeout,
      ...(typeof pool.password === 'string' && { password: pool.password }),
    },
  };
}

export function isStateConfProblem(read: StoreChoice | StateConfProblem): read is StateConfProblem {
  return 'text' in read;
}

/** The store the conf chooses; `where` says where the conf came from, for the message. Throws one line. */
export function storeChoice(conf: Readonly<Record<string, unknown>>, where = 'the topology conf'): StoreChoice {
  const read = readStoreChoice(conf);
  if (isStateConfProblem(read)) throw new StateConfigError(`${where}: "${read.key}"${read.at} ${read.text}`);
  return read;
}

function example(kind: 'file' | 'redis'): string {
  return kind === 'redis' ? `'{"jedisPoolConfig":{"host":"127.0.0.1","port":6379}}'` : `'{"dir":"/var/lib/stp/state"}'`;
}

// Which store a stateful component uses, from the conf keys Storm names: `topology.state.provider` (a name, or
// Storm's provider class for the same store) and `topology.state.provider.config` (a JSON string, as Storm takes
// it). Every mistake is one line naming the key, the value and what is allowed; the Redis store's code is loaded
// only by components that use it.
import path from 'node:path';
import { z } from 'zod';
import { FileStore } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import type { StateStore } from './store.js';
import type { RedisConnection } from './redis-connection.js';

export type { RedisConnection } from './redis-connection.js';

export const PROVIDER_KEY = 'topology.state.provider';
export const PROVIDER_CONFIG_KEY = 'topology.state.provider.config';

/** Provider names stp knows, with Storm's class names for the same stores. */
const PROVIDERS: Readonly<Record<string, 'file' | 'memory' | 'redis'>> = {
  file: 'file',
  memory: 'memory',
  redis: 'redis',
  'org.apache.storm.state.InMemoryKeyValueStateProvider': 'memory',
  'org.apache.storm.redis.state.RedisKeyValueStateProvider': 'redis',
};

/** The file store's folder when the config names none, relative to the component's working directory. */
export const DEFAULT_STATE_DIR = '../state';

export type StoreChoice =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly dir: string }
  | { readonly kind: 'redis'; readonly connection: RedisConnection };

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

/** The store the conf chooses; `where` says where the conf came from, for the message. */
export function storeChoice(conf: Readonly<Record<string, unknown>>, where = 'the topology conf'): StoreChoice {
  const provider = conf[PROVIDER_KEY] ?? 'file';
  const kind = typeof provider === 'string' ? PROVIDERS[provider] : undefined;
  if (kind === undefined) {
    throw new StateConfigError(
      `${where}: "${PROVIDER_KEY}" is ${JSON.stringify(provider)}, which is not a state provider stp has; use "file" (the default, no server), "redis" or "memory" (or Storm's class name for Redis or memory)`,
    );
  }
  if (kind === 'memory') return { kind };
  const raw = conf[PROVIDER_CONFIG_KEY];
  let config: unknown = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    // `-o key={...}` reads the JSON as an object; Storm takes the string, which is what a submit must send.
    config = raw;
  } else if (raw !== undefined) {
    if (typeof raw !== 'string') {
      throw new StateConfigError(`${where}: "${PROVIDER_CONFIG_KEY}" must be a JSON string, as Storm takes it (e.g. ${example(kind)}), got ${JSON.stringify(raw)}`);
    }
    try {
      config = JSON.parse(raw);
    } catch (error) {
      throw new StateConfigError(`${where}: "${PROVIDER_CONFIG_KEY}" is not JSON (${(error as Error).message}); e.g. ${example(kind)}`);
    }
  }
  const parsed = (kind === 'redis' ? redisConfig : fileConfig).safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
    throw new StateConfigError(`${where}: "${PROVIDER_CONFIG_KEY}"${at} for the ${kind} store: ${issue.message}; e.g. ${example(kind)}`);
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

function example(kind: 'file' | 'redis'): string {
  return kind === 'redis' ? `'{"jedisPoolConfig":{"host":"127.0.0.1","port":6379}}'` : `'{"dir":"/var/lib/stp/state"}'`;
}

/** Opens the store of one namespace (Storm's `<componentId>-<taskId>`); a relative file dir is taken from `cwd`. */
export async function openStore(choice: StoreChoice, namespace: string, cwd = process.cwd()): Promise<StateStore> {
  switch (choice.kind) {
    case 'memory':
      return new MemoryStore(namespace);
    case 'file':
      return new FileStore(path.resolve(cwd, choice.dir), namespace);
    case 'redis': {
      const { RedisStore } = await import('./redis-store.js');
      return new RedisStore(choice.connection, namespace);
    }
  }
}

/** Before anything starts: a Redis store must answer PING. One line on failure. */
export async function checkStoreReachable(choice: StoreChoice, where = 'the topology conf'): Promise<void> {
  if (choice.kind !== 'redis') return;
  const { pingRedis } = await import('./redis-ping.js');
  const problem = await pingRedis(choice.connection);
  if (problem !== undefined) {
    const { host, port } = choice.connection;
    throw new StateConfigError(`${where}: the Redis state store at ${host}:${port} (${PROVIDER_CONFIG_KEY}) does not answer: ${problem}`);
  }
}

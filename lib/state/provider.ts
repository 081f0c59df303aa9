// Opens the store a stateful component's conf chooses (store-choice.ts reads the conf): the file or memory store,
// or Redis, whose code is loaded only by components that use it; and, before a run starts, checks that Redis
// answers.
import path from 'node:path';
import { FileStore } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import { PROVIDER_CONFIG_KEY, StateConfigError, type StoreChoice } from './store-choice.js';
import type { StateStore } from './store.js';

export type { RedisConnection } from './redis-connection.js';
export { DEFAULT_STATE_DIR, PROVIDER_CONFIG_KEY, PROVIDER_KEY, StateConfigError, storeChoice, type StoreChoice } from './store-choice.js';

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

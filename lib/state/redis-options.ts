// ioredis options for a RedisConnection, apart from the type so that the public .d.ts never import ioredis.
import type { RedisOptions } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';

/** ioredis options for `connection` (not connected until asked): the ping and the store differ only in retries. */
export function redisOptions(connection: RedisConnection): RedisOptions {
  return {
    host: connection.host,
    port: connection.port,
    db: connection.database,
    ...(connection.password !== undefined && { password: connection.password }),
    connectTimeout: connection.timeoutMs,
    commandTimeout: connection.timeoutMs,
    lazyConnect: true,
  };
}

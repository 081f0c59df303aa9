// Where a Redis state store connects (parsed from the state provider's config in ./store-choice.ts).
import type { RedisOptions } from 'ioredis';

export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly database: number;
  readonly password?: string;
  readonly timeoutMs: number;
}

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

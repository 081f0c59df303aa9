// One PING to a Redis server, with no retries: what the preflight of a run asks before anything starts.
import { Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';

/** Undefined when Redis answered, else why not. */
export async function pingRedis(connection: RedisConnection): Promise<string | undefined> {
  const redis = new Redis({
    host: connection.host,
    port: connection.port,
    db: connection.database,
    ...(connection.password !== undefined && { password: connection.password }),
    connectTimeout: connection.timeoutMs,
    commandTimeout: connection.timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return (lastError ?? (error as Error)).message;
  } finally {
    redis.disconnect();
  }
}

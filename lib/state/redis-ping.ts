// One PING to a Redis server, with no retries: what the preflight of a run asks before anything starts.
import { Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';
import { redisOptions } from './redis-options.js';

/** Undefined when Redis answered, else why not. */
export async function pingRedis(connection: RedisConnection): Promise<string | undefined> {
  const redis = new Redis({ ...redisOptions(connection), maxRetriesPerRequest: 0, retryStrategy: () => null });
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

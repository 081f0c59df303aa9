import { topology } from '../../../lib/topology/builder.js';

// @expect-error: Type '"reddis"' is not assignable to type '"file" | "memory" | "redis" | "org.apache.storm.state.InMemoryKeyValueStateProvider" | "org.apache.storm.redis.state.RedisKeyValueStateProvider" | undefined'. Did you mean '"redis"'?
export const typo = topology('a', { 'topology.state.provider': 'reddis' });

// Storm takes the provider config as JSON text.
// @expect-error: Type '{ jedisPoolConfig: { port: number; }; }' is not assignable to type 'string'.
export const object = topology('b', { 'topology.state.provider.config': { jedisPoolConfig: { port: 6379 } } });

// @expect-error: Type 'string' is not assignable to type 'number'.
export const interval = topology('c', { 'topology.state.checkpoint.interval.ms': '500' });

// Where a Redis state store connects (parsed from the state provider's config in ./store-choice.ts). No ioredis
// import here: this type is reachable from the package's public .d.ts, and ioredis's own .d.ts import packages
// without types, which a user's `skipLibCheck: false` would then read (./redis-options.ts holds the ioredis side).

export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly database: number;
  readonly password?: string;
  readonly timeoutMs: number;
}

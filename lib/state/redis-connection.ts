// Where a Redis state store connects (parsed from the state provider's config in ./provider.ts).
export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly database: number;
  readonly password?: string;
  readonly timeoutMs: number;
}

// The Redis store, in storm-redis's layout (RedisKeyValueState): the hash `<namespace>` holds the committed copy,
// `<namespace>$prepare` the prepared one (a deleted key as a tombstone), `<namespace>$txid` the fields `prepare`
// and `commit` with their txids. Keys and values are JSON (Storm's Java bolts write Kryo, so the two do not read
// each other's state). Unlike storm-redis, each prepare, commit and rollback is one MULTI/EXEC transaction.
import { Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';
import { redisOptions } from './redis-options.js';
import { applyChanges, type Change, type StateStore, type StoredState } from './store.js';

/** A prepared deletion (JSON encodings are never empty). */
const TOMBSTONE = '';

export class RedisStore implements StateStore {
  readonly where: string;
  readonly #redis: Redis;
  readonly #committedKey: string;
  readonly #preparedKey: string;
  readonly #txidKey: string;
  #lastCommitted: number | undefined;
  #prepared = new Map<string, Change>();
  #lastError: Error | undefined;

  constructor(connection: RedisConnection, namespace: string) {
    this.where = `redis ${connection.host}:${connection.port} db ${connection.database} (${namespace})`;
    this.#committedKey = namespace;
    this.#preparedKey = `${namespace}$prepare`;
    this.#txidKey = `${namespace}$txid`;
    this.#redis = new Redis({
      ...redisOptions(connection),
      // A command fails after a few reconnect attempts instead of waiting forever: the checkpoint then fails and
      // Storm's recovery (rollback, initstate) retries once Redis is back.
      maxRetriesPerRequest: 2,
      retryStrategy: (times) => Math.min(100 * times, 1000),
    });
    this.#redis.on('error', (error: Error) => (this.#lastError = error));
  }

  async load(): Promise<StoredState> {
    const [committed, prepared, txids] = await this.#run(() =>
      Promise.all([this.#redis.hgetall(this.#committedKey), this.#redis.hgetall(this.#preparedKey), this.#redis.hgetall(this.#txidKey)]),
    );
    this.#lastCommitted = txids['commit'] === undefined ? undefined : Number(txids['commit']);
    const preparedTxid = txids['prepare'] === undefined ? undefined : Number(txids['prepare']);
    this.#prepared = new Map(Object.entries(prepared).map(([key, value]) => [key, value === TOMBSTONE ? null : value]));
    const pending = preparedTxid !== undefined && (this.#prepared.size > 0 || preparedTxid !== this.#lastCommitted);
    return {
      committed: new Map(Object.entries(committed)),
      committedTxid: this.#lastCommitted,
      prepared: pending ? { txid: preparedTxid, changes: new Map(this.#prepared) } : undefined,
    };
  }

  async prepare(txid: number, changes: ReadonlyMap<string, Change>): Promise<void> {
    const multi = this.#redis.multi().del(this.#preparedKey);
    if (changes.size > 0) multi.hset(this.#preparedKey, Object.fromEntries([...changes].map(([key, value]) => [key, value ?? TOMBSTONE])));
    multi.hset(this.#txidKey, 'prepare', String(txid));
    await this.#run(() => multi.exec());
    this.#prepared = new Map(changes);
  }

  async commit(txid: number): Promise<void> {
    const puts: Record<string, string> = {};
    const deletes: string[] = [];
    for (const [key, value] of this.#prepared) {
      if (value === null) deletes.push(key);
      else puts[key] = value;
    }
    const multi = this.#redis.multi();
    if (Object.keys(puts).length > 0) multi.hset(this.#committedKey, puts);
    if (deletes.length > 0) multi.hdel(this.#committedKey, ...deletes);
    multi.hset(this.#txidKey, 'commit', String(txid)).del(this.#preparedKey);
    await this.#run(() => multi.exec());
    this.#prepared = new Map();
    this.#lastCommitted = txid;
  }

  async rollback(): Promise<void> {
    const multi = this.#redis.multi().del(this.#preparedKey);
    if (this.#lastCommitted === undefined) multi.hdel(this.#txidKey, 'prepare');
    else multi.hset(this.#txidKey, 'prepare', String(this.#lastCommitted));
    await this.#run(() => multi.exec());
    this.#prepared = new Map();
  }

  async write(changes: ReadonlyMap<string, Change>): Promise<void> {
    const committed = new Map<string, string>();
    applyChanges(committed, changes);
    const deletes = [...changes].filter(([, value]) => value === null).map(([key]) => key);
    const multi = this.#redis.multi();
    if (committed.size > 0) multi.hset(this.#committedKey, Object.fromEntries(committed));
    if (deletes.length > 0) multi.hdel(this.#committedKey, ...deletes);
    await this.#run(() => multi.exec());
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
    return Promise.resolve();
  }

  /** Runs a command, connecting first; a failure names the store and Redis's own reason. */
  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      if (this.#redis.status === 'wait') await this.#redis.connect();
      const result = await command();
      // EXEC answers each queued command's error in its slot.
      if (Array.isArray(result)) {
        for (const slot of result) if (Array.isArray(slot) && slot[0] instanceof Error) throw slot[0];
      }
      return result;
    } catch (error) {
      const reason = (error as Error).message || this.#lastError?.message || String(error);
      throw new Error(`${this.where}: ${reason}`);
    }
  }
}

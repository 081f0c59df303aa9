// The stores behind StatefulBolt, each against the real thing (a file in a temp dir, a redis-server on 127.0.0.1):
// Storm's transactional layout, a prepared copy that survives a crash before its commit, rollback, and the
// key-value state's layers over them.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { FileStore } from '../../lib/state/file-store.js';
import { KeyValueState, StateTransaction, type StateKey } from '../../lib/state/key-value-state.js';
import { RedisStore } from '../../lib/state/redis-store.js';
import type { StateStore } from '../../lib/state/store.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let dir: string;
beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(path.join(os.tmpdir(), 'stp-stores-'));
});
const opened: StateStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

let namespaces = 0;
function track<S extends StateStore>(store: S): S {
  opened.push(store);
  return store;
}
const stores: Record<string, () => StateStore> = {
  file: () => track(new FileStore(dir, `bolt-${++namespaces}`)),
  redis: () => track(new RedisStore({ host: '127.0.0.1', port: redis.port, database: 0, timeoutMs: 2000 }, `bolt-${++namespaces}`)),
};

/** A second store on the same namespace: what a restarted task opens. */
function reopen(kind: string, store: StateStore): StateStore {
  const namespace = /\((.*)\)$/.exec(store.where)?.[1] ?? store.where.replace(/^.*\/(.*)\.jsonl$/, '$1');
  return track(kind === 'file' ? new FileStore(dir, namespace) : new RedisStore({ host: '127.0.0.1', port: redis.port, database: 0, timeoutMs: 2000 }, namespace));
}

function counts(): KeyValueState<string, number> {
  return new KeyValueState<string, number>((v) => (typeof v === 'number' ? undefined : 'not a number'));
}

describe.each(Object.keys(stores))('%s store', (kind) => {
  it('commits what was prepared, and a restarted task reads the committed copy', async () => {
    const store = stores[kind]!();
    const state = counts();
    const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
    await tx.load();
    state.put('apple', 1);
    state.put('fig', 2);
    await tx.prepare(0);
    await tx.commit(0);
    state.put('apple', 5);
    state.delete('fig');
    await tx.prepare(1);
    await tx.commit(1);
    await store.close();

    const again = counts();
    const restarted = reopen(kind, store);
    await new StateTransaction(restarted, [again as unknown as KeyValueState<StateKey, unknown>]).load();
    expect([...again]).toEqual([['apple', 5]]);
    await restarted.close();
  });

  it('keeps a prepared copy across a crash before its commit: recovery commits it, or rolls it back', async () => {
    const store = stores[kind]!();
    const state = counts();
    const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
    await tx.load();
    state.put('apple', 1);
    await tx.prepare(0);
    await tx.commit(0);
    state.put('apple', 2);
    state.put('dog', 7);
    await tx.prepare(1);
    await store.close(); // the task dies here

    const loaded = await reopen(kind, store).load();
    expect(loaded.committedTxid).toBe(0);
    expect(loaded.prepared?.txid).toBe(1);
    expect(Object.fromEntries(loaded.committed)).toEqual({ '"apple"': '1' });

    // Recovery with the transaction COMMITTING: the restarted task commits the prepared copy it found.
    const after = counts();
    const restarted = reopen(kind, store);
    const tx2 = new StateTransaction(restarted, [after as unknown as KeyValueState<StateKey, unknown>]);
    await tx2.load();
    await tx2.commit(1);
    expect(Object.fromEntries(after)).toEqual({ apple: 2, dog: 7 });
    // A later change, prepared then rolled back (recovery with the transaction PREPARING), is gone.
    after.put('dog', 100);
    await tx2.prepare(2);
    await tx2.rollback();
    expect(after.get('dog')).toBe(7);
    await restarted.close();
    const final = await reopen(kind, store).load();
    expect(final.prepared).toBeUndefined();
    expect(Object.fromEntries(final.committed)).toEqual({ '"apple"': '2', '"dog"': '7' });
  });

  it('refuses to commit another txid than the prepared one, and to prepare a committed one', async () => {
    const store = stores[kind]!();
    const state = counts();
    const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
    await tx.load();
    state.put('a', 1);
    await tx.prepare(3);
    await expect(tx.commit(4)).rejects.toThrow('cannot commit txid 4: the prepared transaction is txid 3');
    await tx.commit(3);
    await expect(tx.prepare(3)).rejects.toThrow('cannot prepare txid 3: txid 3 is already committed');
    await store.close();
  });
});

it("redis: Storm's layout (<ns>, <ns>$prepare, <ns>$txid with prepare and commit)", async () => {
  const store = track(new RedisStore({ host: '127.0.0.1', port: redis.port, database: 0, timeoutMs: 2000 }, 'count-3'));
  const state = counts();
  const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
  await tx.load();
  state.put('apple', 1);
  await tx.prepare(0);
  await tx.commit(0);
  state.put('apple', 2);
  state.delete('none');
  await tx.prepare(1);
  const client = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
  await client.connect();
  try {
    expect(await client.hgetall('count-3')).toEqual({ '"apple"': '1' });
    expect(await client.hgetall('count-3$prepare')).toEqual({ '"apple"': '2', '"none"': '' });
    expect(await client.hgetall('count-3$txid')).toEqual({ commit: '0', prepare: '1' });
    await tx.commit(1);
    expect(await client.exists('count-3$prepare')).toBe(0);
    expect(await client.hgetall('count-3$txid')).toEqual({ commit: '1', prepare: '1' });
  } finally {
    client.disconnect();
    await store.close();
  }
});

it('file: a line cut short by a kill is dropped, and the next lines are read', async () => {
  const store = new FileStore(dir, 'torn');
  const state = counts();
  const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
  await tx.load();
  state.put('apple', 1);
  await tx.prepare(0);
  await tx.commit(0);
  await store.close();
  const file = path.join(dir, 'torn.jsonl');
  appendFileSync(file, '{"op":"prepare","txid":1,"chan');
  const again = counts();
  const reopened = new FileStore(dir, 'torn');
  const tx2 = new StateTransaction(reopened, [again as unknown as KeyValueState<StateKey, unknown>]);
  await tx2.load();
  expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  again.put('apple', 2);
  await tx2.prepare(1);
  await tx2.commit(1);
  await reopened.close();
  expect(Object.fromEntries((await new FileStore(dir, 'torn').load()).committed)).toEqual({ '"apple"': '2' });
});

it('the state reads through its layers: changes, then the prepared copy, then the committed one', async () => {
  const store = new FileStore(dir, 'layers');
  const state = counts();
  const tx = new StateTransaction(store, [state as unknown as KeyValueState<StateKey, unknown>]);
  await tx.load();
  state.put('a', 1);
  state.put('b', 2);
  await tx.prepare(0);
  await tx.commit(0);
  state.put('b', 3);
  await tx.prepare(1);
  state.delete('a');
  state.put('c', 4);
  expect(state.get('a')).toBeUndefined();
  expect(state.get('a', 0)).toBe(0);
  expect(state.get('b')).toBe(3);
  expect(new Map(state)).toEqual(new Map([['b', 3], ['c', 4]]));
  expect(() => state.put('d', 'five' as unknown as number)).toThrow('state.put("d", ...): not a number');
  await tx.rollback();
  expect(new Map(state)).toEqual(new Map([['a', 1], ['b', 2]]));
  await store.close();
});

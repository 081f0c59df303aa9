// The state a StatefulBolt reads and writes as `this.state`: Storm's KeyValueState (get, put, delete, iteration),
// held in the task's memory over three layers, as storm-redis's RedisKeyValueState keeps them: the changes since
// the last prepare, the prepared changes (written to the store, waiting for their commit), and the committed copy
// (loaded from the store when the state is first used). get() and put() never wait for the store; only prepare,
// commit and rollback do. Keys are strings, numbers or booleans; values anything JSON keeps.
import type { Change, StateStore, StoredState } from './store.js';

/** A deleted key among the changes. */
const DELETED: unique symbol = /* @__PURE__ */ Symbol('stp.state.deleted');
type Layer<K, V> = Map<K, V | typeof DELETED>;

/** A committed object value, kept as JSON so that changing what get() returned changes nothing until put(). */
class Frozen {
  constructor(readonly json: string) {}
}

export type StateKey = string | number | boolean;

/** What prepare() writes for one state, and how the state moves on once the store has it. */
export interface Staged {
  readonly changes: ReadonlyMap<string, Change>;
  done(): void;
}

export class KeyValueState<K extends StateKey, V> implements Iterable<[K, V]> {
  #changes: Layer<K, V> = new Map();
  #prepared: { txid: number; layer: Layer<K, V>; raw: Map<string, Change> } | undefined;
  #committed = new Map<K, V | Frozen>();
  #committedTxid: number | undefined;

  /** @internal */
  constructor(
    /** Checks a value before it is kept: a message when it cannot be stored. */
    private readonly checkValue: (value: unknown) => string | undefined,
    /** Put before every encoded key in the store, so that several states share one namespace. */
    private readonly prefix = '',
  ) {}

  get(key: K): V | undefined;
  get(key: K, defaultValue: V): V;
  get(key: K, defaultValue?: V): V | undefined {
    const changed = this.#changes.get(key);
    if (changed !== undefined) return changed === DELETED ? defaultValue : changed;
    const prepared = this.#prepared?.layer.get(key);
    if (prepared !== undefined) return prepared === DELETED ? defaultValue : prepared;
    const committed = this.#committed.get(key);
    if (committed === undefined) return defaultValue;
    return committed instanceof Frozen ? (JSON.parse(committed.json) as V) : committed;
  }

  put(key: K, value: V): void {
    const problem = this.checkValue(value);
    if (problem !== undefined) throw new TypeError(`state.put(${JSON.stringify(key)}, ...): ${problem}`);
    this.#changes.set(key, value);
  }

  /** Removes the key; returns the value it had. */
  delete(key: K): V | undefined {
    const previous = this.get(key);
    this.#changes.set(key, DELETED);
    return previous;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): IterableIterator<[K, V]> {
    const seen = new Set<K>();
    for (const layer of [this.#changes, this.#prepared?.layer ?? new Map<K, V | typeof DELETED>()]) {
      for (const [key, value] of layer) {
        if (seen.has(key)) continue;
        seen.add(key);
        if (value !== DELETED) yield [key, value];
      }
    }
    for (const [key, value] of this.#committed) {
      if (!seen.has(key)) yield [key, value instanceof Frozen ? (JSON.parse(value.json) as V) : value];
    }
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** @internal Fills the committed copy (and a prepared transaction left in the store) from what the store holds. */
  restore(stored: StoredState): void {
    const own = (encoded: string): boolean => (this.prefix === '' ? !encoded.startsWith('~') : encoded.startsWith(this.prefix));
    const strip = this.prefix.length;
    this.#committed = new Map();
    for (const [key, value] of stored.committed) if (own(key)) this.#committed.set(decodeKey(key.slice(strip)) as K, committedValue(value) as V | Frozen);
    this.#committedTxid = stored.committedTxid;
    this.#changes = new Map();
    this.#prepared = undefined;
    if (stored.prepared) {
      const layer: Layer<K, V> = new Map();
      const raw = new Map<string, Change>();
      for (const [key, value] of stored.prepared.changes) {
        if (!own(key)) continue;
        layer.set(decodeKey(key.slice(strip)) as K, value === null ? DELETED : (JSON.parse(value) as V));
        raw.set(key, value);
      }
      this.#prepared = { txid: stored.prepared.txid, layer, raw };
    }
  }

  /**
   * @internal Storm's prepareCommit, first half: the changes so far, merged over a prepared transaction not yet
   * committed (as storm-redis merges them), encoded for the store; `done()` once the store holds them.
   */
  stage(txid: number): Staged {
    if (this.#committedTxid !== undefined && txid <= this.#committedTxid) {
      throw new Error(`cannot prepare txid ${txid}: txid ${this.#committedTxid} is already committed`);
    }
    const layer: Layer<K, V> = new Map(this.#prepared?.layer);
    const raw = new Map<string, Change>(this.#prepared?.raw);
    for (const [key, value] of this.#changes) {
      layer.set(key, value);
      raw.set(this.prefix + encodeKey(key), value === DELETED ? null : encodeValue(key, value));
    }
    return {
      changes: raw,
      done: () => {
        this.#prepared = { txid, layer, raw };
        this.#changes = new Map();
      },
    };
  }

  /** @internal Refuses a commit of another transaction than the prepared one (Storm's validateCommitTxid). */
  checkCommit(txid: number): void {
    const prepared = this.#prepared;
    if (prepared && prepared.txid !== txid) throw new Error(`cannot commit txid ${txid}: the prepared transaction is txid ${prepared.txid}`);
  }

  /** @internal Storm's commit(txid), once the store committed: the prepared changes join the committed copy. */
  committed(txid: number): void {
    const prepared = this.#prepared;
    if (prepared) {
      for (const [key, value] of prepared.layer) {
        if (value === DELETED) this.#committed.delete(key);
        else this.#committed.set(key, committedValue(prepared.raw.get(this.prefix + encodeKey(key))!) as V | Frozen);
      }
    }
    this.#prepared = undefined;
    this.#committedTxid = txid;
  }

  /** @internal Storm's rollback(): everything since the last commit is forgotten. */
  discard(): void {
    this.#changes = new Map();
    this.#prepared = undefined;
  }
}

/** The states of one task, which share its namespace in the store and are prepared, committed and rolled back together. */
export class StateTransaction {
  constructor(
    readonly store: StateStore,
    private readonly states: readonly KeyValueState<StateKey, unknown>[],
  ) {}

  async load(): Promise<void> {
    const stored = await this.store.load();
    for (const state of this.states) state.restore(stored);
  }

  async prepare(txid: number): Promise<void> {
    const staged = this.states.map((state) => state.stage(txid));
    const changes = new Map<string, Change>();
    for (const s of staged) for (const [key, value] of s.changes) changes.set(key, value);
    await this.store.prepare(txid, changes);
    for (const s of staged) s.done();
  }

  async commit(txid: number): Promise<void> {
    for (const state of this.states) state.checkCommit(txid);
    await this.store.commit(txid);
    for (const state of this.states) state.committed(txid);
  }

  async rollback(): Promise<void> {
    for (const state of this.states) state.discard();
    await this.store.rollback();
  }
}

/** Keys are stored as JSON, as values are: `"apple"`, `42`, `true`. */
export function encodeKey(key: StateKey): string {
  return JSON.stringify(key);
}

function decodeKey(encoded: string): StateKey {
  return JSON.parse(encoded) as StateKey;
}

function encodeValue(key: StateKey, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`state key ${JSON.stringify(key)}: its value ${String(value)} cannot be stored as JSON`);
  return json;
}

/** A committed value: primitives as they are, objects frozen as JSON. */
function committedValue(json: string): unknown {
  const first = json.charCodeAt(0);
  // '{' or '[': an object or array, decoded afresh by each get().
  return first === 0x7b || first === 0x5b ? new Frozen(json) : JSON.parse(json);
}

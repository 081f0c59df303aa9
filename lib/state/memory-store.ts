// Storm's default provider (InMemoryKeyValueStateProvider): the state lives in the task's memory only, so a task
// that restarts starts again from nothing. Kept for parity; stp's own default is the file store.
import { applyChanges, type Change, type StateStore, type StoredState } from './store.js';

export class MemoryStore implements StateStore {
  readonly where: string;
  #committed = new Map<string, string>();
  #committedTxid: number | undefined;
  #prepared: { txid: number; changes: ReadonlyMap<string, Change> } | undefined;

  constructor(namespace: string) {
    this.where = `memory (${namespace}; lost when the task restarts)`;
  }

  load(): Promise<StoredState> {
    return Promise.resolve({ committed: new Map(this.#committed), committedTxid: this.#committedTxid, prepared: this.#prepared });
  }

  prepare(txid: number, changes: ReadonlyMap<string, Change>): Promise<void> {
    this.#prepared = { txid, changes: new Map(changes) };
    return Promise.resolve();
  }

  commit(txid: number): Promise<void> {
    if (this.#prepared) applyChanges(this.#committed, this.#prepared.changes);
    this.#prepared = undefined;
    this.#committedTxid = txid;
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    this.#prepared = undefined;
    return Promise.resolve();
  }

  write(changes: ReadonlyMap<string, Change>): Promise<void> {
    applyChanges(this.#committed, changes);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

// What a state store keeps for one namespace (Storm's: `<componentId>-<taskId>`), in Storm's transactional layout:
// the committed copy, at most one prepared copy (the changes of a transaction that was prepared and neither
// committed nor rolled back), and the txids of the last prepare and commit. A crash between prepare and commit
// leaves the prepared copy in the store, so the COMMIT (or ROLLBACK) that recovery sends finds it.
// Keys and values are stored encoded (JSON); a change of `null` deletes the key (Storm writes a tombstone).

export type Change = string | null;

export interface StoredState {
  readonly committed: ReadonlyMap<string, string>;
  readonly committedTxid: number | undefined;
  readonly prepared: { readonly txid: number; readonly changes: ReadonlyMap<string, Change> } | undefined;
}

export interface StateStore {
  /** For messages: which store and where, e.g. `redis 127.0.0.1:6379 (count-3)`. */
  readonly where: string;
  load(): Promise<StoredState>;
  /** Replaces the prepared copy with `changes` (which already include any earlier prepared ones) and records txid. */
  prepare(txid: number, changes: ReadonlyMap<string, Change>): Promise<void>;
  /** Applies the prepared copy to the committed one, records txid as committed and drops the prepared copy. */
  commit(txid: number): Promise<void>;
  /** Drops the prepared copy; the prepare txid goes back to the last committed one. */
  rollback(): Promise<void>;
  /** Storm's commit() without a txid: writes straight into the committed copy (the checkpoint spout's own state). */
  write(changes: ReadonlyMap<string, Change>): Promise<void>;
  close(): Promise<void>;
}

export function emptyState(): StoredState {
  return { committed: new Map(), committedTxid: undefined, prepared: undefined };
}

/** `committed` with `changes` applied (null deletes). */
export function applyChanges(committed: Map<string, string>, changes: ReadonlyMap<string, Change>): void {
  for (const [key, value] of changes) {
    if (value === null) committed.delete(key);
    else committed.set(key, value);
  }
}

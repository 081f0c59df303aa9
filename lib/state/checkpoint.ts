// Storm's checkpoint protocol, as its CheckpointSpout, CheckPointState and BaseStatefulBoltExecutor define it:
// one checkpoint spout emits [txid, action] on the `$checkpoint` stream; every bolt subscribes to the checkpoint
// stream of each of its sources (spouts replaced by the checkpoint spout) with an all grouping, and acts once the
// same (action, txid) arrived from every task of those streams. stp keeps the names and values Storm uses.

export const CHECKPOINT_STREAM = '$checkpoint';
export const CHECKPOINT_COMPONENT = '$checkpointspout';
export const CHECKPOINT_FIELDS = ['txid', 'action'] as const;
/** Storm's default `topology.state.checkpoint.interval.ms` (defaults.yaml); CheckpointSpout never goes below 100. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;
export const MIN_CHECKPOINT_INTERVAL_MS = 100;
export const CHECKPOINT_INTERVAL_KEY = 'topology.state.checkpoint.interval.ms';

export type CheckpointAction = 'PREPARE' | 'COMMIT' | 'ROLLBACK' | 'INITSTATE';
const ACTIONS: readonly string[] = ['PREPARE', 'COMMIT', 'ROLLBACK', 'INITSTATE'];

/** Where the checkpoint spout's transaction stands (Storm's CheckPointState.State). */
export type TxPhase = 'COMMITTED' | 'COMMITTING' | 'PREPARING';

export interface TxState {
  readonly txid: number;
  readonly phase: TxPhase;
}

/** Storm's CheckPointState.nextState: PREPARING → COMMITTING → COMMITTED → PREPARING(txid + 1); recovery rolls PREPARING back. */
export function nextTxState(state: TxState, recovering: boolean): TxState {
  switch (state.phase) {
    case 'PREPARING':
      return recovering ? { txid: state.txid - 1, phase: 'COMMITTED' } : { txid: state.txid, phase: 'COMMITTING' };
    case 'COMMITTING':
      return { txid: state.txid, phase: 'COMMITTED' };
    case 'COMMITTED':
      return recovering ? state : { txid: state.txid + 1, phase: 'PREPARING' };
  }
}

/** Storm's CheckPointState.nextAction: what the spout sends for a transaction in this phase. */
export function nextAction(state: TxState, recovering: boolean): CheckpointAction {
  switch (state.phase) {
    case 'PREPARING':
      return recovering ? 'ROLLBACK' : 'PREPARE';
    case 'COMMITTING':
      return 'COMMIT';
    case 'COMMITTED':
      return recovering ? 'INITSTATE' : 'PREPARE';
  }
}

/** The checkpoint tuple's values, or undefined when they are not [txid, action]. */
export function readCheckpoint(values: readonly unknown[]): { txid: number; action: CheckpointAction } | undefined {
  const [txid, action] = values;
  if (typeof txid !== 'number' || !Number.isInteger(txid) || typeof action !== 'string' || !ACTIONS.includes(action)) return undefined;
  return { txid, action: action as CheckpointAction };
}

/** What a bolt knows of its checkpoint inputs: the handshake's sources and the tasks of each component. */
export interface CheckpointInputs {
  readonly sources: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  componentTasks(componentId: string): readonly number[];
}

/**
 * Counts checkpoint tuples per (action, txid) until one arrived from every input task (BaseStatefulBoltExecutor's
 * transactionRequestCount), and drops transactions older than the last one handled.
 */
export class CheckpointBarrier {
  readonly #expected: number;
  readonly #counts = new Map<string, number>();
  #lastTxid = Number.MIN_SAFE_INTEGER;

  constructor(inputs: CheckpointInputs) {
    let count = 0;
    for (const [source, streams] of Object.entries(inputs.sources ?? {})) {
      if (CHECKPOINT_STREAM in streams) count += inputs.componentTasks(source).length;
    }
    // A bolt run without a handshake that names its sources (the test kit) acts on every checkpoint tuple.
    this.#expected = Math.max(1, count);
  }

  get expected(): number {
    return this.#expected;
  }

  /** 'act' once the last input task's tuple arrived, 'old' for a transaction older than the last handled, else 'wait'. */
  arrive(action: CheckpointAction, txid: number): 'act' | 'old' | 'wait' {
    const key = `${action}:${txid}`;
    const count = (this.#counts.get(key) ?? 0) + 1;
    if (count < this.#expected) {
      this.#counts.set(key, count);
      return 'wait';
    }
    this.#counts.delete(key);
    if (txid < this.#lastTxid) return 'old';
    this.#lastTxid = action === 'ROLLBACK' ? txid - 1 : txid;
    return 'act';
  }
}

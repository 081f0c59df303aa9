// Storm's acker: each spout tuple (a root) keeps the XOR of the random 64-bit ids of the edges of its tuple tree.
// Every edge id is XORed in once when the tuple is emitted and once when it is acked, so the value returns to
// zero exactly when every tuple of the tree has been acked. A fail or a timeout fails the root at once.
import { randomFillSync } from 'node:crypto';

const pool = new BigUint64Array(4096);
let poolAt = pool.length;

/** A random, non-zero 64-bit id (drawn from a pool refilled by the OS's CSPRNG). */
export function randomId(): bigint {
  for (;;) {
    if (poolAt >= pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    const id = pool[poolAt++]!;
    if (id !== 0n) return id;
  }
}

export interface PendingRoot {
  readonly spoutTask: number;
  readonly messageId: string | number;
  /** Which process of the spout task emitted it (a restarted spout cannot replay its predecessor's tuples). */
  readonly incarnation: number;
  value: bigint;
  /** When the spout emitted it (complete latency counts from here). */
  readonly emittedAt: number;
  /** When its timeout clock started: at emit, or at the last reset_timeout. */
  startedAt: number;
}

export type RootOutcome = 'acked' | 'failed' | 'timed out';

export class Acker {
  // Insertion order is start order, so timeouts are found from the front.
  readonly #roots = new Map<bigint, PendingRoot>();
  readonly #pendingBySpout = new Map<number, number>();

  constructor(private readonly onDone: (root: PendingRoot, outcome: RootOutcome, now: number) => void) {}

  init(root: bigint, value: bigint, spoutTask: number, messageId: string | number, now: number, incarnation = 1): void {
    this.#roots.set(root, { spoutTask, messageId, incarnation, value, emittedAt: now, startedAt: now });
    this.#pendingBySpout.set(spoutTask, (this.#pendingBySpout.get(spoutTask) ?? 0) + 1);
  }

  /** XORs `value` into the root; completes it when the tree is fully acked. Unknown roots are done already. */
  ack(root: bigint, value: bigint, now: number): void {
    const pending = this.#roots.get(root);
    if (!pending) return;
    pending.value ^= value;
    if (pending.value === 0n) this.#finish(root, pending, 'acked', now);
  }

  fail(root: bigint, now: number): void {
    const pending = this.#roots.get(root);
    if (pending) this.#finish(root, pending, 'failed', now);
  }

  /** `reset_timeout`: the root's clock starts again (it moves to the back of the line). */
  resetTimeout(root: bigint, now: number): void {
    const pending = this.#roots.get(root);
    if (!pending) return;
    this.#roots.delete(root);
    pending.startedAt = now;
    this.#roots.set(root, pending);
  }

  /** Fails every root started before `now - timeoutMs`. */
  expire(now: number, timeoutMs: number): void {
    for (const [root, pending] of this.#roots) {
      if (now - pending.startedAt < timeoutMs) break;
      this.#finish(root, pending, 'timed out', now);
    }
  }

  pendingFor(spoutTask: number): number {
    return this.#pendingBySpout.get(spoutTask) ?? 0;
  }

  get pending(): number {
    return this.#roots.size;
  }

  #finish(root: bigint, pending: PendingRoot, outcome: RootOutcome, now: number): void {
    this.#roots.delete(root);
    this.#pendingBySpout.set(pending.spoutTask, (this.#pendingBySpout.get(pending.spoutTask) ?? 1) - 1);
    this.onDone(pending, outcome, now);
  }
}

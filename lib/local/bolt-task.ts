// A bolt task, driven as Storm's ShellBolt drives it: tuples stream in asynchronously; the bolt acks, fails and
// emits (anchored to the tuples it read) whenever it likes. Heartbeats go out about every second and anything
// the bolt sends counts as a sign of life; ticks are sent at the component's tick frequency and must be acked.
import { HEARTBEAT_STREAM, SYSTEM_COMPONENT, TICK_STREAM, type EmitCommand, type TupleMessage } from '../multilang/messages.js';
import { CONF, confNumber } from './conf.js';
import { encodeTupleFrame } from './frames.js';
import { Task, preview } from './task.js';
import type { InFlight } from './task-host.js';

const HEARTBEAT_MS = 1000;
const KEEP_HEARTBEAT_IDS = 10;

export class BoltTask extends Task {
  readonly inFlight = new Map<string, InFlight>();
  readonly #heartbeatIds: string[] = [];
  #lastHeartbeat = 0;
  #lastTick = 0;
  #maxPending: number | undefined;
  #tickMs: number | null | undefined;
  backPressured = false;

  get maxPending(): number {
    return (this.#maxPending ??= confNumber(this.conf, CONF.shellboltMaxPending, 100, `bolt '${this.component.id}'`, 1)!);
  }

  get tickMs(): number | null {
    if (this.#tickMs === undefined) {
      const secs = confNumber(this.conf, CONF.tickFreqSecs, null, `bolt '${this.component.id}'`, 0.001);
      this.#tickMs = secs === null ? null : secs * 1000;
    }
    return this.#tickMs;
  }

  checkConf(): void {
    void this.maxPending;
    void this.tickMs;
  }

  send(message: TupleMessage, entry: InFlight): void {
    this.inFlight.set(message.id, entry);
    this.child.sendFrame(encodeTupleFrame(message));
    if (!this.backPressured && this.child.queued >= this.maxPending) {
      this.backPressured = true;
      this.engine.backPressureChanged(this, true);
    }
  }

  tick(now: number): void {
    if (this.state !== 'ready') return;
    if (!this.held && now - this.lastHeard > this.engine.limits.subprocessTimeoutMs) {
      this.fault(`sent nothing for ${Math.round((now - this.lastHeard) / 1000)} s, not even a heartbeat sync (topology.subprocess.timeout.secs is ${this.engine.limits.subprocessTimeoutMs / 1000} s)`);
      return;
    }
    if (now - this.#lastHeartbeat >= HEARTBEAT_MS) {
      this.#lastHeartbeat = now;
      const id = this.engine.nextTupleId();
      this.#heartbeatIds.push(id);
      if (this.#heartbeatIds.length > KEEP_HEARTBEAT_IDS) this.#heartbeatIds.shift();
      this.child.send({ id, comp: null, stream: HEARTBEAT_STREAM, task: -1, tuple: [] } satisfies TupleMessage);
    }
    const tickMs = this.tickMs;
    if (tickMs !== null && this.engine.running && now - this.#lastTick >= tickMs) {
      this.#lastTick = now;
      const id = this.engine.nextTupleId();
      this.send(
        { id, comp: SYSTEM_COMPONENT, stream: TICK_STREAM, task: -1, tuple: [tickMs / 1000] },
        { roots: null, ackVal: 0n, sentAt: now, kind: 'tick' },
      );
    }
  }

  /** Tuples sent to it that no tree tracks (emitted without a message id, or ackers off): lost if the run stops now. */
  get untrackedInFlight(): number {
    let count = 0;
    for (const entry of this.inFlight.values()) if (entry.roots === null && entry.kind === 'tuple') count++;
    return count;
  }

  /** The tuples it held are not acked: their trees time out and their spouts' fail runs, as on Storm. */
  lostProcess(): void {
    this.inFlight.clear();
    this.#heartbeatIds.length = 0;
    this.drained();
  }

  protected ready(): void {
    const now = Date.now();
    this.#lastHeartbeat = now;
    this.#lastTick = now;
    this.engine.taskReady(this);
  }

  protected override drained(): void {
    if (this.backPressured) {
      this.backPressured = false;
      this.engine.backPressureChanged(this, false);
    }
  }

  protected handle(message: Record<string, unknown>, command: string): void {
    switch (command) {
      case 'emit':
        this.#emit(message as unknown as EmitCommand);
        return;
      case 'ack':
      case 'fail': {
        const entry = this.#take(message['id'], command);
        if (!entry) return;
        const now = Date.now();
        if (entry.kind === 'tick') return;
        if (command === 'ack') {
          this.stats.acked++;
          this.stats.latency(now - entry.sentAt);
        } else {
          this.stats.failed++;
        }
        if (entry.roots) this.engine.treeUpdate(entry, command, now);
        return;
      }
      case 'sync':
        return; // a heartbeat answer: lastHeard is already updated
      case 'reset_timeout': {
        const entry = this.inFlight.get(String(message['id']));
        if (!entry) {
          this.fault(`sent reset_timeout for tuple id ${preview(message['id'])}, which it has not been sent or already acked or failed`);
          return;
        }
        if (entry.roots) for (const root of entry.roots.keys()) this.engine.acker.resetTimeout(root, Date.now());
        return;
      }
      default:
        this.fault(`sent the unknown command '${command}': ${preview(message)}`);
    }
  }

  #take(id: unknown, command: string): InFlight | undefined {
    const key = String(id);
    const entry = this.inFlight.get(key);
    if (!entry) {
      const heartbeat = this.#heartbeatIds.includes(key) ? ' (that is a heartbeat: answer heartbeats with sync, never ack or fail them)' : '';
      this.fault(`sent ${command} for tuple id ${preview(id)}, which it has not been sent or already acked or failed${heartbeat}`);
      return undefined;
    }
    this.inFlight.delete(key);
    return entry;
  }

  #emit(emit: EmitCommand): void {
    if (emit.anchors !== undefined && !Array.isArray(emit.anchors)) {
      this.fault(`emitted with anchors ${preview(emit.anchors)}; anchors must be a list of tuple ids`);
      return;
    }
    const anchors: InFlight[] = [];
    for (const id of emit.anchors ?? []) {
      const entry = this.inFlight.get(String(id));
      if (!entry) {
        this.fault(`emitted anchored to tuple id ${preview(id)}, which it has not been sent or already acked or failed`);
        return;
      }
      anchors.push(entry);
    }
    const targets = this.route(emit);
    if (!targets) return;
    this.stats.emitted++;
    this.stats.transferred += targets.length;
    const stream = emit.stream ?? 'default';
    const tracked = anchors.some((a) => a.roots !== null && a.roots.size > 0);
    for (const target of targets) {
      let roots: Map<bigint, bigint> | null = null;
      if (tracked) {
        roots = new Map();
        for (const anchor of anchors) {
          if (!anchor.roots) continue;
          const edge = this.engine.edgeId();
          anchor.ackVal ^= edge;
          for (const root of anchor.roots.keys()) roots.set(root, (roots.get(root) ?? 0n) ^ edge);
        }
      }
      this.engine.deliver(target, this, stream, emit.tuple, roots);
    }
    this.engine.reportTuple(this, stream, emit.tuple, targets, undefined, emit.anchors);
    // On stdin, in emit order, between whatever tuples are already queued.
    if (emit.need_task_ids !== false) this.child.send(targets);
  }
}

// A spout task, driven as Storm's ShellSpout drives it: strictly one command at a time, each answered by emits
// and logs and ended by a sync. `next` is sent only while the spout is active, under its max spout pending,
// and while no bolt is back-pressured; acks and fails of finished trees go first.
import type { EmitCommand, SpoutCommand, TupleId } from '../multilang/messages.js';
import { randomId } from './acker.js';
import { CONF, confNumber } from './conf.js';
import { encodeSpoutCommand } from './frames.js';
import { Task, preview } from './task.js';

/** Storm sleeps a spout that emitted nothing for this long before the next `next` (its sleep wait strategy). */
const EMPTY_NEXT_PAUSE_MS = 1;

/** A command waiting for the spout; a `fail` carries the incarnation that emitted the tuple. */
interface Queued {
  readonly command: SpoutCommand;
  readonly emittedBy?: number;
}

export class SpoutTask extends Task {
  active = false;
  /** The command awaiting its sync, if any. */
  #turn: SpoutCommand['command'] | null = null;
  #turnEmitted = 0;
  /** In a `fail` turn: the failed tuple, who emitted it, and whether the spout emitted it again (a replay). */
  #failing: { id: TupleId; emittedBy: number | undefined; replayed: boolean } | null = null;
  #commands: Queued[] = [];
  #pausedUntilTimer = false;
  #maxPending: number | null = null;

  get idle(): boolean {
    return this.#turn === null && this.#commands.length === 0;
  }

  get maxPending(): number | null {
    return (this.#maxPending ??= confNumber(this.conf, CONF.maxSpoutPending, null, `spout '${this.component.id}'`, 1));
  }

  checkConf(): void {
    void this.maxPending;
  }

  /** Queues a command; `emittedBy` (fails) is the incarnation whose emit failed. Kept across a restart. */
  enqueue(command: SpoutCommand, emittedBy?: number): void {
    this.#commands.push(emittedBy === undefined ? { command } : { command, emittedBy });
    this.pump();
  }

  /** Sends the next command if the spout is between turns and one is due. */
  pump(): void {
    if (this.state !== 'ready' || this.#turn !== null) return;
    const queued = this.#commands.shift();
    if (queued) {
      const { command } = queued;
      this.#failing = command.command === 'fail' ? { id: command.id, emittedBy: queued.emittedBy, replayed: false } : null;
      this.#send(command);
      return;
    }
    if (!this.active || this.#pausedUntilTimer || this.engine.backPressured) return;
    const max = this.maxPending;
    if (max !== null && this.engine.acker.pendingFor(this.task) >= max) return;
    this.#send({ command: 'next' });
  }

  tick(now: number): void {
    if (this.#turn !== null && now - this.lastHeard > this.engine.limits.subprocessTimeoutMs) {
      this.fault(`did not sync its '${this.#turn}' turn within ${this.engine.limits.subprocessTimeoutMs / 1000} s (topology.subprocess.timeout.secs)`);
    }
  }

  protected ready(): void {
    this.engine.taskReady(this);
  }

  protected handle(message: Record<string, unknown>, command: string): void {
    switch (command) {
      case 'emit':
        this.#emit(message as unknown as EmitCommand);
        return;
      case 'sync':
        this.#sync();
        return;
      default:
        this.fault(
          `sent '${command}' ${this.#turn ? `inside its '${this.#turn}' turn` : 'between turns'}; a spout may only emit, log, error, metrics and sync (${preview(message)})`,
        );
    }
  }

  #send(command: SpoutCommand): void {
    this.#turn = command.command;
    this.#turnEmitted = 0;
    this.lastHeard = Date.now();
    this.child.sendFrame(encodeSpoutCommand(command), true);
  }

  /**
   * The process is gone. Acks and fails still queued go to the next process (Storm delivers them to the task);
   * a tuple it was failing when it died can no longer be replayed by anyone.
   */
  lostProcess(): void {
    if (this.#failing && !this.#failing.replayed) this.stats.lost++;
    this.#failing = null;
    this.#turn = null;
    this.#pausedUntilTimer = false;
    this.active = false;
    this.#commands = this.#commands.filter((q) => q.command.command === 'ack' || q.command.command === 'fail');
  }

  #sync(): void {
    if (this.#turn === null) {
      this.fault('sent a sync without a command to answer');
      return;
    }
    const failing = this.#failing;
    if (failing) {
      this.#failing = null;
      // Not emitted again: the spout gave the tuple up; or, when an earlier process emitted it, nobody remembers it.
      if (!failing.replayed) {
        if (failing.emittedBy === undefined || failing.emittedBy === this.incarnation) this.stats.gaveUp++;
        else this.stats.lost++;
      }
    }
    const wasNext = this.#turn === 'next';
    this.#turn = null;
    if (wasNext && this.#turnEmitted === 0 && this.#commands.length === 0) {
      // Nothing to emit: do not spin.
      this.#pausedUntilTimer = true;
      setTimeout(() => {
        this.#pausedUntilTimer = false;
        this.pump();
      }, EMPTY_NEXT_PAUSE_MS);
      return;
    }
    this.pump();
  }

  #emit(emit: EmitCommand): void {
    const targets = this.route(emit);
    if (!targets) return;
    this.#turnEmitted++;
    this.stats.emitted++;
    this.stats.transferred += targets.length;
    const id = emit.id;
    const tracked = id !== undefined && id !== null && this.engine.limits.ackersEnabled;
    if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
      this.fault(`emitted with message id ${preview(id)}; a message id must be a string or a number`);
      return;
    }
    const stream = emit.stream ?? 'default';
    if (id !== undefined && id !== null) {
      if (this.#failing && this.#failing.id === id) {
        this.#failing.replayed = true;
        this.stats.replayed++;
      } else {
        this.stats.reliable++;
      }
    }
    if (tracked && targets.length > 0) {
      const root = randomId();
      let value = 0n;
      for (const target of targets) {
        const edge = randomId();
        value ^= edge;
        this.engine.deliver(target, this, stream, emit.tuple, new Map([[root, edge]]));
      }
      this.engine.acker.init(root, value, this.task, id as TupleId, Date.now(), this.incarnation);
    } else {
      for (const target of targets) this.engine.deliver(target, this, stream, emit.tuple, null);
      // Untracked (no ackers) or nobody listening: Storm acks a reliable spout tuple at once.
      if (id !== undefined && id !== null) this.engine.completeAtEmit(this, id as TupleId);
    }
    this.engine.reportTuple(this, stream, emit.tuple, targets, id ?? undefined, undefined);
    if (emit.need_task_ids !== false) this.child.send(targets);
  }
}
